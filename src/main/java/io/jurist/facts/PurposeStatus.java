package io.jurist.facts;

/** Whether a purpose may be pursued at all in a jurisdiction. */
public enum PurposeStatus {
    ENABLED, SUSPENDED
}
