package io.jurist.facts;

/**
 * Something the caller must do when it acts on a permit.
 *
 * @param code        stable code
 * @param rule        the rule that imposed it
 * @param description what it asks
 */
public record Obligation(String code, String rule, String description) {
}
