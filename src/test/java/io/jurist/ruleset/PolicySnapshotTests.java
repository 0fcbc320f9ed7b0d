package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.api.InstantRange;
import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Effect;
import io.jurist.facts.JurisdictionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The proof that the snapshot is exact: a million random requests per ruleset, edges of every range drawn
 * often, each answered by the snapshot and by Drools, with not one difference.
 */
class PolicySnapshotTests {

    private static final int DRAWS = 1_000_000;
    private static final int CHUNK = 2_000;
    private static final String PURPOSE = "GENAI_TRAINING";

    private final RulesetCompiler compiler = new RulesetCompiler();

    /** The starting rules and an extra age rule (two thresholds more, one of them on an opted-in member). */
    static final String EXTRA_AGE_RULE = """
            package io.jurist.rules;

            import io.jurist.facts.Consent;
            import io.jurist.facts.DecisionCase;

            rule "Members over 90 who did not opt in are left out"
                @basis("Test: an extra age line")
            when
                $case : DecisionCase( purpose == "GENAI_TRAINING", age != null, age > 90, consent != Consent.OPTED_IN )
            then
                $case.deny("ELDERLY_NOT_ASKED", "Over 90 and not opted in.");
            end

            rule "Members of exactly 30 carry an extra obligation"
                @basis("Test: an extra age line with an obligation")
            when
                $case : DecisionCase( purpose == "GENAI_TRAINING", age == 30 )
            then
                $case.oblige("REVIEW_AT_30", "Review the record by hand.");
            end
            """;

    /** Effective-dated rows: a lifted suspension, a change at an instant within a day, a region's suspension. */
    static final String EXTRA_ROWS = """
            UK,GENAI_TRAINING,ENABLED,OPT_OUT,2031-01-01,Lifted from 2031 (test)
            DE,GENAI_TRAINING,ENABLED,OPT_IN,2027-03-01T12:34:56.789Z,Germany under opt-in (test)
            DE,GENAI_TRAINING,SUSPENDED,OPT_IN,2029-06-30,Germany suspended again (test)
            *,GENAI_TRAINING,SUSPENDED,OPT_OUT,2035-01-01,Everywhere suspended (test)
            US,GENAI_TRAINING,ENABLED,OPT_IN,2000-01-01,US row from before any other (test)
            """;

    static CompiledRuleset withExtraAgeRule(RulesetCompiler compiler) {
        return compiler.compile(2, Rules.files().with(Map.of("exclusions/Elderly.drl", EXTRA_AGE_RULE)), null);
    }

    static CompiledRuleset withExtraRows(RulesetCompiler compiler) {
        String table = Rules.files().files().get("reference/jurisdictions.csv") + EXTRA_ROWS;
        return compiler.compile(3, Rules.files().with(Map.of("reference/jurisdictions.csv", table)), null);
    }

    @Test
    void theStartingRulesSnapshotEqualsDroolsOnAMillionRandomRequests() {
        assertExact(Rules.compiled(), 1);
    }

    @Test
    void aRulesetWithExtraAgeLinesSnapshotEqualsDroolsOnAMillionRandomRequests() {
        CompiledRuleset ruleset = withExtraAgeRule(compiler);
        assertThat(ruleset.ageThresholds()).contains(18, 90, 30);
        assertExact(ruleset, 2);
    }

    @Test
    void aRulesetWithExtraEffectiveDatedRowsSnapshotEqualsDroolsOnAMillionRandomRequests() {
        assertExact(withExtraRows(compiler), 3);
    }

    @Test
    void theSnapshotIsSmallAndCarriesItsVersion() {
        PolicySnapshot snapshot = PolicySnapshot.of(withExtraAgeRule(compiler), PURPOSE);
        assertThat(snapshot.rows()).hasSizeLessThan(10_000)
                .allSatisfy(row -> assertThat(row.version()).isEqualTo(2))
                .allSatisfy(row -> assertThat(row.revision()).isEqualTo(snapshot.revision()));
        // Every assigned country, every consent, and unknown ages, are there.
        assertThat(snapshot.rows().stream().map(PolicySnapshot.Row::country).distinct().count())
                .isEqualTo(Countries.assigned().size());
        assertThat(snapshot.rows()).anySatisfy(row -> assertThat(row.ageMin()).isNull());
        // Age 30 is its own class where it carries the extra obligation.
        assertThat(snapshot.rows()).anySatisfy(row -> {
            assertThat(row.ageMin()).isEqualTo(30);
            assertThat(row.ageMax()).isEqualTo(31);
            assertThat(row.decision()).isEqualTo(Effect.PERMIT);
            assertThat(row.obligations()).extracting(PolicySnapshot.SnapshotObligation::code).contains("REVIEW_AT_30");
        });
        // Merging: the US under the starting rules changes only when the * row takes effect.
        PolicySnapshot start = PolicySnapshot.of(Rules.compiled(), PURPOSE);
        assertThat(start.rows().stream().filter(r -> r.country().equals("US") && r.consent() == Consent.OPTED_IN
                && r.ageMin() != null && r.ageMin() == 18)).hasSize(2);
    }

    @Test
    void theCheckFindsAWrongAnswer() {
        // The proof is only worth something if it fails when the snapshot is wrong: a snapshot of other rules.
        PolicySnapshot other = PolicySnapshot.of(withExtraAgeRule(compiler), PURPOSE);
        assertThat(differences(Rules.compiled(), other, 200_000, new SplittableRandom(7))).isPositive();
    }

    private static void assertExact(CompiledRuleset ruleset, long seed) {
        PolicySnapshot snapshot = PolicySnapshot.of(ruleset, PURPOSE);
        assertThat(differences(ruleset, snapshot, DRAWS, new SplittableRandom(seed))).isZero();
    }

    /** One drawn request: the text the caller sends and the query the service checks it into. */
    record Drawn(String country, DecisionQuery query) {
    }

    private static long differences(CompiledRuleset ruleset, PolicySnapshot snapshot, int draws,
                                     SplittableRandom random) {
        Draws drawer = new Draws(ruleset, random);
        long differences = 0;
        List<String> examples = new ArrayList<>();
        for (int done = 0; done < draws; done += CHUNK) {
            List<Drawn> drawn = new ArrayList<>(CHUNK);
            for (int i = 0; i < Math.min(CHUNK, draws - done); i++) {
                drawn.add(drawer.next());
            }
            List<DecisionCase> decided = ruleset.decideAll(drawn.stream().map(Drawn::query).toList());
            for (int i = 0; i < drawn.size(); i++) {
                DecisionQuery q = drawn.get(i).query();
                PolicySnapshot.Answer expected = PolicySnapshot.Answer.of(decided.get(i));
                PolicySnapshot.Answer actual = snapshot.answer(drawn.get(i).country(), q.age(),
                        q.consent() == Consent.NOT_SET && random.nextBoolean() ? null : q.consent(), q.at());
                if (!expected.equals(actual)) {
                    differences++;
                    if (examples.size() < 5) {
                        examples.add(drawn.get(i) + ": Drools " + expected + ", snapshot " + actual);
                    }
                }
            }
        }
        if (differences > 0) {
            System.out.println(differences + " differences, e.g. " + examples);
        }
        assertThat(drawer.edgeAges + drawer.edgeInstants).isPositive();
        return differences;
    }

    /** Random requests, edges drawn often. */
    static final class Draws {

        private final SplittableRandom random;
        private final List<String> countries = new ArrayList<>(Countries.assigned());
        private final List<Integer> edgeAgeValues = new ArrayList<>();
        private final List<Instant> edgeInstantValues = new ArrayList<>();
        long edgeAges;
        long edgeInstants;

        Draws(CompiledRuleset ruleset, SplittableRandom random) {
            this.random = random;
            TreeSet<Integer> ages = new TreeSet<>(List.of(0, QueryCheck.MAX_AGE));
            for (int t : ruleset.ageThresholds()) {
                for (int age = t - 1; age <= t + 1; age++) {
                    if (age >= 0 && age <= QueryCheck.MAX_AGE) {
                        ages.add(age);
                    }
                }
            }
            edgeAgeValues.addAll(ages);
            TreeSet<Instant> instants = new TreeSet<>(List.of(InstantRange.EARLIEST, InstantRange.END.minusNanos(1)));
            for (String country : Countries.assigned()) {
                for (List<JurisdictionPolicy> periods : ruleset.reference().history(country).values()) {
                    for (JurisdictionPolicy policy : periods) {
                        for (Instant at : List.of(policy.since().minusNanos(1), policy.since(),
                                policy.since().plusNanos(1))) {
                            if (InstantRange.contains(at)) {
                                instants.add(at);
                            }
                        }
                    }
                }
            }
            edgeInstantValues.addAll(instants);
        }

        Drawn next() {
            String country = countries.get(random.nextInt(countries.size()));
            String sent = switch (random.nextInt(10)) {
                case 0 -> country.toLowerCase(Locale.ROOT);
                case 1 -> "UK";
                case 2 -> "el";
                case 3 -> country.charAt(0) + country.substring(1).toLowerCase(Locale.ROOT);
                default -> country;
            };
            Integer age;
            int ageKind = random.nextInt(10);
            if (ageKind == 0) {
                age = null;
            } else if (ageKind <= 5) {
                age = edgeAgeValues.get(random.nextInt(edgeAgeValues.size()));
                edgeAges++;
            } else {
                age = random.nextInt(QueryCheck.MAX_AGE + 1);
            }
            Instant at;
            if (random.nextBoolean()) {
                at = edgeInstantValues.get(random.nextInt(edgeInstantValues.size()));
                edgeInstants++;
            } else {
                long from = InstantRange.EARLIEST.getEpochSecond();
                long to = random.nextInt(4) == 0 ? InstantRange.END.getEpochSecond()
                        : Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();
                at = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            }
            Consent consent = Consent.values()[random.nextInt(Consent.values().length)];
            String canonical = Countries.normalize(sent).orElseThrow();
            return new Drawn(sent, new DecisionQuery("draw", canonical, age, PURPOSE, consent, at));
        }
    }
}
