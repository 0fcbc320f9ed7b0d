package io.jurist.facts;

/** The answer of a decision. */
public enum Effect {
    PERMIT, DENY
}
