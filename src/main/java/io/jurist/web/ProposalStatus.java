package io.jurist.web;

import io.jurist.ruleset.RulesetVersion;
import io.jurist.workflow.ApprovalRecords;
import io.jurist.workflow.ProcessView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a proposal stands, in one sentence, and who must act next, in people's words. It is the proposal page's
 * status line, which an approver reads on landing there from Tasklist after completing the task: active since when,
 * rejected and by whom, waiting for whom, being activated, or not activated and why.
 *
 * @param kind       ACTIVATED, SUPERSEDED, REJECTED, FAILED, ACTIVATING, WAITING or UNKNOWN, for styling and tests
 * @param sentence   the status line
 * @param waitingFor one line per open task: who may act and whether someone took it
 */
record ProposalStatus(String kind, String sentence, List<String> waitingFor) {

    /** The activity that makes an approved version active (a job, a second or two after the last approval). */
    static final String ACTIVATION = "Task_ActivateVersion";

    private static final Map<String, String> GROUPS = Map.of("legal-approvers", "legal",
            "dpo", "the data protection officer", "rule-authors", "a rule author");

    static ProposalStatus of(RulesetVersion version, ProcessView process) {
        List<ApprovalRecords.Approval> decisions = process == null ? List.of() : process.approvals();
        List<String> waiting = waitingFor(process);
        String decided = decided(decisions);
        String first = version.baseVersion() == null ? " It is the first version." : "";
        return switch (version.status()) {
            case ACTIVE -> new ProposalStatus("ACTIVATED", "Version " + version.version() + " is active since "
                    + version.activatedAt() + ": every decision from then on follows it." + first + decided, waiting);
            case SUPERSEDED -> new ProposalStatus("SUPERSEDED", "Version " + version.version()
                    + " was active and has since been replaced by a later version." + decided, waiting);
            case REJECTED -> new ProposalStatus("REJECTED", "Rejected: version " + version.version()
                    + " was not activated and nothing changed." + decided, waiting);
            case FAILED -> new ProposalStatus("FAILED", "Not activated: "
                    + (version.statusReason() == null ? "activation failed." : version.statusReason())
                    + " Nothing changed; the change must be proposed again." + decided, waiting);
            case PROPOSED -> proposed(version, process, waiting);
        };
    }

    private static ProposalStatus proposed(RulesetVersion version, ProcessView process, List<String> waiting) {
        if (process == null) {
            return new ProposalStatus("UNKNOWN", "Version " + version.version()
                    + " is proposed; its approval process cannot be found.", waiting);
        }
        List<String> approvedBy = process.approvals().stream().filter(ApprovalRecords.Approval::approved)
                .map(ApprovalRecords.Approval::user).distinct().toList();
        String approved = approvedBy.isEmpty() ? "" : "Approved by " + String.join(" and ", approvedBy) + "; ";
        if (!process.openTasks().isEmpty()) {
            List<String> groups = process.openTasks().stream().flatMap(t -> t.candidateGroups().stream())
                    .map(ProposalStatus::group).distinct().toList();
            String sentence = groups.equals(List.of("legal")) ? "waiting for legal approval."
                    : "waiting for approval by " + (groups.isEmpty() ? "someone" : String.join(" and ", groups)) + ".";
            return new ProposalStatus("WAITING", capitalise(approved + sentence), waiting);
        }
        if (process.waitingAt().contains(ACTIVATION)) {
            return new ProposalStatus("ACTIVATING", capitalise(approved + "version " + version.version()
                    + " is being activated, which takes a second or two. Reload this page to see it active."),
                    waiting);
        }
        return new ProposalStatus("UNKNOWN", capitalise(approved + "version " + version.version()
                + " is proposed; its approval process is " + process.state().toLowerCase(Locale.ROOT) + "."), waiting);
    }

    private static List<String> waitingFor(ProcessView process) {
        List<String> waiting = new ArrayList<>();
        if (process != null) {
            for (ProcessView.OpenTask task : process.openTasks()) {
                String who = String.join(" or ", task.candidateGroups().stream().map(ProposalStatus::group).toList());
                waiting.add("waiting for " + (who.isEmpty() ? "someone" : who) + " to "
                        + task.name().replaceFirst("\\s*\\([^)]*\\)$", "").toLowerCase(Locale.ROOT)
                        + (task.assignee() == null ? " (nobody has taken the task yet)"
                        : " (" + task.assignee() + " has taken the task)"));
            }
        }
        return waiting;
    }

    /** Who decided what, newest last: " So far: bob approved; dana rejected (“comment”)." */
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

    private static String group(String id) {
        return GROUPS.getOrDefault(id, id);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
