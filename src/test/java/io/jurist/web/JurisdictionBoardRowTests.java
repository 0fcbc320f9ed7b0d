package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JurisdictionBoardRowTests {

    private static JurisdictionBoard.Row row(String reference) {
        return new JurisdictionBoard.Row("CL", "GENAI_TRAINING", "SUSPENDED", "OPT_IN", Instant.EPOCH, reference,
                List.of("CL"), 3);
    }

    @Test
    void linksARowToTheEngagementItsReferenceNames() {
        assertThat(row("Suspension SUS-1A2B3C4D (engagement ENG-9F8E7D6C): concern").engagementId())
                .isEqualTo("ENG-9F8E7D6C");
        assertThat(row("ICO engagement of September 2024").engagementId()).isNull();
    }
}
