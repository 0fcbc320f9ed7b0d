package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesetCompilerTests {

    private final RulesetCompiler compiler = new RulesetCompiler();

    private static RulesetFiles with(String path, String content) {
        Map<String, String> change = new HashMap<>();
        change.put(path, content);
        return Rules.files().with(change);
    }

    private List<RulesetProblem> problemsOf(RulesetFiles files) {
        return compiler.check(files);
    }

    @Test
    void compilesTheRulesDirectoryAndListsEveryRuleWithItsBasisFileAndLine() {
        CompiledRuleset ruleset = Rules.compiled();
        assertThat(ruleset.rules()).hasSizeGreaterThanOrEqualTo(8);
        RuleInfo suspended = ruleset.rules().stream()
                .filter(r -> r.name().equals("Members in a jurisdiction where the purpose is suspended are denied"))
                .findFirst().orElseThrow();
        assertThat(suspended.file()).isEqualTo("jurisdictions/JurisdictionStatus.drl");
        assertThat(suspended.line()).isGreaterThan(1);
        assertThat(suspended.basis()).doesNotStartWith("\"").contains("Suspension");
    }

    @Test
    void reportsASyntaxErrorWithItsFileAndLine() {
        String broken = """
                package io.jurist.rules;
                import io.jurist.facts.DecisionCase;

                rule "A broken rule"
                    @basis("test")
                when
                    $case : DecisionCase( status == )
                then
                end
                """;
        List<RulesetProblem> problems = problemsOf(with("exclusions/Broken.drl", broken));
        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("exclusions/Broken.drl");
            assertThat(p.line()).isEqualTo(7);
        });
    }

    @Test
    void refusesTwoRulesWithTheSameName() {
        String duplicate = """
                package io.jurist.rules;
                import io.jurist.facts.DecisionCase;

                rule "Members who opted out are denied"
                    @basis("a second rule under an existing name")
                when
                    $case : DecisionCase( )
                then
                    $case.deny("TEST_ONLY", "A test.");
                end
                """;
        List<RulesetProblem> problems = problemsOf(with("consent/Again.drl", duplicate));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).containsIgnoringCase("duplicate"));
    }

    @Test
    void refusesARuleThatDoesNotNameItsBasis() {
        String noBasis = """
                package io.jurist.rules;
                import io.jurist.facts.DecisionCase;

                rule "Nobody knows why this rule exists"
                when
                    $case : DecisionCase( )
                then
                    $case.deny("TEST_ONLY", "A test.");
                end
                """;
        assertThat(problemsOf(with("exclusions/NoBasis.drl", noBasis))).containsExactly(new RulesetProblem(
                "exclusions/NoBasis.drl", 4,
                "Rule \"Nobody knows why this rule exists\" must name its policy or legal basis with @basis(\"...\")"));
    }

    @Test
    void reportsABadReferenceRowWithItsLine() {
        String table = Rules.files().files().get("reference/jurisdictions.csv")
                + "XX,GENAI_TRAINING,PAUSED,OPT_IN,yesterday,\n";
        List<RulesetProblem> problems = problemsOf(with("reference/jurisdictions.csv", table));
        int line = (int) table.lines().count();
        assertThat(problems).extracting(RulesetProblem::line).containsOnly(line);
        assertThat(problems).extracting(RulesetProblem::message).anyMatch(m -> m.contains("'XX'"))
                .anyMatch(m -> m.contains("PAUSED")).anyMatch(m -> m.contains("yesterday"))
                .anyMatch(m -> m.contains("reference"));
    }

    @Test
    void aCountryRowBeatsItsRegionWhichBeatsTheDefault() {
        String table = Rules.files().files().get("reference/jurisdictions.csv")
                + "IE,GENAI_TRAINING,ENABLED,OPT_IN,2025-06-01,Re-enablement under opt-in (test)\n";
        CompiledRuleset ruleset = compiler.compile(2, with("reference/jurisdictions.csv", table), null);
        assertThat(ruleset.reference().policy("IE", "GENAI_TRAINING").orElseThrow().row()).isEqualTo("IE");
        assertThat(ruleset.reference().policy("FR", "GENAI_TRAINING").orElseThrow().row()).isEqualTo("EEA");
        assertThat(ruleset.reference().policy("US", "GENAI_TRAINING").orElseThrow().row()).isEqualTo("*");
    }

    @Test
    void deniesWhereTheTableHasNoPolicyForThePurpose() {
        String table = "jurisdiction,purpose,status,consent_model,since,reference\n"
                + "US,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,test\n";
        CompiledRuleset ruleset = compiler.compile(2, with("reference/jurisdictions.csv", table), null);
        DecisionCase decided = ruleset.decide(new DecisionQuery("m", "BR", 30, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-01-01T00:00:00Z")));
        assertThat(decided.getEffect().name()).isEqualTo("DENY");
        assertThat(decided.decisiveReasons()).extracting(r -> r.code()).containsExactly("NO_POLICY");
    }

    @Test
    void theRevisionIsAHashOfPathsAndContents() {
        RulesetFiles files = Rules.files();
        assertThat(files.revision()).matches("sha256:[0-9a-f]{64}");
        assertThat(new RulesetFiles(files.files()).revision()).isEqualTo(files.revision());
        assertThat(with("notes.txt", "x").revision()).isNotEqualTo(files.revision());
    }

    @Test
    void anEmptyRulesetIsRefused() {
        assertThatThrownBy(() -> compiler.compile(1, new RulesetFiles(Map.of()), null))
                .isInstanceOf(InvalidRulesetException.class)
                .hasMessageContaining("reference/purposes.csv");
    }

    @Test
    void aTableValueInTheWrongCaseOrALookAlikeCountryIsRefusedWithASuggestion() {
        String table = Rules.files().files().get("reference/jurisdictions.csv")
                + "BR,GENAI_TRAINING,Enabled,OPT_IN,2026-12-02,wrong case\n"
                + "\u0131t,GENAI_TRAINING,SUSPENDED,OPT_IN,2026-12-02,look-alike dotless i\n";
        List<RulesetProblem> problems = problemsOf(with("reference/jurisdictions.csv", table));
        int lines = (int) table.lines().count();
        assertThat(problems).contains(new RulesetProblem("reference/jurisdictions.csv", lines - 1,
                "status 'Enabled': did you mean ENABLED? Values are written exactly, in capitals"));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(lines);
            assertThat(p.message()).contains("must be written in ASCII letters");
        });
    }
}
