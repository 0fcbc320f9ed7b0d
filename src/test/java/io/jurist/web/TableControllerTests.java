package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static io.jurist.web.EditorControllerTests.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.jurist.ruleset.Impact;
import io.jurist.ruleset.RulesetProblem;
import io.jurist.ruleset.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebPageTest(TableController.class)
class TableControllerTests {

    static final String TABLE = "reference/jurisdictions.csv";
    static final String CONTENT = """
            # Status of each purpose by jurisdiction.
            jurisdiction,purpose,status,consent_model,since,reference
            EEA,GENAI_TRAINING,SUSPENDED,OPT_IN,2024-09-18,"ICO engagement, September 2024"
            *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,Updated user agreement
            """;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Workbench workbench;

    @BeforeEach
    void workingCopy() {
        given(workbench.files(anyString())).willReturn(Map.of(TABLE,
                new Workbench.FileView(TABLE, CONTENT, false, "sha256:base")));
        given(workbench.warnings(anyString(), anyString())).willReturn(List.of());
    }

    @Test
    void sendsAnonymousVisitorsToTheLogin() throws Exception {
        mvc.perform(get("/editor/table").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }

    @Test
    void showsTheTableAsLabelledInputsWithTheirLineNumbers() throws Exception {
        mvc.perform(get("/editor/table").param("file", TABLE).with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("aria-label=\"Why (reference), line 3\"")))
                .andExpect(content().string(containsString("value=\"ICO engagement, September 2024\"")))
                .andExpect(content().string(containsString("id=\"new-jurisdiction\"")))
                .andExpect(content().string(containsString("id=\"periods-help\"")));
    }

    @Test
    void answersNotFoundForAFileThatIsNotATable() throws Exception {
        mvc.perform(get("/editor/table").param("file", "consent/ConsentModels.drl").with(ALICE))
                .andExpect(status().isNotFound());
    }

    @Test
    void savesTheGridAsCsvDroppingRemovedAndBlankRows() throws Exception {
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("baseRevision", "sha256:base")
                        .param("c0", "EEA", "*", "PH", "").param("c1", "GENAI_TRAINING", "GENAI_TRAINING", "GENAI_TRAINING", "")
                        .param("c2", "SUSPENDED", "ENABLED", "SUSPENDED", "").param("c3", "OPT_IN", "OPT_OUT", "OPT_IN", "")
                        .param("c4", "2024-09-18", "2024-11-20", "2025-01-01", "")
                        .param("c5", "ICO engagement, September 2024", "Updated user agreement", "Test \"PH\"", "")
                        .param("remove", "1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor/table?file=reference/jurisdictions.csv"));
        verify(workbench).save("alice", TABLE, """
                # Status of each purpose by jurisdiction.
                jurisdiction,purpose,status,consent_model,since,reference
                EEA,GENAI_TRAINING,SUSPENDED,OPT_IN,2024-09-18,"ICO engagement, September 2024"
                PH,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01,"Test ""PH\"""
                """, "sha256:base");
    }

    static final String CUT_ROW =
            "BR,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,ANPD note of 15 May, 2026: opt-in required";

    /** Issue 17, 1: a reference with an unquoted comma (7 fields for 6) was cut to 6 and lost on save. */
    @Test
    void refusesToOpenATableWithAMalformedRowAndShowsTheRowAsWritten() throws Exception {
        given(workbench.files(anyString())).willReturn(Map.of(TABLE,
                new Workbench.FileView(TABLE, CONTENT + CUT_ROW + "\n", true, "sha256:base")));
        mvc.perform(get("/editor/table").param("file", TABLE).with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"malformed-5\"")))
                .andExpect(content().string(containsString("Line 5")))
                .andExpect(content().string(containsString("but found 7")))
                .andExpect(content().string(containsString(CUT_ROW)))
                .andExpect(content().string(not(containsString("id=\"table-form\""))))
                .andExpect(content().string(not(containsString("aria-label=\"Why (reference), line 5\""))));
    }

    @Test
    void refusesToSaveFromTheGridATableWithAMalformedRow() throws Exception {
        given(workbench.files(anyString())).willReturn(Map.of(TABLE,
                new Workbench.FileView(TABLE, CONTENT + CUT_ROW + "\n", true, "sha256:base")));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("baseRevision", "sha256:base")
                        .param("c0", "EEA", "*", "BR").param("c1", "GENAI_TRAINING", "GENAI_TRAINING", "GENAI_TRAINING")
                        .param("c2", "SUSPENDED", "ENABLED", "ENABLED").param("c3", "OPT_IN", "OPT_OUT", "OPT_OUT")
                        .param("c4", "2024-09-18", "2024-11-20", "2024-11-20")
                        .param("c5", "ICO engagement, September 2024", "Updated user agreement", "ANPD note of 15 May")
                        .param("action", "validate"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nothing was saved")))
                .andExpect(content().string(containsString(CUT_ROW)));
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
    }

    @Test
    void savingAnUnchangedGridWritesTheFileExactlyAsItWas() throws Exception {
        String content = "# Status\njurisdiction,purpose,status,consent_model,since,reference\n"
                + "\"EEA\",GENAI_TRAINING,SUSPENDED,OPT_IN,2024-09-18,\"ICO, \"\"September\"\"\"\n"
                + "# the default\n*,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,\"Two\nlines\"";
        given(workbench.files(anyString())).willReturn(Map.of(TABLE,
                new Workbench.FileView(TABLE, content, true, "sha256:base")));
        mvc.perform(get("/editor/table").param("file", TABLE).with(ALICE))
                .andExpect(content().string(containsString("<textarea name=\"c5\"")))
                .andExpect(content().string(containsString("aria-label=\"Why (reference), line 5\"")));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("baseRevision", "sha256:base")
                        .param("c0", "EEA", "*", "").param("c1", "GENAI_TRAINING", "GENAI_TRAINING", "")
                        .param("c2", "SUSPENDED", "ENABLED", "").param("c3", "OPT_IN", "OPT_OUT", "")
                        .param("c4", "2024-09-18", "2024-11-20", "")
                        .param("c5", "ICO, \"September\"", "Two\r\nlines", ""))
                .andExpect(status().is3xxRedirection());
        verify(workbench).save("alice", TABLE, content, "sha256:base");
    }

    @Test
    void validatesTheTableWithTheSameChecksAsTheRules() throws Exception {
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x",
                List.of(new RulesetProblem(TABLE, 3, "status 'PAUSED' must be one of ENABLED, SUSPENDED")), List.of(), null));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("action", "validate")
                        .param("c0", "EEA").param("c1", "GENAI_TRAINING").param("c2", "PAUSED").param("c3", "OPT_IN")
                        .param("c4", "2024-09-18").param("c5", "ref"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("reference/jurisdictions.csv:3")))
                .andExpect(content().string(containsString("must be one of ENABLED, SUSPENDED")));
    }

    /** Issue 17, policies with history: the editor warns when a change alters decisions about the past. */
    @Test
    void warnsWhenTheChangeAltersDecisionsAboutInstantsAlreadyPast() throws Exception {
        Impact.Flip flip = new Impact.Flip("BR", "GENAI_TRAINING", "NOT_SET", null, "2025-01-01T00:00:00Z",
                "PERMIT [PERMITTED]", "DENY [CONSENT_REQUIRED]");
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(),
                new Impact(1, 500, 12, 0, 0, Impact.ChangeKind.RESTRICTIVE, Map.of(), Map.of(), List.of(flip), null, Impact.Coverage.EXHAUSTIVE, 9)));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("action", "validate")
                        .param("c0", "EEA").param("c1", "GENAI_TRAINING").param("c2", "SUSPENDED").param("c3", "OPT_IN")
                        .param("c4", "2024-09-18").param("c5", "ref"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"past-altered\"")))
                .andExpect(content().string(containsString("This change rewrites history")))
                .andExpect(content().string(containsString("9 decision(s) about days before today (UTC) would change")));
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(), List.of(),
                new Impact(1, 500, 12, 0, 0, Impact.ChangeKind.RESTRICTIVE, Map.of(), Map.of(), List.of(flip), null, Impact.Coverage.EXHAUSTIVE, 0)));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("action", "validate")
                        .param("c0", "EEA").param("c1", "GENAI_TRAINING").param("c2", "SUSPENDED").param("c3", "OPT_IN")
                        .param("c4", "2024-09-18").param("c5", "ref"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"impact-summary\"")))
                .andExpect(content().string(not(containsString("This change rewrites history"))));
    }

    @Test
    void refusesSavesWithoutCsrfOrFromNonAuthors() throws Exception {
        mvc.perform(post("/editor/table").with(ALICE).param("file", TABLE).param("c0", "X"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/editor/table").with(BOB).with(csrf()).param("file", TABLE).param("c0", "X"))
                .andExpect(status().isForbidden());
        verify(workbench, never()).save(anyString(), anyString(), anyString(), any());
    }

    @Test
    void refusesToSaveAFileThatIsNotATable() throws Exception {
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", "consent/ConsentModels.drl"))
                .andExpect(status().isBadRequest());
    }

    /** The page contains the text, with every run of white space taken as one space. */
    static org.hamcrest.Matcher<String> squeezed(String text) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String page) {
                return page.replaceAll("\\s+", " ").contains(text.replaceAll("\\s+", " "));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a page containing (white space squeezed) ").appendValue(text);
            }
        };
    }

    static final String REGIONS = "region,country\nEEA,FR\nUK,GB\n";
    static final String PURPOSES = "code,name,fides_data_use,description\nGENAI_TRAINING,Generative-AI training,train_ai_system,x\n";

    private void withTable(String content) {
        given(workbench.files(anyString())).willReturn(Map.of(TABLE, new Workbench.FileView(TABLE, content, false, "sha256:base"),
                "reference/regions.csv", new Workbench.FileView("reference/regions.csv", REGIONS, false, "sha256:r"),
                "reference/purposes.csv", new Workbench.FileView("reference/purposes.csv", PURPOSES, false, "sha256:p")));
    }

    /** Issue 17, 4: plain words for the columns, dropdowns for enumerated ones, a date picker for dates. */
    @Test
    void labelsColumnsInWordsWithDropdownsForEnumeratedValuesAndADatePicker() throws Exception {
        withTable(CONTENT);
        mvc.perform(get("/editor/table").param("file", TABLE).with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(squeezed(">Consent model</th>")))
                .andExpect(content().string(not(squeezed(">consent_model</th>"))))
                .andExpect(content().string(squeezed("id=\"column-help\"")))
                .andExpect(content().string(squeezed("Opt-in: only members who opted in.")))
                // The values come from the enums the compiler reads them into, and the purposes table.
                .andExpect(content().string(squeezed("<select name=\"c2\" aria-label=\"Status, line 3\">")))
                .andExpect(content().string(squeezed("<option value=\"SUSPENDED\" selected=\"selected\">Suspended (SUSPENDED)</option>")))
                .andExpect(content().string(squeezed("<option value=\"ENABLED\">Enabled (ENABLED)</option>")))
                .andExpect(content().string(squeezed("<option value=\"OPT_OUT\">Opt-out (OPT_OUT)</option>")))
                .andExpect(content().string(squeezed("<option value=\"GENAI_TRAINING\" selected=\"selected\">GENAI_TRAINING</option>")))
                .andExpect(content().string(squeezed("name=\"c4\" value=\"2024-09-18\" type=\"date\"")))
                .andExpect(content().string(squeezed("<select name=\"c3\" id=\"new-consent_model\"")))
                .andExpect(content().string(squeezed("id=\"new-since\" type=\"date\"")))
                .andExpect(content().string(squeezed("<option value=\"BR\">Brazil</option>")));
    }

    /** A dropdown must not lose a value it does not allow, nor a date picker an instant. */
    @Test
    void keepsAValueTheDropdownDoesNotAllowAndAnInstantAsText() throws Exception {
        String content = "jurisdiction,purpose,status,consent_model,since,reference\n"
                + "EEA,GENAI_TRAINING,Enabled,OPT_IN,2024-09-18T06:00:00Z,ref\n";
        withTable(content);
        mvc.perform(get("/editor/table").param("file", TABLE).with(ALICE))
                .andExpect(content().string(squeezed(
                        "<option value=\"Enabled\" selected=\"selected\">Enabled (not allowed: choose one)</option>")))
                .andExpect(content().string(squeezed("name=\"c4\" value=\"2024-09-18T06:00:00Z\" type=\"text\"")));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("baseRevision", "sha256:base")
                        .param("c0", "EEA", "").param("c1", "GENAI_TRAINING", "").param("c2", "Enabled", "")
                        .param("c3", "OPT_IN", "").param("c4", "2024-09-18T06:00:00Z", "").param("c5", "ref", ""))
                .andExpect(status().is3xxRedirection());
        verify(workbench).save("alice", TABLE, content, "sha256:base");
    }

    /** Issue 17, 4: "change the policy here" for a country that follows *: its own row, prefilled, from today. */
    @Test
    void prefillsANewRowForACountryThatFollowsTheDefaultRowAndSaysSo() throws Exception {
        withTable(CONTENT);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        mvc.perform(get("/editor/table").param("file", TABLE).param("country", "BR").param("purpose", "GENAI_TRAINING").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(squeezed(
                        "Brazil has no row of its own for GENAI_TRAINING: it follows the default row * (line 4). "
                                + "A new row for Brazil from " + today)))
                .andExpect(content().string(squeezed("until " + today + " it keeps following the default row *")))
                .andExpect(content().string(squeezed("value=\"BR\" id=\"new-jurisdiction\"")))
                .andExpect(content().string(squeezed("<option value=\"ENABLED\" selected=\"selected\">Enabled (ENABLED)</option>")))
                .andExpect(content().string(squeezed("<option value=\"OPT_OUT\" selected=\"selected\">Opt-out (OPT_OUT)</option>")))
                .andExpect(content().string(squeezed("value=\"" + today + "\" id=\"new-since\"")))
                .andExpect(content().string(squeezed("<tr class=\"new-row focus\" id=\"new-row\">")));
        mvc.perform(get("/editor/table").param("file", TABLE).param("country", "FR").param("purpose", "GENAI_TRAINING")
                        .param("from", "2026-12-02").with(ALICE))
                .andExpect(content().string(squeezed("France has no row of its own for GENAI_TRAINING: it follows the EEA row (line 3)")))
                .andExpect(content().string(squeezed("value=\"FR\" id=\"new-jurisdiction\"")))
                .andExpect(content().string(squeezed("value=\"2026-12-02\" id=\"new-since\"")));
    }

    /** A country with its own row: the editor opens at it; a change from a date is a new row, the old one kept. */
    @Test
    void opensAtACountrysOwnRowAndAddsADatedRowToChangeItFromADate() throws Exception {
        withTable(CONTENT + "BR,GENAI_TRAINING,ENABLED,OPT_OUT,2025-01-01,ANPD\n");
        mvc.perform(get("/editor/table").param("file", TABLE).param("country", "br").param("purpose", "GENAI_TRAINING").with(ALICE))
                .andExpect(content().string(squeezed("Brazil has its own row for GENAI_TRAINING (line 5), highlighted below.")))
                .andExpect(content().string(squeezed("<tr id=\"row-5\" class=\"focus \">")))
                .andExpect(content().string(squeezed("id=\"from-form\"")));
        mvc.perform(get("/editor/table").param("file", TABLE).param("country", "BR").param("purpose", "GENAI_TRAINING")
                        .param("from", "2026-12-02").with(ALICE))
                .andExpect(content().string(squeezed("(line 5) is kept as it is. A new row for Brazil from 2026-12-02")))
                .andExpect(content().string(squeezed("value=\"BR\" id=\"new-jurisdiction\"")))
                .andExpect(content().string(squeezed("value=\"2026-12-02\" id=\"new-since\"")))
                .andExpect(content().string(squeezed("value=\"\" id=\"new-reference\"")));
        // A board card: the row of a jurisdiction and purpose from its since.
        mvc.perform(get("/editor/table").param("file", TABLE).param("jurisdiction", "EEA").param("purpose", "GENAI_TRAINING")
                        .param("since", "2024-09-18").with(ALICE))
                .andExpect(content().string(squeezed("The EEA row for GENAI_TRAINING from 2024-09-18 is line 3")))
                .andExpect(content().string(squeezed("<tr id=\"row-3\" class=\"focus \">")));
    }

    /** Issue 17, 6: bad cells highlighted, and each error links to its row. */
    @Test
    void highlightsTheBadCellAndLinksEachErrorToItsRow() throws Exception {
        withTable(CONTENT.replace("EEA,GENAI_TRAINING,SUSPENDED", "EEA,GENAI_TRAINING,Suspended"));
        given(workbench.validate("alice")).willReturn(new Validation("sha256:x", List.of(new RulesetProblem(TABLE, 3,
                "status 'Suspended': did you mean SUSPENDED? Values are written exactly, in capitals")), List.of(), null));
        mvc.perform(post("/editor/table").with(ALICE).with(csrf()).param("file", TABLE).param("action", "validate")
                        .param("c0", "EEA", "*").param("c1", "GENAI_TRAINING", "GENAI_TRAINING").param("c2", "Suspended", "ENABLED")
                        .param("c3", "OPT_IN", "OPT_OUT").param("c4", "2024-09-18", "2024-11-20")
                        .param("c5", "ICO engagement, September 2024", "Updated user agreement"))
                .andExpect(status().isOk())
                .andExpect(content().string(squeezed("<tr id=\"row-3\" class=\"problem\">")))
                .andExpect(content().string(squeezed("<td class=\"bad\"> <select name=\"c2\"")))
                .andExpect(content().string(squeezed("<a href=\"#row-3\">Line 3</a>")))
                .andExpect(content().string(squeezed(
                        "href=\"/editor/table?file=reference/jurisdictions.csv&amp;focus=3#row-3\"")));
    }
}
