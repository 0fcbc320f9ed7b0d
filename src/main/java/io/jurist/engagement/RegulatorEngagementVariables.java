package io.jurist.engagement;

import io.jurist.workflow.TaskVariables;

/**
 * The process-variable contract of RegulatorEngagement ({@code bpmn/RegulatorEngagement.bpmn}): what opening
 * an engagement sets, what triage and closing record (following {@code TaskVariables}), and what it passes to
 * and reads from the JurisdictionSuspension it calls. {@code ProcessVariableContractTests} checks that the BPMN
 * file uses no other.
 */
final class RegulatorEngagementVariables {

    static final String PROCESS_KEY = "RegulatorEngagement";
    static final String CORRESPONDENCE_MESSAGE = "RegulatorCorrespondence";

    static final String ENGAGEMENT_ID = "engagementId";
    static final String REGULATOR = "regulator";
    /** Comma-separated country codes. */
    static final String JURISDICTIONS = "jurisdictions";
    static final String PURPOSE = "purpose";
    static final String SUMMARY = "summary";
    static final String REQUESTERS = "requesters";
    static final String REQUESTED_BY = "requestedBy";
    /** An ISO-8601 duration: a reminder task appears when nothing is heard for this long. */
    static final String REMINDER_PERIOD = "reminderPeriod";
    /** The latest correspondence's summary and the regulator's position in it, set as it is correlated. */
    static final String LAST_CORRESPONDENCE = "lastCorrespondence";
    static final String LAST_REGULATOR_POSITION = "lastRegulatorPosition";
    /** The suspension requested at triage; null when nothing was left to suspend. */
    static final String CHANGE_ID = "changeId";
    /** Those who may not approve that suspension: the engagement's requesters and the triager. */
    static final String SUSPENSION_REQUESTERS = "suspensionRequesters";
    /** How that suspension's process ended (its {@code outcome}). */
    static final String SUSPENSION_OUTCOME = "suspensionOutcome";

    static final String TASK_TRIAGE_CONCERN = "Task_TriageConcern";
    static final String TASK_CHASE_REGULATOR = "Task_ChaseRegulator";
    static final String TASK_CLOSE_ENGAGEMENT = "Task_CloseEngagement";
    static final String TRIAGE_SUSPEND_NOW = TaskVariables.field(TASK_TRIAGE_CONCERN, "suspendNow");
    static final String TRIAGE_ASSESSMENT = TaskVariables.field(TASK_TRIAGE_CONCERN, "assessment");
    static final String CLOSING_OUTCOME = TaskVariables.field(TASK_CLOSE_ENGAGEMENT, "closingOutcome");

    private RegulatorEngagementVariables() {
    }
}
