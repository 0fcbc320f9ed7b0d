package io.jurist.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainHashTests {

    private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123456Z");

    private static String hash(String actor, String subject, List<String> jurisdictions, String previous) {
        return ChainHash.of(7, AT, "APPROVED", actor, subject, jurisdictions, List.of("GENAI_TRAINING"), 3, "p-1",
                "{\"comment\":\"ok\"}", previous);
    }

    @Test
    void theSameRecordHashesAlikeAndEveryFieldCounts() {
        String base = hash("bob", "ruleset:3", List.of("GB"), ChainHash.GENESIS);
        assertThat(base).startsWith("sha256:").hasSize(7 + 64).isEqualTo(hash("bob", "ruleset:3", List.of("GB"),
                ChainHash.GENESIS));
        assertThat(hash("mallory", "ruleset:3", List.of("GB"), ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(hash("bob", "ruleset:4", List.of("GB"), ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(hash("bob", "ruleset:3", List.of("GB", "IE"), ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(hash("bob", "ruleset:3", List.of("GB"), "sha256:" + "1".repeat(64))).isNotEqualTo(base);
        assertThat(ChainHash.of(7, AT.plusNanos(1000), "APPROVED", "bob", "ruleset:3", List.of("GB"),
                List.of("GENAI_TRAINING"), 3, "p-1", "{\"comment\":\"ok\"}", ChainHash.GENESIS)).isNotEqualTo(base);
    }

    @Test
    void textMovedFromOneFieldToTheNextChangesTheHash() {
        // Without lengths, "bo" + "bruleset:3" would read like "bob" + "ruleset:3".
        assertThat(hash("bo", "bruleset:3", List.of("GB"), ChainHash.GENESIS))
                .isNotEqualTo(hash("bob", "ruleset:3", List.of("GB"), ChainHash.GENESIS));
    }
}
