package io.jurist.engagement;

/**
 * The process-variable contract of JurisdictionSuspension ({@code bpmn/JurisdictionSuspension.bpmn}), whose
 * variables ReenablementApproval shares: what starting it sets, what its steps write, and what it hands to
 * RuleChangeApproval and reads back ({@code version}, {@code outcome}, {@code failureReason}).
 * {@code ProcessVariableContractTests} checks that the BPMN file uses no other.
 */
final class JurisdictionSuspensionVariables {

    static final String PROCESS_KEY = "JurisdictionSuspension";
    /** The change (SUS-…, REN-…), also the process's business key. */
    static final String CHANGE_ID = "changeId";
    /** Comma-separated country codes. */
    static final String JURISDICTIONS = "jurisdictions";
    static final String PURPOSE = "purpose";
    static final String REASON = "reason";
    static final String ENGAGEMENT_ID = "engagementId";
    /** Who asked for the change, comma-separated: none of them may approve it. */
    static final String REQUESTERS = "requesters";
    static final String REQUESTED_BY = "requestedBy";
    /** The candidate ruleset version built for the change (set by the build step, for RuleChangeApproval). */
    static final String VERSION = "version";
    /** How RuleChangeApproval ended: ACTIVATED, REJECTED or FAILED. */
    static final String OUTCOME = "outcome";
    static final String FAILURE_REASON = "failureReason";

    private JurisdictionSuspensionVariables() {
    }
}
