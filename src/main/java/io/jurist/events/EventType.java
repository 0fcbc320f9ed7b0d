package io.jurist.events;

/** What happened, as the data platform switches on it. */
public enum EventType {
    RULESET_ACTIVATED, JURISDICTION_SUSPENDED, JURISDICTION_REENABLED
}
