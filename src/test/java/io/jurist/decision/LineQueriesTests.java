package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.api.FieldError;
import io.jurist.ruleset.ClassCodes;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.RulesetCompiler;
import io.jurist.ruleset.RulesetFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte checker of the usual batch line accepts exactly what the request check accepts and makes the same query
 * of it: over generated lines whose every field is valid or not in the ways a caller gets them wrong (case, aliases,
 * unknown purposes and consents, blank and long ids, ages past the range, instants in other forms, invalid dates,
 * outside the accepted range), with instants repeated so that the kept ones are read again.
 */
class LineQueriesTests {

    static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");

    // Each list begins with valid values: the usual ones.
    private static final String[] IDS = {"member-1", "m", " x ", "", " ", "   ", "a".repeat(128), "a".repeat(129),
        "x y"};
    private static final String[] COUNTRIES = {"GB", "gb", "Gb", "UK", "uk", "EL", "el", "GR", "DE", "US", "CH", "XX",
        "G", "GBR", "", "1A", "A1", "zz"};
    private static final String[] PURPOSES = {"GENAI_TRAINING", "genai_training", "GENAI", "", "UNKNOWN",
        "GENAI_TRAININGS"};
    private static final String[] CONSENTS = {"OPTED_IN", "OPTED_OUT", "NOT_SET", "opted_in", "", "YES"};
    private static final String[] INSTANTS = {"2025-01-01T00:00:00Z", "2024-11-20T00:00:00Z", "2024-11-19T23:59:59Z",
        "2024-09-18T00:00:00Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2025-01-01T00:00:00.000Z",
        "2025-01-01T00:00:00.5Z", "2025-01-01T00:00Z", "2025-01-01T00:00:00+01:00", "1899-12-31T23:59:59Z",
        "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "x", "", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
        "2025-01-32T00:00:00Z", "2025-1-01T00:00:00Z", "+10000-01-01T00:00:00Z"};
    private static final String[] AGES = {"0", "17", "18", "34", "150", "151", "999999999"};

    /** A line of the usual (compact) form, fields present or not, in the usual order or shuffled. */
    static String line(SplittableRandom random) {
        List<String> subject = new ArrayList<>();
        if (random.nextInt(20) != 0) {
            subject.add("\"id\":\"" + pick(random, IDS) + "\"");
        }
        if (random.nextInt(20) != 0) {
            subject.add("\"country\":\"" + pick(random, COUNTRIES) + "\"");
        }
        if (random.nextInt(3) != 0) {
            subject.add("\"age\":" + pick(random, AGES));
        }
        List<String> fields = new ArrayList<>();
        if (random.nextInt(30) != 0) {
            fields.add("\"subject\":{" + String.join(",", shuffled(random, subject)) + "}");
        }
        if (random.nextInt(20) != 0) {
            fields.add("\"purpose\":\"" + pick(random, PURPOSES) + "\"");
        }
        if (random.nextInt(5) != 0) {
            fields.add("\"consent\":\"" + pick(random, CONSENTS) + "\"");
        }
        if (random.nextInt(6) != 0) {
            fields.add("\"at\":\"" + pick(random, INSTANTS) + "\"");
        }
        return "{" + String.join(",", shuffled(random, fields)) + "}";
    }

    private static String pick(SplittableRandom random, String[] values) {
        // The first (valid) values most often, so that many lines are valid throughout.
        return random.nextInt(5) != 0 ? values[random.nextInt(values == PURPOSES ? 1 : 3)]
                : values[random.nextInt(values.length)];
    }

    private static List<String> shuffled(SplittableRandom random, List<String> parts) {
        if (random.nextInt(4) == 0) {
            Collections.shuffle(parts, new java.util.Random(random.nextLong()));
        }
        return parts;
    }

    @Test
    void acceptsWhatTheCheckAcceptsAndMakesTheSameQuery() {
        CompiledRuleset ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
        ClassCodes codes = ruleset.classCodes();
        assertThat(codes).isNotNull();
        LineQueries queries = new LineQueries(codes, Clock.fixed(NOW, ZoneOffset.UTC));
        CompactLine compact = new CompactLine();
        SplittableRandom random = new SplittableRandom(14);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            String line = line(random);
            byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.US_ASCII);
            assertThat(compact.read(bytes, 2, bytes.length - 2)).as(line).isTrue();
            List<FieldError> errors = new ArrayList<>();
            Optional<DecisionQuery> checked = Decider.check(compact.request(), ruleset, NOW, errors);
            DecisionQuery query = queries.query(compact);
            assertThat(Optional.ofNullable(query)).as(line).isEqualTo(checked);
            if (query != null) {
                accepted++;
                byte[] country = query.country().getBytes(StandardCharsets.US_ASCII);
                byte[] purpose = query.purpose().getBytes(StandardCharsets.US_ASCII);
                assertThat(queries.code()).as(line).isEqualTo(codes.code(codes.country(country, 0, 2),
                        codes.purpose(purpose, 0, purpose.length), query.consent(), query.age(), query.at()));
            } else {
                refused++;
            }
        }
        assertThat(accepted).isGreaterThan(5_000);
        assertThat(refused).isGreaterThan(10_000);
    }

    @Test
    void anInstantReadAgainIsTheSameAndAnotherTextIsReadAfresh() {
        CompiledRuleset ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
        LineQueries queries = new LineQueries(ruleset.classCodes(), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int round = 0; round < 3; round++) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 28; day++) {
                    String text = String.format("2025-%02d-%02dT00:00:00Z", month, day);
                    byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
                    assertThat(queries.instant(bytes, 1, bytes.length - 1)).as(text).isEqualTo(Instant.parse(text));
                }
            }
        }
    }
}
