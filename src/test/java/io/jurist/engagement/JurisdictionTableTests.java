package io.jurist.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JurisdictionTableTests {

    static final String TABLE = """
            # Status of each purpose by jurisdiction.
            jurisdiction,purpose,status,consent_model,since,reference
            "GB",GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,"ICO, 2024"
            *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,"User agreement, effective 2024-11-20"
            """;

    @Test
    void readsRowsWithTheTablesOwnCodecSoAQuotedCountryIsFoundAndCommasAreKept() {
        String table = JurisdictionTable.withRows(TABLE, "GENAI_TRAINING", Map.of(
                "GB", List.of("SUSPENDED", "OPT_IN", "2024-11-20T00:00:00Z", "ICO engagement, January 2025")));
        assertThat(table).isEqualTo("""
                # Status of each purpose by jurisdiction.
                jurisdiction,purpose,status,consent_model,since,reference
                GB,GENAI_TRAINING,SUSPENDED,OPT_IN,2024-11-20T00:00:00Z,"ICO engagement, January 2025"
                *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,"User agreement, effective 2024-11-20"
                """);
    }

    /** Issue 17, policies with history: a suspension from a date adds a period and keeps the history. */
    @Test
    void aChangeFromADateIsANewPeriodAfterTheCountrysRowsOrAtTheEnd() {
        String table = JurisdictionTable.withRows(TABLE, "GENAI_TRAINING", Map.of(
                "GB", List.of("SUSPENDED", "OPT_IN", "2025-01-01T00:00:00Z", "ICO engagement, January 2025"),
                "BR", List.of("SUSPENDED", "OPT_OUT", "2025-01-01T00:00:00Z", "ANPD")));
        assertThat(table).isEqualTo("""
                # Status of each purpose by jurisdiction.
                jurisdiction,purpose,status,consent_model,since,reference
                "GB",GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,"ICO, 2024"
                GB,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01T00:00:00Z,"ICO engagement, January 2025"
                *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,"User agreement, effective 2024-11-20"
                BR,GENAI_TRAINING,SUSPENDED,OPT_OUT,2025-01-01T00:00:00Z,ANPD
                """);
    }
}
