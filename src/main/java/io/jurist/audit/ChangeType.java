package io.jurist.audit;

/** What a change history record says happened. */
public enum ChangeType {
    /** A rule change was proposed and stored as a new version (with its summary and changed files). */
    PROPOSAL_SUBMITTED,
    /** A proposal was refused before anything was stored: its rules did not compile or its scenarios failed. */
    PROPOSAL_REFUSED,
    /** A proposed version compiled and passed every scenario. */
    VALIDATION_PASSED,
    /** The impact analysis of a proposed version: what it would turn PERMIT to DENY and back. */
    IMPACT_ANALYSED,
    /** An approver approved at an approval task. */
    APPROVED,
    /** An approver rejected at an approval task. */
    REJECTED,
    /** Another process step done by a person: an engagement's triage, a reminder, its closing. */
    TASK_COMPLETED,
    /** A ruleset version became the active one. */
    VERSION_ACTIVATED,
    /** A proposed version ended without becoming active (rejected, or could not be activated). */
    VERSION_CLOSED,
    /** A suspension of a purpose in jurisdictions was requested. */
    SUSPENSION_REQUESTED,
    /** A re-enablement of a purpose in jurisdictions was requested. */
    REENABLEMENT_REQUESTED,
    /** A suspension or re-enablement took effect in the active rules. */
    JURISDICTION_CHANGE_ACTIVE,
    /** A suspension or re-enablement ended without taking effect (rejected or failed). */
    JURISDICTION_CHANGE_ENDED,
    /** A regulator engagement was opened. */
    ENGAGEMENT_OPENED,
    /** Correspondence with the regulator was recorded. */
    CORRESPONDENCE_RECORDED,
    /** An engagement was closed with its outcome. */
    ENGAGEMENT_CLOSED
}
