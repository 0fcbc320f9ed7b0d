package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdTests {

    @Test
    void isATimeOrderedVersion7UuidThatSortsByTheMillisecond() throws InterruptedException {
        long before = System.currentTimeMillis();
        String first = Evaluation.newDecisionId();
        UUID uuid = UUID.fromString(first);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());

        Thread.sleep(2);
        String later = Evaluation.newDecisionId();
        assertThat(later).isGreaterThan(first);

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Evaluation.newDecisionId());
        }
        assertThat(ids).hasSize(100_000);
    }
}
