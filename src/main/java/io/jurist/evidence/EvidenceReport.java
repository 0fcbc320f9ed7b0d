package io.jurist.evidence;

import io.jurist.audit.DailyDecisionCounts;
import io.jurist.audit.HistoryRecord;
import io.jurist.engagement.Correspondence;
import io.jurist.workflow.ApprovalRecords.Approval;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Jurist did about one purpose in one jurisdiction during a window, and who decided it.
 *
 * @param country       the country asked about
 * @param region        its region in the active rules
 * @param purpose       the purpose asked about
 * @param from          the window's start (inclusive)
 * @param to            the window's end (exclusive)
 * @param generatedAt   when the report was made
 * @param generatedBy   who asked for it
 * @param versions      the ruleset versions active during the window, oldest first, with the policy each set
 * @param engagements   the regulator engagements about the purpose there that were open during the window
 * @param changes       the suspensions and re-enablements of the purpose there asked for or ended during the window
 * @param decisions     the decisions made during the window, by day
 * @param history       the change history records about the purpose there, recorded during the window
 * @param chain         whether the change history's chain held when the report was made
 */
public record EvidenceReport(String country, String region, String purpose, Instant from, Instant to,
                             Instant generatedAt, String generatedBy, List<ActiveVersion> versions,
                             List<EngagementEvidence> engagements, List<ChangeEvidence> changes,
                             Decisions decisions, List<HistoryRecord> history, Chain chain) {

    /**
     * A version that was active for part of the window.
     *
     * @param version     its number
     * @param revision    its content hash
     * @param summary     what it changed
     * @param proposedBy  who proposed it
     * @param activatedBy who (or which step) activated it
     * @param activatedAt when it became active
     * @param activeFrom  when it began to count in the window (the later of its activation and the window's start)
     * @param activeUntil when it stopped being active, or null if it still was at the window's end
     * @param policy      the purpose's status there under this version, or null if its table did not cover it
     * @param approvals   who approved (or rejected) it in its rule change approval, with comments
     */
    public record ActiveVersion(int version, String revision, String summary, String proposedBy, String activatedBy,
                                Instant activatedAt, Instant activeFrom, Instant activeUntil, Policy policy,
                                List<Approval> approvals) {
    }

    /**
     * A purpose's policy in a country under one version.
     *
     * @param status       ENABLED or SUSPENDED
     * @param consentModel OPT_IN or OPT_OUT
     * @param since        since when the row applies
     * @param reference    the row's reference: the engagement or change that set it
     */
    public record Policy(String status, String consentModel, Instant since, String reference) {
    }

    /**
     * An engagement with its correspondence and the decisions people took in it.
     *
     * @param id             its id
     * @param regulator      the authority
     * @param jurisdictions  every country it concerns
     * @param summary        the concern
     * @param status         OPEN or CLOSED
     * @param outcome        how it was closed
     * @param outcomeComment the closing comment
     * @param openedBy       who opened it
     * @param openedAt       when
     * @param closedAt       when it was closed, or null
     * @param correspondence what was exchanged with the regulator
     * @param steps          the tasks people completed in its process (triage, reminders, closing)
     */
    public record EngagementEvidence(String id, String regulator, List<String> jurisdictions, String summary,
                                     String status, String outcome, String outcomeComment, String openedBy,
                                     Instant openedAt, Instant closedAt, List<Correspondence> correspondence,
                                     List<Approval> steps) {
    }

    /**
     * A suspension or re-enablement with everyone who approved or rejected it.
     *
     * @param id             its id
     * @param kind           SUSPENSION or REENABLEMENT
     * @param jurisdictions  every country it concerns
     * @param consentModel   the consent model a re-enablement asked for
     * @param reason         the reason or justification given
     * @param engagementId   the engagement it belongs to, if any
     * @param requestedBy    who asked for it
     * @param status         REQUESTED, ACTIVE, REJECTED or FAILED
     * @param statusReason   why it ended as it did
     * @param rulesetVersion the version that carries it
     * @param requestedAt    when it was asked for
     * @param completedAt    when it ended, or null
     * @param approvals      every approval and rejection on its way, with comments and evidence
     */
    public record ChangeEvidence(String id, String kind, List<String> jurisdictions, String consentModel,
                                 String reason, String engagementId, String requestedBy, String status,
                                 String statusReason, Integer rulesetVersion, Instant requestedAt,
                                 Instant completedAt, List<Approval> approvals) {
    }

    /**
     * Decision counts from the decision log.
     *
     * @param days       one entry per day of the window that had decisions (or unlogged ones), oldest first
     * @param byDecision the window's totals by PERMIT and DENY
     * @param byReason   the window's totals by reason code (a decision with two reasons counts under both)
     * @param unlogged   decisions of any country during the window that the log could not record
     */
    public record Decisions(List<DailyDecisionCounts> days, Map<String, Long> byDecision, Map<String, Long> byReason,
                            long unlogged) {
    }

    /**
     * The change history's state when the report was made.
     *
     * @param intact   whether every record held
     * @param lastSeq  the last record's number
     * @param lastHash the last record's hash
     * @param problem  what is wrong, when it does not hold
     */
    public record Chain(boolean intact, long lastSeq, String lastHash, String problem) {
    }
}
