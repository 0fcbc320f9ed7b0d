package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Effect;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.Obligation;
import io.jurist.facts.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * The proof that the memo of decisions by input class is exact: a million random queries per ruleset (the snapshot
 * proof's generator, edges of every age range and every policy date drawn often), each answered through the memo
 * and by a fresh Drools execution, compared on everything an answer and the log use: the decision, every reason
 * and obligation with its rule and message, the rules fired, the governing policy.
 */
class DecisionMemoTests {

    private static final int DRAWS = 1_000_000;
    private static final int CHUNK = 1_000;

    private final RulesetCompiler compiler = new RulesetCompiler();

    /**
     * Rules that look at what the input classes are cut by, and quote it: an instant compared with the row's
     * {@code since} both ways (from it on, before it), a bound variable, the exact age in a message.
     */
    static final String EDGE_RULES = """
            package io.jurist.rules;

            import io.jurist.facts.DecisionCase;

            rule "Older members asked after the row took effect are noted with their age"
                @basis("Test: the age quoted in a message")
            when
                $case : DecisionCase( purpose == "GENAI_TRAINING", $s : since, at >= $s, age != null, age >= 65 )
            then
                $case.oblige("OLDER_MEMBER_NOTE", "Aged " + $case.getAge() + ", asked from " + $s + " on.");
            end

            rule "A question before a status took effect is denied"
                @basis("Test: the instant before since")
            when
                $case : DecisionCase( purpose == "GENAI_TRAINING", at < since )
            then
                $case.deny("AT_THE_CHANGE", "Asked before the status changed in " + $case.getRegion()
                        + " (" + $case.getReference() + ", before since: " + $case.isBeforeSince() + ").");
            end
            """;

    /** A message that quotes the instant asked about: no two instants share an answer's text. */
    static final String QUOTES_THE_INSTANT = """
            package io.jurist.rules;

            import io.jurist.facts.DecisionCase;

            rule "The instant is quoted"
                @basis("Test: the instant quoted in a message")
            when
                $case : DecisionCase( purpose == "GENAI_TRAINING", age != null, age < 18 )
            then
                $case.deny("YOUNG_AT", "Young at " + $case.getAt() + ".");
            end
            """;

    private CompiledRuleset withEdgeRules() {
        String table = Rules.files().files().get("reference/jurisdictions.csv") + PolicySnapshotTests.EXTRA_ROWS;
        return compiler.compile(4, Rules.files().with(Map.of("exclusions/Edges.drl", EDGE_RULES,
                "reference/jurisdictions.csv", table)), null);
    }

    @Test
    void theStartingRulesThroughTheMemoEqualDroolsOnAMillionRandomQueries() {
        assertExact(compiler.compile(1, Rules.files(), null), 11);
    }

    @Test
    void aRulesetWithExtraAgeLinesThroughTheMemoEqualsDroolsOnAMillionRandomQueries() {
        assertExact(PolicySnapshotTests.withExtraAgeRule(compiler), 12);
    }

    @Test
    void aRulesetWithExtraEffectiveDatedRowsThroughTheMemoEqualsDroolsOnAMillionRandomQueries() {
        assertExact(PolicySnapshotTests.withExtraRows(compiler), 13);
    }

    @Test
    void rulesOnTheInstantAtSinceAndMessagesQuotingTheAgeThroughTheMemoEqualDroolsOnAMillionRandomQueries() {
        CompiledRuleset ruleset = withEdgeRules();
        assertThat(ruleset.memoised()).isTrue();
        assertExact(ruleset, 14);
        // The edge rules were reached, before a change and from it on.
        PolicySnapshotTests.Draws draws = new PolicySnapshotTests.Draws(ruleset, new SplittableRandom(18));
        Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            DecisionCase decided = ruleset.decide(draws.next().query());
            decided.getReasons().forEach(r -> codes.add(r.code()));
            decided.decisiveObligations().forEach(o -> codes.add(o.code()));
        }
        assertThat(codes).contains("AT_THE_CHANGE", "OLDER_MEMBER_NOTE");
    }

    @Test
    void aRulesetWhoseMessagesQuoteTheInstantIsNotMemoisedAndStillAnswersExactly() {
        CompiledRuleset ruleset = compiler.compile(5, Rules.files().with(Map.of("exclusions/At.drl",
                QUOTES_THE_INSTANT)), null);
        assertThat(ruleset.memoised()).isFalse();
        assertThat(differences(ruleset, 50_000, new SplittableRandom(15))).isZero();
        assertThat(ruleset.memoSize()).isZero();
    }

    @Test
    void theCheckFindsAWrongAnswer() {
        // The comparison is only worth something if it sees a difference: a memo filled by other rules.
        CompiledRuleset other = PolicySnapshotTests.withExtraAgeRule(compiler);
        CompiledRuleset start = compiler.compile(1, Rules.files(), null).unmemoised();
        PolicySnapshotTests.Draws draws = new PolicySnapshotTests.Draws(other, new SplittableRandom(16));
        long differences = 0;
        for (int i = 0; i < 200_000; i++) {
            DecisionQuery query = draws.next().query();
            if (!Outcome.of(other.decide(query)).equals(Outcome.of(start.decide(query)))) {
                differences++;
            }
        }
        assertThat(differences).isPositive();
    }

    @Test
    void theMemoIsUsedBoundedAndPerVersion() {
        CompiledRuleset ruleset = compiler.compile(1, Rules.files(), null);
        DecisionQuery query = new DecisionQuery("m-1", "US", 30, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-06-01T00:00:00Z"));
        DecisionCase first = ruleset.decide(query);
        // Another member of the same class (another age in the range, another instant in the period).
        DecisionCase second = ruleset.decide(new DecisionQuery("m-2", "US", 41, "GENAI_TRAINING", null,
                Instant.parse("2025-07-01T00:00:00Z")));
        assertThat(second).isSameAs(first);
        assertThat(first.isSealed()).isTrue();
        assertThatThrownBy(() -> first.deny("X", "changed")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(first::failClosed).isInstanceOf(IllegalStateException.class);
        assertThat(ruleset.memoSize()).isEqualTo(1);
        // A new version starts empty.
        CompiledRuleset next = ruleset.as(2, Instant.now());
        assertThat(next.memoSize()).isZero();
        assertThat(next.decide(query)).isNotSameAs(first);
        // Bounded: the number of classes a version can remember is capped, whatever is asked.
        SplittableRandom random = new SplittableRandom(17);
        PolicySnapshotTests.Draws draws = new PolicySnapshotTests.Draws(ruleset, random);
        for (int i = 0; i < 200_000; i++) {
            ruleset.decide(draws.next().query());
        }
        assertThat(ruleset.memoSize()).isBetween(2, CompiledRuleset.MEMO_LIMIT);
    }

    @Test
    void concurrentDecisionsThroughOneMemoEqualDrools() throws Exception {
        CompiledRuleset ruleset = PolicySnapshotTests.withExtraRows(compiler);
        CompiledRuleset fresh = ruleset.unmemoised();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 20 + t;
                runs.add(pool.submit(() -> {
                    PolicySnapshotTests.Draws draws = new PolicySnapshotTests.Draws(ruleset, new SplittableRandom(seed));
                    long wrong = 0;
                    for (int i = 0; i < 50_000; i++) {
                        DecisionQuery query = draws.next().query();
                        DecisionCase memoised = i % 2 == 0 ? ruleset.decide(query)
                                : ruleset.decideAll(List.of(query, query)).get(1);
                        if (!Outcome.of(memoised).equals(Outcome.of(fresh.decide(query)))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Long> run : runs) {
                assertThat(run.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // A rule that keeps firing, compiled below the checker, with the memo on as for a checked ruleset.
    private static final String RUNAWAY = """
            package io.jurist.rules;
            import io.jurist.facts.DecisionCase;

            rule "Fires again and again for members in the United Kingdom"
            when
                $case : DecisionCase( country == "GB" )
            then
                $case.permit("AGAIN", "Once more.");
                update($case);
            end
            """;

    @Test
    void aDecisionPastTheFiringLimitFailsClosedAndIsCountedEveryTimeNeverMemoised() {
        LongAdder failedClosed = new LongAdder();
        CompiledRuleset runaway = new CompiledRuleset(1, Rules.files(), Rules.compiled().reference(), List.of(),
                unchecked(RUNAWAY), null, Set.of(), new CompiledRuleset.FiringLimit(50, failedClosed), Set.of());
        assertThat(runaway.memoised()).isTrue();
        DecisionQuery gb = member("GB");
        for (int i = 1; i <= 3; i++) {
            DecisionCase decided = runaway.decide(gb);
            assertThat(decided.decisiveReasons()).containsExactly(DecisionCase.FIRING_LIMIT_EXCEEDED);
            assertThat(decided.firings()).isEqualTo(51);
            assertThat(failedClosed.sum()).isEqualTo(i);
        }
        for (int round = 1; round <= 2; round++) {
            List<DecisionCase> decided = runaway.decideAll(List.of(member("US"), gb, gb, member("FR")));
            assertThat(decided.get(1).decisiveReasons()).containsExactly(DecisionCase.FIRING_LIMIT_EXCEEDED);
            assertThat(decided.get(2).decisiveReasons()).containsExactly(DecisionCase.FIRING_LIMIT_EXCEEDED);
            assertThat(decided.get(1)).isNotSameAs(decided.get(2));
            assertThat(decided.get(0).decisiveReasons()).extracting(Reason::code).containsExactly("NO_RULE_PERMITS");
            assertThat(failedClosed.sum()).isEqualTo(3 + 2L * round);
        }
        // Only the classes that settled are remembered: the US and France, not the United Kingdom.
        assertThat(runaway.memoSize()).isEqualTo(2);
    }

    private static KieBase unchecked(String drl) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        files.write("src/main/resources/io/jurist/rules/Runaway.drl", drl);
        KieBuilder builder = services.newKieBuilder(files).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        return services.newKieContainer(services.getRepository().getDefaultReleaseId()).getKieBase();
    }

    private static DecisionQuery member(String country) {
        return new DecisionQuery("m-" + country, country, 30, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-06-01T00:00:00Z"));
    }

    /** Everything an answer and the decision log take from a decided case. */
    private record Outcome(Effect effect, List<Reason> decisive, List<Obligation> obligations, List<Reason> reasons,
                           List<String> rulesFired, JurisdictionPolicy policy) {

        static Outcome of(DecisionCase c) {
            return new Outcome(c.getEffect(), c.decisiveReasons(), List.copyOf(c.decisiveObligations()),
                    List.copyOf(c.getReasons()), List.copyOf(c.getRulesFired()), c.getPolicy());
        }
    }

    private static void assertExact(CompiledRuleset ruleset, long seed) {
        assertThat(ruleset.memoised()).isTrue();
        assertThat(differences(ruleset, DRAWS, new SplittableRandom(seed))).isZero();
        // The memo did its work: far fewer classes than queries.
        assertThat(ruleset.memoSize()).isPositive().isLessThan(DRAWS / 10);
    }

    /** Queries answered through the memo (in chunks, and one by one) against the same rules without it. */
    private static long differences(CompiledRuleset ruleset, int draws, SplittableRandom random) {
        CompiledRuleset fresh = ruleset.unmemoised();
        PolicySnapshotTests.Draws drawer = new PolicySnapshotTests.Draws(ruleset, random);
        long differences = 0;
        List<String> examples = new ArrayList<>();
        for (int done = 0; done < draws; done += CHUNK) {
            List<DecisionQuery> queries = new ArrayList<>(CHUNK);
            for (int i = 0; i < Math.min(CHUNK, draws - done); i++) {
                queries.add(drawer.next().query());
            }
            boolean oneByOne = (done / CHUNK) % 5 == 4;
            List<DecisionCase> memoised;
            if (oneByOne) {
                memoised = new ArrayList<>(queries.size());
                for (DecisionQuery query : queries) {
                    memoised.add(ruleset.decide(query));
                }
            } else {
                memoised = ruleset.decideAll(queries);
            }
            List<DecisionCase> expected = fresh.decideAll(queries);
            for (int i = 0; i < queries.size(); i++) {
                Outcome want = Outcome.of(expected.get(i));
                Outcome got = Outcome.of(memoised.get(i));
                if (!want.equals(got)) {
                    differences++;
                    if (examples.size() < 5) {
                        examples.add(queries.get(i) + ": Drools " + want + ", memo " + got);
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
}
