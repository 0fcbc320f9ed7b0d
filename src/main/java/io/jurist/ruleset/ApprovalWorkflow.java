package io.jurist.ruleset;

import java.util.List;

/** Starts the approval process that governs a proposed version; implemented by the workflow module. */
public interface ApprovalWorkflow {

    /**
     * Starts the rule change approval for a stored, proposed version.
     *
     * @return the process instance id and business key
     */
    Started startRuleChange(RuleChange change);

    /**
     * A proposed version on its way to approval.
     *
     * @param version    the proposed version
     * @param summary    the proposer's summary
     * @param proposedBy who proposed it (may not approve it)
     * @param requesters everyone who asked for it, however many processes deep (none may approve it)
     * @param kind       RESTRICTIVE or PERMISSIVE, from impact analysis
     * @param impact     the impact summary for the approvers
     * @param baseVersion the active version it was based on
     * @param countries  the countries whose decisions it flips (from its impact)
     * @param purposes   the purposes whose decisions it flips (from its impact)
     */
    record RuleChange(int version, String summary, String proposedBy, String requesters, Impact.ChangeKind kind,
                      String impact, int baseVersion, List<String> countries, List<String> purposes) {
    }

    /**
     * A started process.
     *
     * @param processInstanceId its id in the engine
     * @param businessKey       the business key it is found by
     */
    record Started(String processInstanceId, String businessKey) {
    }
}
