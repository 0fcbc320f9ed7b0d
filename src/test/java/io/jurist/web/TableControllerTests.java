package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static io.jurist.web.EditorControllerTests.BOB;
import static org.hamcrest.Matchers.containsString;
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
                .andExpect(content().string(containsString("aria-label=\"reference, line 3\"")))
                .andExpect(content().string(containsString("value=\"ICO engagement, September 2024\"")))
                .andExpect(content().string(containsString("id=\"new-jurisdiction\"")));
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
}
