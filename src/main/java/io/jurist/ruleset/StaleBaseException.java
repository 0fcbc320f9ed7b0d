package io.jurist.ruleset;

/** An approved version whose base is no longer active: activating it would drop a change made since. */
public class StaleBaseException extends RuntimeException {

    public StaleBaseException(String message) {
        super(message);
    }
}
