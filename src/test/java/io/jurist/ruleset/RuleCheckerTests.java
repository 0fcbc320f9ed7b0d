package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RuleCheckerTests {

    private final RulesetCompiler compiler = new RulesetCompiler();

    @TestFactory
    Stream<DynamicTest> everyHostileFileIsRefusedAtItsLineAndHasNoEffect() {
        List<HostileRules.Hostile> corpus = HostileRules.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        return corpus.stream().map(hostile -> DynamicTest.dynamicTest(hostile.name(), () -> {
            RulesetFiles files = Rules.files().with(Map.of(hostile.path(), hostile.content()));
            List<RulesetProblem> problems = new java.util.ArrayList<>(compiler.check(files));
            ScenarioRunner.read(files, problems);
            assertThat(problems).as("refusals of %s", hostile.name()).anySatisfy(problem -> {
                assertThat(problem.file()).isEqualTo(hostile.path());
                assertThat(problem.line()).isEqualTo(hostile.line());
                assertThat(problem.message()).contains(hostile.fragment());
            });
            assertThat(hostile.hadAnEffect()).as("canary of %s", hostile.name()).isFalse();
        }));
    }

    @Test
    void aRefusalNamesFileLineAndWhatWasFound() {
        HostileRules.Hostile writes = HostileRules.all().stream()
                .filter(h -> h.name().equals("FilesWriteString.drl")).findFirst().orElseThrow();
        List<RulesetProblem> problems = RuleChecker.check(new RulesetFiles(Map.of(writes.path(), writes.content())))
                .problems();
        assertThat(problems).extracting(RulesetProblem::toString).containsExactly("exclusions/FilesWriteString.drl:"
                + writes.line() + ": a rule may only call deny, permit or oblige on the case; found "
                + "java.nio.file.Files.writeString");
    }

    @Test
    void theStartingRulesAreInTheLanguageAndTheirAgeThresholdIsRead() {
        RuleChecker.Result result = RuleChecker.check(Rules.files());
        assertThat(result.problems()).isEmpty();
        assertThat(result.ageThresholds()).containsExactly(18);
    }

    @Test
    void aNewRuleInTheFactModelsWordsIsAcceptedAndDecides() {
        String rule = """
                package io.jurist.rules;

                import io.jurist.facts.Consent;
                import io.jurist.facts.DecisionCase;

                // A stricter line for one country, written as a lawyer would.
                rule "Members in Brazil under 21 are excluded unless they opted in"
                    @basis("Test policy: a higher age line in Brazil")
                    @reference("Test engagement 42")
                when
                    $case : DecisionCase( country == "BR", age != null, age < 21, consent != Consent.OPTED_IN,
                                          $purpose : purpose )
                then
                    $case.deny("UNDER_21_IN_BRAZIL", "In " + $case.getCountry() + " members under 21 are not used for "
                        + $purpose + " without opting in.");
                    $case.oblige("REVIEW", "Review the member's age.");
                end
                """;
        RulesetFiles files = Rules.files().with(Map.of("exclusions/Brazil.drl", rule));
        assertThat(compiler.check(files)).isEmpty();
        CompiledRuleset ruleset = compiler.compile(2, files, null);
        assertThat(ruleset.ageThresholds()).containsExactlyInAnyOrder(18, 21);
        DecisionCase decided = ruleset.decide(new DecisionQuery("m", "BR", 19, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-06-01T00:00:00Z")));
        assertThat(decided.decisiveReasons()).extracting(r -> r.code() + " by " + r.rule())
                .containsExactly("UNDER_21_IN_BRAZIL by Members in Brazil under 21 are excluded unless they opted in");
        assertThat(decided.decisiveReasons().get(0).message())
                .isEqualTo("In BR members under 21 are not used for GENAI_TRAINING without opting in.");
        DecisionCase adult = ruleset.decide(new DecisionQuery("m", "BR", 21, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-06-01T00:00:00Z")));
        assertThat(adult.getEffect().name()).isEqualTo("PERMIT");
    }

    @Test
    void conditionsMayUseInNotInNegationAndNullChecks() {
        String rule = """
                package io.jurist.rules;

                import io.jurist.facts.ConsentModel;
                import io.jurist.facts.DecisionCase;

                rule "A list of countries"
                    @basis("test")
                when
                    $case : DecisionCase( country in ("FR", "DE"), !(age == null || age >= 65),
                                          consentModel not in (ConsentModel.OPT_IN), !beforeSince )
                then
                    $case.deny("LISTED", "Listed.");
                end
                """;
        RuleChecker.Result result = RuleChecker.check(new RulesetFiles(Map.of("exclusions/List.drl", rule)));
        assertThat(result.problems()).isEmpty();
        assertThat(result.ageThresholds()).containsExactly(65);
    }

    @Test
    void typeMismatchesAreRefusedBeforeTheyCanFailADecision() {
        String rule = """
                package io.jurist.rules;

                import io.jurist.facts.DecisionCase;

                rule "Compares an age with text"
                    @basis("test")
                when
                    $case : DecisionCase( age == "18", country < "GB", beforeSince == null )
                then
                    $case.deny("MISMATCH", "Never.");
                end
                """;
        List<RulesetProblem> problems = RuleChecker.check(new RulesetFiles(Map.of("exclusions/Types.drl", rule)))
                .problems();
        assertThat(problems).extracting(RulesetProblem::message).anyMatch(m -> m.contains("age holds a whole number"))
                .anyMatch(m -> m.contains("country holds text: compare it with == or !=, not <"))
                .anyMatch(m -> m.contains("beforeSince is never null"));
        assertThat(problems).extracting(RulesetProblem::line).containsOnly(8);
    }

    @Test
    void theInstantIsComparedWithSinceOnlyAsTheRowsTakeEffect() {
        String rule = """
                package io.jurist.rules;

                import io.jurist.facts.DecisionCase;

                rule "Asked at the change"
                    @basis("test")
                when
                    $case : DecisionCase( $s : since, at == $s )
                then
                    $case.deny("AT_THE_CHANGE", "Never.");
                end

                rule "Asked after the change"
                    @basis("test")
                when
                    $case : DecisionCase( since < at )
                then
                    $case.deny("AFTER_THE_CHANGE", "Never.");
                end

                rule "From the change on, or before it"
                    @basis("test")
                when
                    $case : DecisionCase( at >= since, since > at )
                then
                    $case.deny("FROM_THE_CHANGE", "Never.");
                end
                """;
        List<RulesetProblem> problems = RuleChecker.check(new RulesetFiles(Map.of("exclusions/Instants.drl", rule)))
                .problems();
        assertThat(problems).extracting(RulesetProblem::line).containsExactly(8, 16);
        assertThat(problems).extracting(RulesetProblem::message).allMatch(m -> m.contains(
                "compare the instant asked about with since as at >= since (from the row's date on) or at < since"));
    }
}
