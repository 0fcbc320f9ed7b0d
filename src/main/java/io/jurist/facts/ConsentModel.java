package io.jurist.facts;

/** How consent works for a purpose in a jurisdiction: members must opt in, or may opt out. */
public enum ConsentModel {
    OPT_IN, OPT_OUT
}
