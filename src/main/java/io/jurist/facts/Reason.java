package io.jurist.facts;

/**
 * Why a rule contributed to a decision.
 *
 * @param code    stable code callers may switch on
 * @param rule    the name of the rule that produced it
 * @param message a sentence a person can read
 * @param effect  whether the reason speaks for permitting or denying
 */
public record Reason(String code, String rule, String message, Effect effect) {
}
