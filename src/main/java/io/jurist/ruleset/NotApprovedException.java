package io.jurist.ruleset;

/** A version that lacks the approvals activation needs (see {@link RequiredApprovals}): it is not activated. */
public class NotApprovedException extends RuntimeException {

    public NotApprovedException(String message) {
        super(message);
    }
}
