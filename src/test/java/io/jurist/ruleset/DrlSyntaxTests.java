package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Typical typos in the project's own consent/ConsentModels.drl, each compiled as a rule author would
 * save it: the error is one sentence at the line where the fix goes, with no Drools noise.
 */
class DrlSyntaxTests {

    private static final String FILE = "consent/ConsentModels.drl";
    private static final String ORIGINAL = Rules.files().files().get(FILE);

    private static List<RulesetProblem> compile(String content) {
        return new RulesetCompiler().check(Rules.files().with(Map.of(FILE, content)));
    }

    /** The original text with the given 1-based line replaced. */
    private static String withLine(int line, String from, String to) {
        String[] lines = ORIGINAL.split("\n", -1);
        assertThat(lines[line - 1]).contains(from);
        lines[line - 1] = lines[line - 1].replace(from, to);
        return String.join("\n", lines);
    }

    @Test
    void theCorpusStartsFromTheRulesAsTheyAre() {
        assertThat(ORIGINAL.split("\n")[12]).startsWith("rule \"Under an opt-out model");
        assertThat(compile(ORIGINAL)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wehn for when              | 15 | when                                       | wehn                                | 15 | expected `when`, found `wehn`
            ned for end                | 21 | end                                        | ned                                 | 21 | the rule that starts at line 13 is not closed with `end` (found `ned`)
            end left out               | 21 | end                                        | ''                                  | 20 | the rule that starts at line 13 is not closed with `end`
            then left out              | 18 | then                                       | ''                                  | 19 | expected `then`, found `$case.permit`: a rule's actions come after `then`
            thne for then              | 18 | then                                       | thne                                | 18 | expected `then`, found `thne`
            a bracket not closed       | 17 | consent != Consent.OPTED_OUT )             | consent != Consent.OPTED_OUT        | 16 | the `(` opened on this line is not closed with `)` before `then`
            a bracket too many         | 17 | consent != Consent.OPTED_OUT )             | consent != Consent.OPTED_OUT ))     | 17 | this `)` closes no `(`
            a quote not closed         | 29 | getPurpose() + ".");                       | getPurpose() + ".);                 | 29 | the text in quotes that starts here is not closed with `"` on this line
            misspelled fact type       | 16 | $case : DecisionCase(                      | $case : DecisonCase(                | 16 | a rule matches a DecisionCase; found DecisonCase (did you mean DecisionCase?)
            """)
    void aTypoIsOneSentenceAtItsLine(String typo, int line, String from, String to, int reported, String sentence) {
        List<RulesetProblem> problems = compile(withLine(line, from, to));
        assertThat(problems).containsExactly(new RulesetProblem(FILE, reported, sentence));
    }

    @Test
    void aMisspelledPropertyIsNamedWithTheOneMeant() {
        List<RulesetProblem> problems = compile(withLine(27, "consent == Consent.OPTED_OUT", "consnet == Consent.OPTED_OUT"));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).isEqualTo(27);
        assertThat(problems.get(0).message()).startsWith("consnet is not a property of the case (did you mean consent?);");
    }

    @Test
    void theFileKeepsItsNameAndLineInFrontOfTheSentence() {
        assertThat(compile(withLine(15, "when", "wehn")).get(0).toString())
                .isEqualTo("consent/ConsentModels.drl:15: expected `when`, found `wehn`");
    }

    @Test
    void droolsWordsThatRemainAreRewordedWithoutTheirNumberAndNoise() {
        assertThat(DrlSyntax.reword(15, "[ERR 102] Line 15:0 mismatched input 'wehn' in rule \"x\""))
                .isEqualTo(new DrlSyntax.Error(15, "unexpected `wehn` here"));
        assertThat(DrlSyntax.reword(0, "Parser returned a null Package")).isNull();
    }

    @Test
    void aTypoIsOnlyCloseToTheWordItMisspells() {
        assertThat(Typos.closest("wehn", List.of("when"))).contains("when");
        assertThat(Typos.closest("country", List.of("consent", "purpose"))).isEmpty();
        assertThat(Typos.distance("ned", "end")).isEqualTo(1);
    }
}
