package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpactAnalysisTests {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final RulesetCompiler compiler = new RulesetCompiler();

    private CompiledRuleset candidate(String path, String content) {
        return compiler.compile(0, Rules.files().with(Map.of(path, content)), null);
    }

    private static String minorsWith(String from, String to) {
        String minors = Rules.files().files().get("exclusions/Minors.drl");
        assertThat(minors).contains(from);
        return minors.replace(from, to);
    }

    @Test
    void anExceptionAtAnAgeNoEarlierPopulationHadIsFoundAndMakesTheChangePermissive() {
        // Under 18 stays excluded, except at 14: a permissive change that a sample of ages 12, 17, 18, 40 missed.
        CompiledRuleset candidate = candidate("exclusions/Minors.drl", minorsWith("age < 18 )", "age < 18, age != 14 )"));
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), candidate, NOW);
        assertThat(impact.coverage()).isEqualTo(Impact.Coverage.EXHAUSTIVE);
        assertThat(impact.kind()).isEqualTo(Impact.ChangeKind.PERMISSIVE);
        assertThat(impact.denyToPermit()).isPositive();
        assertThat(impact.permitToDeny()).isZero();
        assertThat(impact.examples()).isNotEmpty().allSatisfy(flip -> {
            assertThat(flip.age()).isEqualTo(14);
            assertThat(flip.before()).contains("MINOR_EXCLUDED");
            assertThat(flip.after()).startsWith("PERMIT");
        });
        assertThat(ImpactAnalysis.ages(Rules.compiled(), candidate)).containsExactly(null, 0, 13, 14, 15, 17, 18, 19, 150);
    }

    @Test
    void aLineMovedByOneYearIsCountedOnItsOneYear() {
        CompiledRuleset candidate = candidate("exclusions/Minors.drl", minorsWith("age < 18 )", "age < 19 )"));
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), candidate, NOW);
        assertThat(impact.kind()).isEqualTo(Impact.ChangeKind.RESTRICTIVE);
        assertThat(impact.permitToDeny()).isPositive();
        assertThat(impact.examples()).allSatisfy(flip -> assertThat(flip.age()).isEqualTo(18));
    }

    @Test
    void liftingASuspensionFromAFarFutureDateIsPermissiveWithItsFlipsCounted() {
        // The table is where dates live (a rule cannot compare instants with written dates at all): the UK
        // suspension stays, and a row of its own lifts it from 2031.
        String table = Rules.files().files().get("reference/jurisdictions.csv")
                + "UK,GENAI_TRAINING,ENABLED,OPT_OUT,2031-01-01,Lifted from 2031 (test)\n";
        CompiledRuleset candidate = candidate("reference/jurisdictions.csv", table);
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), candidate, NOW);
        assertThat(impact.kind()).isEqualTo(Impact.ChangeKind.PERMISSIVE);
        assertThat(impact.byCountry().get("GB").get("DENY_TO_PERMIT")).isPositive();
        assertThat(impact.pastAltered()).isZero();
        assertThat(impact.examples()).isNotEmpty()
                .allSatisfy(flip -> assertThat(Instant.parse(flip.at())).isAfterOrEqualTo(Instant.parse("2031-01-01T00:00:00Z")));
        assertThat(ImpactAnalysis.instants(Rules.compiled(), candidate, NOW))
                .contains(ImpactAnalysis.FAR_PAST, ImpactAnalysis.FAR_FUTURE, Instant.parse("2030-12-31T23:59:59.999999999Z"));
    }

    @Test
    void aComparisonThatCannotCoverEveryClassCountsAsPermissive() {
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), Rules.compiled(), NOW, null, List.of(), 10);
        assertThat(impact.coverage()).isEqualTo(Impact.Coverage.INCOMPLETE);
        assertThat(impact.kind()).isEqualTo(Impact.ChangeKind.PERMISSIVE);
        assertThat(impact.summary()).contains("could not cover every case");
    }

    @Test
    void anUnchangedRulesetFlipsNothingOverTheWholePopulation() {
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), Rules.compiled(), NOW);
        assertThat(impact.coverage()).isEqualTo(Impact.Coverage.EXHAUSTIVE);
        assertThat(impact.kind()).isEqualTo(Impact.ChangeKind.RESTRICTIVE);
        assertThat(impact.permitToDeny() + impact.denyToPermit() + impact.reasonsChanged()).isZero();
        assertThat((long) impact.population()).isGreaterThanOrEqualTo(ImpactAnalysis.populationSize(Rules.compiled(),
                Rules.compiled(), NOW));
    }
}
