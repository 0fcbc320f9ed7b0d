package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.jurist.engagement.ChangeKind;
import io.jurist.engagement.Correspondence;
import io.jurist.engagement.Engagement;
import io.jurist.engagement.EngagementStore;
import io.jurist.engagement.JurisdictionChange;
import io.jurist.workflow.ProcessView;
import io.jurist.workflow.Workflows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebPageTest(EngagementPagesController.class)
class EngagementPagesControllerTests {

    static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EngagementStore store;

    @MockitoBean
    Workflows workflows;

    @Test
    void showsAnEngagementWithItsCorrespondenceSuspensionsAndWhoMustAct() throws Exception {
        given(store.engagement("ENG-ABCDEF12")).willReturn(Optional.of(new Engagement("ENG-ABCDEF12", "ICO",
                List.of("GB"), "GENAI_TRAINING", "Training on member data", "OPEN", null, null, "alice", "pi-1", T,
                null)));
        given(store.correspondence("ENG-ABCDEF12")).willReturn(List.of(new Correspondence(1, "ENG-ABCDEF12",
                "INBOUND", LocalDate.parse("2024-10-01"), "Letter from the ICO", "Wants opt-in", "bob", T)));
        given(store.changesOfEngagement("ENG-ABCDEF12")).willReturn(List.of(new JurisdictionChange("SUS-1",
                ChangeKind.SUSPENSION, List.of("GB"), "GENAI_TRAINING", null, "concern", "ENG-ABCDEF12", "alice",
                "ACTIVE", null, 4, "pi-2", T, T)));
        given(workflows.view("pi-1")).willReturn(Optional.of(new ProcessView("pi-1", "RegulatorEngagement",
                "ENG-ABCDEF12", "ACTIVE", T, null, List.of("Task_CloseEngagement"), List.of(new ProcessView.OpenTask(
                "task-3", "Task_CloseEngagement", "Close the engagement (legal)", "pi-1", List.of("legal-approvers"),
                null, T)), List.of(), Map.of())));
        mvc.perform(get("/engagements/ENG-ABCDEF12").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Letter from the ICO")))
                .andExpect(content().string(containsString("SUS-1 SUSPENSION of GB")))
                .andExpect(content().string(containsString("/proposals/4")))
                .andExpect(content().string(containsString("Close the engagement (legal)")))
                .andExpect(content().string(containsString("/camunda/app/tasklist/default/#/?task=task-3")));
    }

    @Test
    void answersAnUnknownEngagementWith404() throws Exception {
        given(store.engagement("ENG-NOPE")).willReturn(Optional.empty());
        mvc.perform(get("/engagements/ENG-NOPE").with(ALICE)).andExpect(status().isNotFound());
    }

    @Test
    void sendsAnonymousVisitorsToTheLogin() throws Exception {
        mvc.perform(get("/engagements/ENG-ABCDEF12").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }
}
