package io.jurist.engagement;

import java.util.List;

/**
 * The process-variable contract of ReenablementApproval ({@code bpmn/ReenablementApproval.bpmn}): the change
 * variables of {@link JurisdictionSuspensionVariables}, the consent model to re-enable under, and its three
 * gates, whose answers follow {@code TaskVariables} ({@code Task_AssessDpia_approved}, …).
 * {@code ProcessVariableContractTests} checks that the BPMN file uses no other.
 */
final class ReenablementApprovalVariables {

    static final String PROCESS_KEY = "ReenablementApproval";
    static final String CHANGE_ID = JurisdictionSuspensionVariables.CHANGE_ID;
    static final String JURISDICTIONS = JurisdictionSuspensionVariables.JURISDICTIONS;
    static final String PURPOSE = JurisdictionSuspensionVariables.PURPOSE;
    static final String REASON = JurisdictionSuspensionVariables.REASON;
    static final String ENGAGEMENT_ID = JurisdictionSuspensionVariables.ENGAGEMENT_ID;
    static final String REQUESTERS = JurisdictionSuspensionVariables.REQUESTERS;
    static final String REQUESTED_BY = JurisdictionSuspensionVariables.REQUESTED_BY;
    static final String VERSION = JurisdictionSuspensionVariables.VERSION;
    static final String OUTCOME = JurisdictionSuspensionVariables.OUTCOME;
    static final String FAILURE_REASON = JurisdictionSuspensionVariables.FAILURE_REASON;
    /** OPT_IN or OPT_OUT. */
    static final String CONSENT_MODEL = "consentModel";

    static final String TASK_ASSESS_DPIA = "Task_AssessDpia";
    static final String TASK_REVIEW_LEGAL_BASIS = "Task_ReviewLegalBasis";
    static final String TASK_RECORD_REGULATOR_POSITION = "Task_RecordRegulatorPosition";
    /** The gates: the version of a re-enablement becomes active only with each approved. */
    static final List<String> GATES = List.of(TASK_ASSESS_DPIA, TASK_REVIEW_LEGAL_BASIS, TASK_RECORD_REGULATOR_POSITION);

    private ReenablementApprovalVariables() {
    }
}
