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
}
