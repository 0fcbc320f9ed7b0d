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
                "GB", List.of("SUSPENDED", "OPT_IN", "2025-01-01", "ICO engagement, January 2025")));
        assertThat(table).isEqualTo("""
                # Status of each purpose by jurisdiction.
                jurisdiction,purpose,status,consent_model,since,reference
                GB,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01,"ICO engagement, January 2025"
                *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,"User agreement, effective 2024-11-20"
                """);
    }
}
