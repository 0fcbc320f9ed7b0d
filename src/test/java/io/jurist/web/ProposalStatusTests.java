package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetVersion;
import io.jurist.workflow.ApprovalRecords;
import io.jurist.workflow.ProcessView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProposalStatusTests {

    static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    static RulesetVersion version(RulesetStatus status, String reason) {
        return new RulesetVersion(7, "sha256:7", status, "BR opt-in", "alice", 6, T,
                status == RulesetStatus.ACTIVE ? T : null, null, "pi-7", "RESTRICTIVE", reason);
    }

    static ProcessView process(String state, List<String> waitingAt, List<ProcessView.OpenTask> open,
                               ApprovalRecords.Approval... decisions) {
        return new ProcessView("pi-7", "RuleChangeApproval", "ruleset-7", state, T, null, waitingAt, open,
                List.of(decisions), Map.of());
    }

    static ApprovalRecords.Approval decision(String user, boolean approved, String comment) {
        return new ApprovalRecords.Approval("pi-7", "ruleset-7", "RuleChangeApproval", "Task_ApproveAsLegal",
                "Approve", user, approved, comment, null, T);
    }

    @Test
    void anActiveVersionSaysSoAndWhoApprovedIt() {
        var outcome = ProposalStatus.of(version(RulesetStatus.ACTIVE, null),
                process("COMPLETED", List.of(), List.of(), decision("bob", true, "Agreed")));
        assertThat(outcome.kind()).isEqualTo("ACTIVATED");
        assertThat(outcome.sentence()).contains("Version 7 is active since " + T).contains("bob approved (“Agreed”)");
    }

    @Test
    void aRejectionSaysNothingChangedAndWhoRejected() {
        var outcome = ProposalStatus.of(version(RulesetStatus.REJECTED, "Rejected in process pi-7"),
                process("TERMINATED", List.of(), List.of(), decision("dana", false, "No DPIA")));
        assertThat(outcome.kind()).isEqualTo("REJECTED");
        assertThat(outcome.sentence()).contains("nothing changed").contains("dana rejected (“No DPIA”)");
    }

    @Test
    void aFailedActivationGivesItsReason() {
        var outcome = ProposalStatus.of(version(RulesetStatus.FAILED, "Version 8 was activated since its base 6."),
                process("COMPLETED", List.of(), List.of(), decision("bob", true, "ok")));
        assertThat(outcome.kind()).isEqualTo("FAILED");
        assertThat(outcome.sentence()).startsWith("Not activated: Version 8 was activated since its base 6.")
                .contains("proposed again");
    }

    @Test
    void oneApprovalOfTwoWaitsForTheOtherApprover() {
        var dpoTask = new ProcessView.OpenTask("t-2", "Task_ApproveAsDpo", "Approve permissive rule change (DPO)",
                "pi-7", List.of("dpo"), null, T);
        var outcome = ProposalStatus.of(version(RulesetStatus.PROPOSED, null),
                process("ACTIVE", List.of("Task_ApproveAsDpo"), List.of(dpoTask), decision("bob", true, "fine")));
        assertThat(outcome.kind()).isEqualTo("WAITING");
        assertThat(outcome.sentence()).isEqualTo("Approved by bob; waiting for approval by the data protection officer.");
        assertThat(outcome.waitingFor()).containsExactly(
                "waiting for the data protection officer to approve permissive rule change (nobody has taken the task yet)");
    }

    @Test
    void anApprovedVersionWhoseActivationJobHasNotRunIsBeingActivated() {
        var outcome = ProposalStatus.of(version(RulesetStatus.PROPOSED, null),
                process("ACTIVE", List.of(ProposalStatus.ACTIVATION), List.of(), decision("bob", true, "ok")));
        assertThat(outcome.kind()).isEqualTo("ACTIVATING");
        assertThat(outcome.sentence()).contains("being activated");
    }
}
