package io.jurist.ruleset;

/**
 * A purpose member data may be used for.
 *
 * @param code         the code requests name
 * @param name         a readable name
 * @param fidesDataUse the matching data use in the Fides taxonomy
 * @param description  what it covers
 */
public record Purpose(String code, String name, String fidesDataUse, String description) {
}
