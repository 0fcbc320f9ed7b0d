package io.jurist.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.hamcrest.Matchers.containsString;

import io.jurist.api.ApiException;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetProblem;
import io.jurist.ruleset.Validation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@WebPageTest(EditorController.class)
class EditorControllerTests {

    static final RequestPostProcessor ALICE = user("alice").authorities(() -> "GROUP_rule-authors");
    static final RequestPostProcessor BOB = user("bob").authorities(() -> "GROUP_legal-approvers");
    static final String DRL = "consent/ConsentModels.drl";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Workbench workbench;

    @BeforeEach
    void workingCopy() {
        Map<String, Workbench.FileView> files = new TreeMap<>();
        files.put(DRL, new Workbench.FileView(DRL, "package io.jurist.rules;\n", true, "sha256:base"));
        files.put("reference/jurisdictions.csv", new Workbench.FileView("reference/jurisdictions.csv", "a,b\n", false, "x"));
        given(workbench.files(anyString())).willReturn(files);
        given(workbench.changes(anyString())).willReturn(Map.of(DRL, "package io.jurist.rules;\n"));
        given(workbench.warnings(anyString(), anyString())).willReturn(List.of("erin is also editing " + DRL));
    }

    @Test
    void sendsAnonymousVisitorsToTheLoginInsteadOfServingThePage() throws Exception {
        mvc.perform(get("/editor").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }

    @Test
    void showsTheFileInTheEditorWithWarningsAboutOtherAuthors() throws Exception {
        mvc.perform(get("/editor").param("file", DRL).with(ALICE))
                .andExpect(status().isOk()).andExpect(view().name("editor"))
                .andExpect(content().string(containsString("data-file=\"consent/ConsentModels.drl\"")))
                .andExpect(content().string(containsString("erin is also editing")))
                .andExpect(content().string(containsString("/lib/codemirror.js")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void letsNonAuthorsReadButOffersThemNoSaveButton() throws Exception {
        mvc.perform(get("/editor").param("file", DRL).with(BOB))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("only rule authors may save")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"save\""))));
    }

    @Test
    void savesADraftAndRedirectsBackToTheFile() throws Exception {
        mvc.perform(post("/editor/save").with(ALICE).with(csrf())
                        .param("file", DRL).param("content", "rule\r\n").param("baseRevision", "sha256:base"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor?file=consent/ConsentModels.drl"));
        verify(workbench).save("alice", DRL, "rule\r\n", "sha256:base");
    }

    @Test
    void validatesOnDemandAndShowsEachErrorAtItsLine() throws Exception {
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x",
                List.of(new RulesetProblem(DRL, 15, "mismatched input 'whenn'")), List.of(), null));
        mvc.perform(post("/editor/save").with(ALICE).with(csrf())
                        .param("file", DRL).param("content", "whenn").param("action", "validate"))
                .andExpect(status().isOk()).andExpect(model().attributeExists("validation"))
                .andExpect(content().string(containsString("data-problem-line=\"15\"")))
                .andExpect(content().string(containsString("consent/ConsentModels.drl:15")))
                .andExpect(content().string(containsString("mismatched input &#39;whenn&#39;")));
    }

    @Test
    void refusesAFormWithoutItsCsrfToken() throws Exception {
        mvc.perform(post("/editor/save").with(ALICE).param("file", DRL).param("content", "x"))
                .andExpect(status().isForbidden());
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
    }

    @Test
    void refusesChangesFromPeopleWhoAreNotRuleAuthors() throws Exception {
        mvc.perform(post("/editor/save").with(BOB).with(csrf()).param("file", DRL).param("content", "x"))
                .andExpect(status().isForbidden()).andExpect(view().name("problem"));
        mvc.perform(post("/editor/submit").with(BOB).with(csrf()).param("summary", "x"))
                .andExpect(status().isForbidden());
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
        verify(workbench, never()).submit(anyString(), anyString());
    }

    @Test
    void refusesAPathOutsideTheRulesDirectory() throws Exception {
        mvc.perform(post("/editor/save").with(ALICE).with(csrf()).param("file", "../etc/passwd").param("content", "x"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void reviewsTheChangeWithItsValidationBeforeSubmitting() throws Exception {
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(), null));
        mvc.perform(post("/editor/review").with(ALICE).with(csrf()))
                .andExpect(status().isOk()).andExpect(view().name("review"))
                .andExpect(content().string(containsString("id=\"submit-form\"")))
                .andExpect(content().string(containsString(DRL)));
    }

    @Test
    void aPlainGetOfTheReviewCompilesAndRunsNothing() throws Exception {
        mvc.perform(get("/editor/review").with(ALICE))
                .andExpect(status().isOk()).andExpect(view().name("review"))
                .andExpect(content().string(containsString("id=\"check-form\"")))
                .andExpect(content().string(containsString(DRL)));
        verify(workbench, never()).validate(anyString());
    }

    @Test
    void checkingTheDraftNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/editor/review").with(ALICE)).andExpect(status().isForbidden());
        verify(workbench, never()).validate(anyString());
    }

    @Test
    void submitsAndShowsTheProposalPage() throws Exception {
        given(workbench.submit("alice", "Suspend PH")).willReturn(
                new RulesetChanges.Proposed(7, 6, "pi-1", "ruleset-7", null));
        mvc.perform(post("/editor/submit").with(ALICE).with(csrf()).param("summary", "Suspend PH"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/proposals/7"));
    }

    @Test
    void asksForASummaryBeforeSubmitting() throws Exception {
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(), null));
        mvc.perform(post("/editor/submit").with(ALICE).with(csrf()).param("summary", " "))
                .andExpect(status().isOk()).andExpect(view().name("review"))
                .andExpect(content().string(containsString("Say what changes and why")));
        verify(workbench, never()).submit(anyString(), anyString());
    }

    @Test
    void showsWhyTheServiceRefusedTheProposal() throws Exception {
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(), null));
        given(workbench.submit(eq("alice"), anyString())).willThrow(new ApiException(
                HttpStatus.UNPROCESSABLE_ENTITY, "Nothing to change", "The proposed files are identical."));
        mvc.perform(post("/editor/submit").with(ALICE).with(csrf()).param("summary", "Same"))
                .andExpect(status().isOk()).andExpect(view().name("review"))
                .andExpect(content().string(containsString("Nothing to change: The proposed files are identical.")));
    }

    /** Issue 17, changes in words: the review shows each changed row before and after, not just the file's name. */
    @Test
    void theReviewShowsChangedRowsBeforeAndAfterAndRuleLinesWithTheirNumbers() throws Exception {
        String table = "jurisdiction,purpose,status,consent_model,since,reference\n"
                + "BR,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,ANPD\n";
        given(workbench.changesInWords("alice")).willReturn(ChangesInWords.between(
                Map.of("reference/jurisdictions.csv", table, DRL, "rule \"A\"\nwhen\nthen\nend\n"),
                Map.of("reference/jurisdictions.csv", table.replace("OPT_OUT", "OPT_IN"),
                        DRL, "rule \"A\"\nwhen\nthen\n    $case.deny(\"X\", \"x\");\nend\n")));
        mvc.perform(get("/editor/review").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<th scope=\"row\">before</th>")))
                .andExpect(content().string(containsString("<td class=\"cell-changed cell-del\"><mark>OPT_OUT</mark></td>")))
                .andExpect(content().string(containsString("<td class=\"cell-changed cell-add\"><mark>OPT_IN</mark></td>")))
                .andExpect(content().string(containsString("<td><span>ANPD</span></td>")))
                .andExpect(content().string(containsString("In the rule “A”")))
                .andExpect(content().string(containsString("<tr class=\"line-add\">")))
                .andExpect(content().string(containsString("<td class=\"num\">4</td>")));
        verify(workbench, never()).validate(anyString());
    }

    /** Issue 17: "Discard my draft" asks first, on a page of its own; only the second post discards. */
    @Test
    void discardingADraftAsksFirstAndOnlyTheConfirmationDiscards() throws Exception {
        given(workbench.changesInWords("alice")).willReturn(ChangesInWords.between(Map.of(DRL, "a\n"), Map.of(DRL, "b\n")));
        mvc.perform(post("/editor/discard").with(ALICE).with(csrf()).param("file", DRL))
                .andExpect(status().isOk()).andExpect(view().name("discard"))
                .andExpect(content().string(containsString("will be lost for good")))
                .andExpect(content().string(containsString("name=\"confirm\" value=\"yes\"")))
                .andExpect(content().string(containsString("<code>b</code>")))
                .andExpect(content().string(containsString("No, keep my draft")));
        verify(workbench, never()).discard(anyString(), anyString());

        mvc.perform(post("/editor/discard").with(ALICE).with(csrf()).param("file", DRL).param("confirm", "yes"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor?file=consent/ConsentModels.drl"));
        verify(workbench).discard("alice", DRL);
    }

    @Test
    void discardingNeedsTheCsrfTokenAndARuleAuthor() throws Exception {
        mvc.perform(post("/editor/discard").with(ALICE).param("file", DRL).param("confirm", "yes"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/editor/discard").with(BOB).with(csrf()).param("file", DRL).param("confirm", "yes"))
                .andExpect(status().isForbidden());
        verify(workbench, never()).discard(anyString(), anyString());
    }
}
