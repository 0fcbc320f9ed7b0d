package io.jurist.web;

import io.jurist.ruleset.RulesetVersion;
import io.jurist.workflow.ApprovalRecords;
import io.jurist.workflow.ProcessView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What became of a proposal, in one sentence for the person who just decided on it (an approver lands
 * on the proposal page from Tasklist after completing the task): active, rejected and by whom, waiting
 * for the next approver, being activated, or not activated and why.
 *
 * @param kind  ACTIVATED, REJECTED, FAILED, ACTIVATING, WAITING, SUPERSEDED or UNKNOWN, for styling and tests
 * @param text  the sentence
 */
record ProposalOutcome(String kind, String text) {

    /** The activity that makes an approved version active (a job, a second or two after the last approval). */
    static final String ACTIVATION = "Task_ActivateVersion";

    static ProposalOutcome of(RulesetVersion version, ProcessView process) {
        List<ApprovalRecords.Approval> decisions = process == null ? List.of() : process.approvals();
        String decided = decided(decisions);
        return switch (version.status()) {
            case ACTIVE -> new ProposalOutcome("ACTIVATED", "Version " + version.version() + " is active since "
                    + version.activatedAt() + ": every decision from then on follows it." + decided);
            case SUPERSEDED -> new ProposalOutcome("SUPERSEDED", "Version " + version.version()
                    + " was active and has since been replaced by a later version." + decided);
            case REJECTED -> new ProposalOutcome("REJECTED", "Rejected: version " + version.version()
                    + " was not activated and nothing changed." + decided);
            case FAILED -> new ProposalOutcome("FAILED", "Not activated: "
                    + (version.statusReason() == null ? "activation failed." : version.statusReason())
                    + " Nothing changed; the change must be proposed again." + decided);
            case PROPOSED -> proposed(version, process, decided);
        };
    }

    private static ProposalOutcome proposed(RulesetVersion version, ProcessView process, String decided) {
        if (process == null) {
            return new ProposalOutcome("UNKNOWN", "Version " + version.version()
                    + " is proposed; its approval process cannot be found." + decided);
        }
        if (!process.openTasks().isEmpty()) {
            Set<String> groups = new LinkedHashSet<>();
            List<String> tasks = new ArrayList<>();
            for (ProcessView.OpenTask task : process.openTasks()) {
                groups.addAll(task.candidateGroups());
                tasks.add(task.name() + (task.assignee() == null ? "" : ", claimed by " + task.assignee()));
            }
            return new ProposalOutcome("WAITING", "Not active yet: waiting for "
                    + (groups.isEmpty() ? "the next approver" : String.join(" and ", groups)) + " ("
                    + String.join("; ", tasks) + ")." + decided);
        }
        if (process.waitingAt().contains(ACTIVATION)) {
            return new ProposalOutcome("ACTIVATING", "Approved: version " + version.version()
                    + " is being activated, which takes a second or two. Reload this page to see it active."
                    + decided);
        }
        return new ProposalOutcome("UNKNOWN", "Version " + version.version() + " is proposed; its approval process "
                + "is " + process.state().toLowerCase(java.util.Locale.ROOT) + "." + decided);
    }

    /** Who decided what so far, newest last: " bob approved; dana rejected (“comment”)." */
    private static String decided(List<ApprovalRecords.Approval> decisions) {
        if (decisions.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (ApprovalRecords.Approval decision : decisions) {
            parts.add(decision.user() + (decision.approved() ? " approved" : " rejected")
                    + (decision.comment() == null || decision.comment().isBlank() ? ""
                            : " (“" + decision.comment() + "”)"));
        }
        return " So far: " + String.join("; ", parts) + ".";
    }
}
