package io.jurist.facts;

/** A member's own setting for one purpose. */
public enum Consent {
    OPTED_IN, OPTED_OUT, NOT_SET
}
