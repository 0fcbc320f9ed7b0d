package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static io.jurist.web.EditorControllerTests.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.Purpose;
import io.jurist.ruleset.ReferenceData;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.Scenario;
import io.jurist.ruleset.ScenarioResult;
import io.jurist.ruleset.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebPageTest(ScenarioController.class)
class ScenarioControllerTests {

    static final String FILE = "scenarios/Minors.yaml";
    static final String YAML = """
            - name: "A 17-year-old member in the United States is excluded"
              request:
                subject: { id: member-3, country: US, age: 17 }
                purpose: GENAI_TRAINING
                consent: NOT_SET
                at: 2024-11-25T00:00:00Z
              expect:
                decision: DENY
                reasons: [MINOR_EXCLUDED]
            """;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Workbench workbench;

    @MockitoBean
    ActiveRuleset active;

    @BeforeEach
    void workingCopy() {
        given(workbench.candidate(anyString())).willReturn(new RulesetFiles(Map.of(FILE, YAML)));
        given(workbench.files(anyString())).willReturn(Map.of(FILE, new Workbench.FileView(FILE, YAML, false, "sha256:b")));
        CompiledRuleset served = mock(CompiledRuleset.class);
        ReferenceData reference = mock(ReferenceData.class);
        given(reference.purposes()).willReturn(Map.of("GENAI_TRAINING", new Purpose("GENAI_TRAINING", "Training", "x", "y")));
        given(served.reference()).willReturn(reference);
        given(active.current()).willReturn(served);
    }

    @Test
    void sendsAnonymousVisitorsToTheLogin() throws Exception {
        mvc.perform(get("/editor/scenarios").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }

    @Test
    void listsEveryScenarioWithItsFileAndLine() throws Exception {
        mvc.perform(get("/editor/scenarios").with(BOB))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A 17-year-old member in the United States is excluded")))
                .andExpect(content().string(containsString("scenarios/Minors.yaml:1")))
                .andExpect(content().string(containsString("<span>DENY</span> <abbr class=\"code\">MINOR_EXCLUDED</abbr>")));
    }

    @Test
    void aPlainGetRunsNothingEvenWhenAskedTo() throws Exception {
        mvc.perform(get("/editor/scenarios").param("run", "").with(ALICE)).andExpect(status().isOk());
        mvc.perform(post("/editor/scenarios/run").with(ALICE)).andExpect(status().isForbidden());
        verify(workbench, never()).validate(anyString());
    }

    @Test
    void runsTheScenariosAgainstTheDraftShowingExpectedAndActual() throws Exception {
        Scenario scenario = new Scenario("A 17-year-old member in the United States is excluded", null,
                new Scenario.Expectation("DENY", List.of("MINOR_EXCLUDED"), List.of(), null), FILE, 1);
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(new ScenarioResult(
                scenario, false, "PERMIT", List.of("PERMITTED"), List.of(), List.of(),
                List.of("expected DENY but was PERMIT"))), null));
        mvc.perform(post("/editor/scenarios/run").with(ALICE).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("0 of 1 pass")))
                .andExpect(content().string(containsString("<span>PERMIT</span> <abbr class=\"code\">PERMITTED</abbr>")))
                .andExpect(content().string(containsString("expected DENY but was PERMIT")));
    }

    @Test
    void appendsANewScenarioToTheFilesDraft() throws Exception {
        mvc.perform(scenario().with(ALICE).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/editor/scenarios"));
        verify(workbench).save(eq("alice"), eq(FILE), endsWith("""
                    reasons: [JURISDICTION_SUSPENDED]
                """), eq("sha256:b"));
    }

    @Test
    void showsWhatIsWrongWithTheFormAndSavesNothing() throws Exception {
        mvc.perform(scenario().param("country", "Philippines").with(ALICE).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("two-letter code")));
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
    }

    @Test
    void refusesScenariosFromNonAuthorsAndWithoutCsrf() throws Exception {
        mvc.perform(scenario().with(BOB).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(scenario().with(ALICE)).andExpect(status().isForbidden());
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
    }

    private static MockHttpServletRequestBuilder scenario() {
        return post("/editor/scenarios").param("file", FILE).param("name", "A member in PH is denied")
                .param("country", "PH").param("age", "30").param("purpose", "GENAI_TRAINING")
                .param("consent", "NOT_SET").param("at", "2025-06-01T00:00:00Z").param("decision", "DENY")
                .param("reasons", "JURISDICTION_SUSPENDED");
    }

    /** Two scenarios and comments, as scenario files are written, for changing and removing one. */
    static final String TWO = """
            # Scenarios for exclusions/Minors.drl.

            - name: "A 17-year-old member in the United States is excluded"
              request:
                subject: { id: member-3, country: US, age: 17 }
                purpose: GENAI_TRAINING
                at: 2024-11-25T00:00:00Z
              expect:
                decision: DENY
                reasons: [MINOR_EXCLUDED]
                obligations: []

            # An adult is not excluded.
            - name: "An adult member in the United States may be used"
              request:
                subject: { id: member-4, country: US, age: 30 }
                purpose: GENAI_TRAINING
                consent: NOT_SET
                at: 2024-11-25T00:00:00Z
              expect:
                decision: PERMIT
                reasons: [PERMITTED]
            """;

    private void twoScenarios() {
        given(workbench.candidate(anyString())).willReturn(new RulesetFiles(Map.of(FILE, TWO)));
        given(workbench.files(anyString())).willReturn(Map.of(FILE, new Workbench.FileView(FILE, TWO, false, "sha256:b")));
    }

    /** Issue 17: an existing scenario opens in the form, filled as written; a missing consent reads "not set". */
    @Test
    void anExistingScenarioOpensInTheFormFilledAsWritten() throws Exception {
        twoScenarios();
        mvc.perform(get("/editor/scenarios").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("US, age 17, GENAI_TRAINING, consent not set, at 2024-11-25T00:00:00Z")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("null"))))
                .andExpect(content().string(containsString("/editor/scenarios/edit?file=scenarios/Minors.yaml&amp;line=3")));
        mvc.perform(get("/editor/scenarios/edit").param("file", FILE).param("line", "3").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Change the scenario")))
                .andExpect(content().string(containsString("name=\"originalName\" value=\"A 17-year-old member in the United States is excluded\"")))
                .andExpect(content().string(containsString("id=\"age\" name=\"age\" value=\"17\"")))
                .andExpect(content().string(containsString("id=\"reasons\" name=\"reasons\" value=\"MINOR_EXCLUDED\"")))
                .andExpect(content().string(containsString("id=\"obligations\" name=\"obligations\" value=\"none\"")))
                .andExpect(content().string(containsString("id=\"remove-scenario\"")));
    }

    @Test
    void changingAScenarioRewritesOnlyItsEntryInTheDraft() throws Exception {
        twoScenarios();
        mvc.perform(edit("3").param("age", "16").param("obligations", "none").with(ALICE).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/editor/scenarios"));
        verify(workbench).save("alice", FILE, TWO.replace("""
                - name: "A 17-year-old member in the United States is excluded"
                  request:
                    subject: { id: member-3, country: US, age: 17 }
                    purpose: GENAI_TRAINING
                    at: 2024-11-25T00:00:00Z
                """, """
                - name: "A 16-year-old member in the United States is excluded"
                  request:
                    subject: { id: scenario-member, country: US, age: 16 }
                    purpose: GENAI_TRAINING
                    consent: NOT_SET
                    at: 2024-11-25T00:00:00Z
                """), "sha256:b");
    }

    @Test
    void removingAScenarioKeepsTheOthersAndTheComments() throws Exception {
        twoScenarios();
        mvc.perform(edit("3").param("action", "remove").with(ALICE).with(csrf()))
                .andExpect(status().is3xxRedirection());
        verify(workbench).save(eq("alice"), eq(FILE), eq(TWO.substring(0, TWO.indexOf("\n- name: \"A 17"))
                + TWO.substring(TWO.indexOf("\n# An adult"))), eq("sha256:b"));
    }

    @Test
    void aScenarioThatMovedSinceTheFormOpenedIsNotOverwritten() throws Exception {
        twoScenarios();
        mvc.perform(edit("15").param("age", "17").with(ALICE).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("the file changed since you opened it")));
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
        mvc.perform(edit("3").with(BOB).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(edit("3").with(ALICE)).andExpect(status().isForbidden());
    }

    /** Issue 17: after a run, the failing scenarios come first in the list. */
    @Test
    void afterARunTheFailingScenariosComeFirst() throws Exception {
        twoScenarios();
        Scenario minor = new Scenario("A 17-year-old member in the United States is excluded", null,
                new Scenario.Expectation("DENY", List.of("MINOR_EXCLUDED"), List.of(), List.of()), FILE, 3);
        Scenario adult = new Scenario("An adult member in the United States may be used", null,
                new Scenario.Expectation("PERMIT", List.of("PERMITTED"), List.of(), null), FILE, 14);
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(
                new ScenarioResult(minor, true, "DENY", List.of("MINOR_EXCLUDED"), List.of(), List.of(), List.of()),
                new ScenarioResult(adult, false, "DENY", List.of("NO_RULE_PERMITS"), List.of(), List.of(),
                        List.of("expected PERMIT but was DENY"))), null));
        String page = mvc.perform(post("/editor/scenarios/run").with(ALICE).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String list = page.substring(page.indexOf("id=\"scenario-list\""));
        org.assertj.core.api.Assertions.assertThat(list.indexOf("An adult member"))
                .isLessThan(list.indexOf("A 17-year-old member"));
        String results = page.substring(page.indexOf("id=\"scenarios\""));
        org.assertj.core.api.Assertions.assertThat(results.indexOf("An adult member"))
                .isLessThan(results.indexOf("A 17-year-old member"));
    }

    private static MockHttpServletRequestBuilder edit(String line) {
        return post("/editor/scenarios/edit").param("file", FILE).param("line", line)
                .param("originalName", "A 17-year-old member in the United States is excluded")
                .param("name", "A 16-year-old member in the United States is excluded")
                .param("country", "US").param("purpose", "GENAI_TRAINING")
                .param("consent", "NOT_SET").param("at", "2024-11-25T00:00:00Z").param("decision", "DENY")
                .param("reasons", "MINOR_EXCLUDED");
    }
}
