package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QueryCheckTests {

    @Test
    void parsesInstantsExactlyAsInstantParseDoes() {
        for (String text : List.of("2024-11-25T00:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-11-25T00:00:00.5Z", "2024-12-31T23:59:60Z", "2024-11-25T24:00:00Z",
                "+12024-11-25T00:00:00Z", "2024-11-25T01:00:00+01:00")) {
            assertThat(QueryCheck.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L));
            assertThat(QueryCheck.parseInstant(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of("2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-11-31T00:00:00Z",
                "2024-11-25T00:60:00Z", "2024-11-25", "2024-11-25T00:00:00",
                "2024-11-25 00:00:00Z", "2024-1a-25T00:00:00Z", "")) {
            assertThatThrownBy(() -> QueryCheck.parseInstant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
