package io.jurist.ruleset;

/** Where a ruleset version stands in its life. */
public enum RulesetStatus {
    /** Proposed and waiting for its approval workflow. */
    PROPOSED,
    /** The version decisions are made with. */
    ACTIVE,
    /** Was active, replaced by a later version. */
    SUPERSEDED,
    /** Its workflow rejected it; it never became active. */
    REJECTED,
    /** Approved, but could not be activated (for example another version was activated since its base). */
    FAILED
}
