package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A class code stands for exactly the memo's class: over random queries (every policy change drawn with the instants
 * just before, at and after it), two queries get the same code if and only if the memo gives them equal keys; the
 * country and purpose lookups from bytes accept what the check accepts; the per-batch table of cases.
 */
class ClassCodesTests {

    /** Several periods per country, a region's rows beaten by a country's, a purpose only one region has. */
    private static final Map<String, String> FILES = Map.of(
            ReferenceData.PURPOSES, """
                    code,name,fides_data_use,description
                    GENAI_TRAINING,Training,train_ai_system,Training models
                    ANALYTICS,Analytics,analytics,Counting
                    """,
            ReferenceData.REGIONS, """
                    region,country
                    EEA,DE
                    EEA,FR
                    """,
            ReferenceData.JURISDICTIONS, """
                    jurisdiction,purpose,status,consent_model,since,reference
                    *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,r1
                    EEA,GENAI_TRAINING,SUSPENDED,OPT_IN,2024-09-18,r2
                    DE,GENAI_TRAINING,ENABLED,OPT_IN,2025-03-01,r3
                    DE,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-06-01T12:00:00Z,r4
                    EEA,ANALYTICS,ENABLED,OPT_OUT,2023-01-01,r5
                    """);

    private static ReferenceData reference() {
        List<RulesetProblem> problems = new ArrayList<>();
        ReferenceData reference = ReferenceData.read(FILES, problems);
        assertThat(problems).isEmpty();
        return reference;
    }

    @Test
    void twoQueriesHaveTheSameCodeExactlyWhenTheMemoGivesThemTheSameClass() {
        ReferenceData reference = reference();
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("2024-01-01T00:00:00Z")));
        for (String since : List.of("2023-01-01T00:00:00Z", "2024-09-18T00:00:00Z", "2024-11-20T00:00:00Z",
                "2025-03-01T00:00:00Z", "2025-06-01T12:00:00Z")) {
            Instant at = Instant.parse(since);
            instants.addAll(List.of(at.minusNanos(1), at, at.plusNanos(1), at.plusSeconds(86_400)));
        }
        String[] countries = {"DE", "FR", "GB", "US", "JP", "IT"};
        String[] purposes = {"GENAI_TRAINING", "ANALYTICS"};
        for (Set<String> quoted : List.of(Set.<String>of(), Set.of("getAge"))) {
            DecisionMemo memo = new DecisionMemo(Set.of(13, 16, 18, 65), quoted);
            ClassCodes codes = new ClassCodes(reference, memo);
            Map<DecisionMemo.Key, Long> codeOf = new HashMap<>();
            Map<Long, DecisionMemo.Key> keyOf = new HashMap<>();
            SplittableRandom random = new SplittableRandom(14);
            for (int i = 0; i < 200_000; i++) {
                String country = countries[random.nextInt(countries.length)];
                String purpose = purposes[random.nextInt(purposes.length)];
                Consent consent = Consent.values()[random.nextInt(3)];
                Integer age = random.nextInt(4) == 0 ? null : random.nextInt(QueryCheck.MAX_AGE + 1);
                Instant at = instants.get(random.nextInt(instants.size()));
                DecisionQuery query = new DecisionQuery("m", country, age, purpose, consent, at);
                JurisdictionPolicy policy = reference.policyOrNull(country, purpose, at);
                DecisionMemo.Key key = memo.keyOf(query, policy);
                byte[] c = country.getBytes(StandardCharsets.US_ASCII);
                byte[] p = purpose.getBytes(StandardCharsets.US_ASCII);
                int countryNumber = codes.country(c, 0, c.length);
                int purposeNumber = codes.purpose(p, 0, p.length);
                assertThat(codes.countryCode(countryNumber)).isEqualTo(country);
                assertThat(codes.purposeCode(purposeNumber)).isEqualTo(purpose);
                long code = codes.code(countryNumber, purposeNumber, consent, age, at);
                assertThat(code).as("%s", query).isNotNegative();
                assertThat(codeOf.computeIfAbsent(key, k -> code)).as("the code of %s", query).isEqualTo(code);
                assertThat(keyOf.computeIfAbsent(code, k -> key)).as("the class of %s", query).isEqualTo(key);
            }
            // Every country, purpose, consent, age class and period met: many classes, not a few.
            assertThat(codeOf.size()).as("classes").isGreaterThan(500);
        }
    }

    @Test
    void countriesAreReadFromTheirBytesAsTheCheckAcceptsThem() {
        ClassCodes codes = new ClassCodes(reference(), new DecisionMemo(Set.of(), Set.of()));
        for (int first = 0; first < 256; first++) {
            for (int second = 0; second < 256; second++) {
                byte[] b = {(byte) first, (byte) second};
                String text = new String(b, StandardCharsets.ISO_8859_1);
                int number = codes.country(b, 0, 2);
                String expected = Countries.normalize(text).orElse(null);
                assertThat(number < 0 ? null : codes.countryCode(number)).as(text).isEqualTo(expected);
            }
        }
        byte[] three = "GBR".getBytes(StandardCharsets.US_ASCII);
        assertThat(codes.country(three, 0, 3)).isNegative();
        assertThat(codes.country(three, 0, 1)).isNegative();
        assertThat(codes.countryCode(codes.country(three, 0, 2))).isEqualTo("GB");
    }

    @Test
    void purposesAreTheVersionsOwnExactly() {
        ClassCodes codes = new ClassCodes(reference(), new DecisionMemo(Set.of(), Set.of()));
        for (String text : List.of("GENAI_TRAINING", "ANALYTICS", "genai_training", "GENAI", "ANALYTICSX", "")) {
            byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
            int number = codes.purpose(b, 1, b.length - 1);
            boolean known = reference().purposes().containsKey(text);
            assertThat(number >= 0).as(text).isEqualTo(known);
            if (known) {
                assertThat(codes.purposeCode(number)).isEqualTo(text);
            }
        }
    }

    @Test
    void theBatchTableKeepsSealedCasesByCodeUpToItsLimit() {
        ClassCodes codes = new ClassCodes(reference(), new DecisionMemo(Set.of(), Set.of()));
        ClassCodes.Seen seen = codes.seen();
        DecisionCase open = decisionCase();
        seen.learn(7, open);
        assertThat(seen.get(7)).as("an unsealed case is not shared").isNull();
        seen.learn(-1, sealed());
        assertThat(seen.size()).isZero();
        // Codes that differ in high bits only, and neighbours: each keeps its own case.
        List<DecisionCase> cases = new ArrayList<>();
        for (int i = 0; i < ClassCodes.Seen.LIMIT + 10; i++) {
            DecisionCase decided = sealed();
            cases.add(decided);
            seen.learn(code(i), decided);
        }
        assertThat(seen.size()).isEqualTo(ClassCodes.Seen.LIMIT);
        for (int i = 0; i < ClassCodes.Seen.LIMIT; i++) {
            assertThat(seen.get(code(i))).as("code %d", i).isSameAs(cases.get(i));
            // Entries are numbered in the order learnt, and keep their numbers as the table grows.
            assertThat(seen.find(code(i))).as("code %d", i).isEqualTo(i);
            assertThat(seen.at(i)).isSameAs(cases.get(i));
        }
        assertThat(seen.get(code(ClassCodes.Seen.LIMIT))).as("past the limit nothing is learnt").isNull();
        assertThat(seen.find(code(ClassCodes.Seen.LIMIT))).isEqualTo(-1);
        seen.learn(code(0), sealed());
        assertThat(seen.get(code(0))).as("the first case of a class stays").isSameAs(cases.get(0));
    }

    private static long code(int i) {
        return i % 2 == 0 ? i : (long) i << 35;
    }

    private static DecisionCase decisionCase() {
        return new DecisionCase("m", "GB", null, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-01-01T00:00:00Z"), null);
    }

    private static DecisionCase sealed() {
        DecisionCase decided = decisionCase();
        decided.seal();
        return decided;
    }
}
