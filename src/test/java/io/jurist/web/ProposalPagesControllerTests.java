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
        RulesetVersion mine = new RulesetVersion(2, "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", RulesetStatus.PROPOSED, "Suspend PH", "alice",
                1, T, null, null, "pi-2", "RESTRICTIVE", null);
        RulesetVersion theirs = new RulesetVersion(3, "sha256:3", RulesetStatus.REJECTED, "Enable BR early", "erin",
                1, T, null, null, "pi-3", "PERMISSIVE", "Rejected by bob");
        given(store.list()).willReturn(List.of(theirs, mine, first));
        given(store.find(anyInt())).willReturn(Optional.empty());
        given(store.find(1)).willReturn(Optional.of(first));
        given(store.find(2)).willReturn(Optional.of(mine));
        given(store.files(1)).willReturn(new RulesetFiles(Map.of("reference/jurisdictions.csv", "a\nb\n")));
        given(store.files(2)).willReturn(new RulesetFiles(Map.of("reference/jurisdictions.csv", "a\nb\nPH row\n")));
        given(store.impactJson(2)).willReturn(Optional.of("""
                {"baseVersion":1,"population":500,"permitToDeny":12,"denyToPermit":0,"reasonsChanged":3,
                 "kind":"RESTRICTIVE","byCountry":{"PH":{"PERMIT_TO_DENY":12,"DENY_TO_PERMIT":0}},
                 "byPurpose":{"GENAI_TRAINING":{"PERMIT_TO_DENY":12,"DENY_TO_PERMIT":0}},
                 "examples":[{"country":"PH","purpose":"GENAI_TRAINING","consent":"NOT_SET","age":null,
                   "at":"2025-06-01T00:00:00Z","before":"PERMIT [PERMITTED]","after":"DENY [JURISDICTION_SUSPENDED]"}],
                 "recent":null,"coverage":"EXHAUSTIVE","pastAltered":0}"""));
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
                // Where it stands, in words, where an approver lands after completing the task: while it waits, the
                // sentence names who must act in people's words rather than the group's id.
                .andExpect(content().string(containsString("id=\"status\"")))
                .andExpect(content().string(containsString("data-outcome=\"WAITING\"")))
                .andExpect(content().string(containsString(">Waiting for legal approval.</p>")));
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
                .andExpect(content().string(containsString("<th scope=\"row\">added</th>")))
                .andExpect(content().string(containsString("<mark>PH row</mark>")));
    }

    @Test
    void refusesADiffWithAnUnknownVersion() throws Exception {
        mvc.perform(get("/versions/diff").param("from", "1").param("to", "42").with(ALICE))
                .andExpect(status().isNotFound());
    }

    /** Issue 17: the page approvers open reads in people's words: no process ids, task keys or definition keys. */
    @Test
    void theProposalSaysWhoWhyWhereItStandsAndWhatItDoesInWords() throws Exception {
        given(store.files(2)).willReturn(new RulesetFiles(Map.of(
                "reference/jurisdictions.csv", "jurisdiction,purpose,status\nPH,GENAI_TRAINING,SUSPENDED\n",
                "jurisdictions/JurisdictionStatus.drl", "rule \"S\"\nthen\n    $case.deny(\"JURISDICTION_SUSPENDED\", "
                        + "\"The purpose is suspended in \" + $case.getCountry() + \".\");\nend\n")));
        given(store.files(1)).willReturn(new RulesetFiles(Map.of(
                "reference/jurisdictions.csv", "jurisdiction,purpose,status\nPH,GENAI_TRAINING,ENABLED\n")));
        String page = mvc.perform(get("/proposals/2").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Waiting for legal approval.")))
                .andExpect(content().string(containsString("waiting for legal to approve restrictive rule change "
                        + "(nobody has taken the task yet)")))
                .andExpect(content().string(containsString("rejected by dana")))
                .andExpect(content().string(containsString(">9f86d081884c</code>")))
                .andExpect(content().string(containsString("a fingerprint of the files")))
                .andExpect(content().string(containsString("It only restricts: no decision would")))
                .andExpect(content().string(containsString("<strong>12</strong> decision(s) would turn PERMIT to DENY")))
                .andExpect(content().string(containsString("these counts are complete")))
                .andExpect(content().string(containsString("No decision about a day already past changes.")))
                .andExpect(content().string(containsString("DENY [JURISDICTION_SUSPENDED]")))
                .andExpect(content().string(containsString("<td>not set</td>")))
                .andExpect(content().string(containsString("The purpose is suspended in ….")))
                .andExpect(content().string(containsString("<mark>SUSPENDED</mark>")))
                .andExpect(content().string(containsString("All 0 scenario(s) passed when it was proposed")))
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(page)
                .doesNotContain("RuleChangeApproval").doesNotContain("Task_ApproveAsLegal").doesNotContain("pi-2")
                .doesNotContain("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"<")
                .doesNotContain(">sha256:");
    }
}
