package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqlFilterTests {

    private static final SqlFilter.Columns COLUMNS = new SqlFilter.Columns("country", "age", "consent");

    private static SqlFilter.Filter at(String instant, SqlFilter.Dialect dialect) {
        return SqlFilter.of(PolicySnapshot.of(Rules.compiled(), "GENAI_TRAINING"), Instant.parse(instant), dialect,
                COLUMNS);
    }

    @Test
    void beforeAnyRowTakesEffectNobodyIsSelected() {
        SqlFilter.Filter filter = at("1900-01-01T00:00:00Z", SqlFilter.Dialect.POSTGRESQL);
        assertThat(filter.where()).isEqualTo("FALSE");
        assertThat(filter.obligations()).isEmpty();
    }

    @Test
    void underTheStartingRulesMembersNotKnownMinorsWhoDidNotOptOutOutsideTheSuspensionsAreSelected() {
        SqlFilter.Filter filter = at("2025-01-01T00:00:00Z", SqlFilter.Dialect.POSTGRESQL);
        // One group of countries, one condition: everyone but the suspended ones.
        assertThat(filter.where()).startsWith("(\"country\" IN ('AD', 'AE', ")
                .contains("'US'").doesNotContain("'GB'").doesNotContain("'DE'").doesNotContain("'CH'")
                .endsWith("AND ((\"consent\" IN ('OPTED_IN', 'NOT_SET') OR \"consent\" IS NULL) "
                        + "AND (\"age\" IS NULL OR (\"age\" >= 18 AND \"age\" < 151))))");
        assertThat(filter.obligations()).singleElement().satisfies(obligation -> {
            assertThat(obligation.code()).isEqualTo("REDACT_PERSONAL_DATA");
            assertThat(obligation.where()).isEqualTo(filter.where());
        });
    }

    @Test
    void columnNamesAreIdentifiersOnly() {
        assertThatThrownBy(() -> SqlFilter.of(PolicySnapshot.of(Rules.compiled(), "GENAI_TRAINING"),
                Instant.parse("2025-01-01T00:00:00Z"), SqlFilter.Dialect.SPARK,
                new SqlFilter.Columns("country` OR 1=1 --", "age", "consent")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
