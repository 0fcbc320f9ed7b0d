package io.jurist.engagement;

/** A change to where a purpose may be pursued. */
public enum ChangeKind {
    SUSPENSION, REENABLEMENT
}
