package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.jurist.workflow.ApprovalRecords;
import io.jurist.workflow.ProcessView;
import io.jurist.workflow.ProcessViews;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebPageTest(ProposalPagesController.class)
class ProposalPagesControllerTests {

    static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RulesetStore store;

    @MockitoBean
    ProcessViews processes;

    @BeforeEach
    void history() {
        RulesetVersion first = new RulesetVersion(1, "sha256:1", RulesetStatus.ACTIVE, "Initial rules", "system",
                null, T, T, "startup", null, null, null);
        RulesetVersion mine = new RulesetVersion(2, "sha256:2", RulesetStatus.PROPOSED, "Suspend PH", "alice",
                1, T, null, null, "pi-2", "RESTRICTIVE", null);
        RulesetVersion theirs = new RulesetVersion(3, "sha256:3", RulesetStatus.REJECTED, "Enable BR early", "erin",
                1, T, null, null, "pi-3", "PERMISSIVE", "Rejected by bob");
        given(store.list()).willReturn(List.of(theirs, mine, first));
        given(store.find(anyInt())).willReturn(Optional.empty());
        given(store.find(1)).willReturn(Optional.of(first));
        given(store.find(2)).willReturn(Optional.of(mine));
        given(store.files(1)).willReturn(new RulesetFiles(Map.of("reference/jurisdictions.csv", "a\nb\n")));
        given(store.files(2)).willReturn(new RulesetFiles(Map.of("reference/jurisdictions.csv", "a\nb\nPH row\n")));
        given(processes.of("pi-2")).willReturn(Optional.of(new ProcessView("pi-2", "RuleChangeApproval", "ruleset-2",
                "ACTIVE", T, null, List.of("Task_ApproveAsLegal"),
                List.of(new ProcessView.OpenTask("task-9", "Task_ApproveAsLegal", "Approve restrictive rule change (legal)",
                        "pi-2", List.of("legal-approvers"), null, T)),
                List.of(new ApprovalRecords.Approval("pi-2", "ruleset-2", "RuleChangeApproval", "Task_Earlier",
                        "Earlier review", "dana", false, "Needs a reference", null, T)),
                Map.of())));
    }

    @Test
    void sendsAnonymousVisitorsToTheLogin() throws Exception {
        mvc.perform(get("/proposals/2").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }

    @Test
    void showsTheProposalsStateWhoMustActAndEachDecisionWithItsComment() throws Exception {
        mvc.perform(get("/proposals/2").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">PROPOSED</span>")))
                .andExpect(content().string(containsString("Approve restrictive rule change (legal)")))
                .andExpect(content().string(containsString("legal-approvers")))
                .andExpect(content().string(containsString("/camunda/app/tasklist/default/#/?task=task-9")))
                .andExpect(content().string(containsString("REJECTED")))
                .andExpect(content().string(containsString("Needs a reference")))
                // What became of it, in words, where an approver lands after completing the task.
                .andExpect(content().string(containsString("data-outcome=\"WAITING\"")))
                .andExpect(content().string(containsString("Not active yet: waiting for legal-approvers")));
    }

    @Test
    void answersNotFoundForAnUnknownVersion() throws Exception {
        mvc.perform(get("/proposals/99").with(ALICE)).andExpect(status().isNotFound());
    }

    @Test
    void listsOnlyMyProposals() throws Exception {
        mvc.perform(get("/proposals").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Suspend PH")))
                .andExpect(content().string(not(containsString("Enable BR early"))));
    }

    @Test
    void showsTheHistoryAndTheDiffBetweenTwoVersions() throws Exception {
        mvc.perform(get("/versions").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enable BR early")));
        mvc.perform(get("/versions/diff").param("from", "1").param("to", "2").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("reference/jurisdictions.csv")))
                .andExpect(content().string(containsString("<span class=\"add\">+PH row")));
    }

    @Test
    void refusesADiffWithAnUnknownVersion() throws Exception {
        mvc.perform(get("/versions/diff").param("from", "1").param("to", "42").with(ALICE))
                .andExpect(status().isNotFound());
    }
}
