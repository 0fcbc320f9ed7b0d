package io.jurist.web;

import io.jurist.api.InstantRange;
import io.jurist.ruleset.Scenario;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A scenario entered in the scenario form, checked and written as a YAML entry in the scenario
 * files' own layout, so that the file stays readable for the next person who opens it.
 *
 * @param file     the scenario file to add it to (scenarios/*.yaml)
 * @param name     the sentence saying what it shows
 * @param country  the member's country
 * @param age      the member's age, blank when unknown
 * @param purpose  the purpose
 * @param consent  the member's setting
 * @param at       the instant decided about
 * @param decision PERMIT or DENY
 * @param reasons  the expected reason codes, separated by commas or spaces
 * @param rules    rules that must fire, one a line (optional)
 * @param obligations the expected obligation codes, "none" for none, blank when they are not checked
 */
record NewScenario(String file, String name, String country, String age, String purpose, String consent, String at,
                   String decision, String reasons, String rules, String obligations) {

    private static final String CODE = "[A-Z][A-Z0-9_]*";

    NewScenario(String file, String name, String country, String age, String purpose, String consent, String at,
                String decision, String reasons, String rules) {
        this(file, name, country, age, purpose, consent, at, decision, reasons, rules, "");
    }

    /** The form filled with a scenario as written, to change it. */
    static NewScenario of(Scenario scenario) {
        Scenario.Request request = scenario.request();
        Scenario.Expectation expect = scenario.expect();
        List<String> obligations = expect.obligations();
        return new NewScenario(scenario.file(), scenario.name(),
                request.subject() == null ? "" : nonNull(request.subject().country()),
                request.subject() == null || request.subject().age() == null ? "" : request.subject().age().toString(),
                nonNull(request.purpose()), request.consent() == null ? "NOT_SET" : request.consent(),
                nonNull(request.at()), nonNull(expect.decision()),
                expect.reasons() == null ? "" : String.join(", ", expect.reasons()),
                expect.rules() == null ? "" : String.join("\n", expect.rules()),
                obligations == null ? "" : obligations.isEmpty() ? "none" : String.join(", ", obligations));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** What is wrong with the form, one sentence each; empty when it can be written. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (file == null || !file.matches("scenarios/[A-Za-z0-9_-]+\\.yaml")) {
            problems.add("Choose the scenario file to add it to.");
        }
        if (blank(name) || name.length() > 300) {
            problems.add("Name the scenario with a sentence (at most 300 characters).");
        }
        if (blank(country) || !country.strip().matches("[A-Za-z]{2}")) {
            problems.add("The country is a two-letter code such as GB.");
        }
        if (!blank(age) && !age.strip().matches("\\d{1,3}")) {
            problems.add("The age is a whole number, or blank when unknown.");
        }
        if (blank(purpose) || !purpose.matches(CODE)) {
            problems.add("Choose a purpose.");
        }
        if (consent == null || !List.of("OPTED_IN", "OPTED_OUT", "NOT_SET").contains(consent)) {
            problems.add("Choose the member's consent setting.");
        }
        try {
            if (!InstantRange.contains(Instant.parse(at == null ? "" : at.strip()))) {
                problems.add("'At' must lie " + InstantRange.DESCRIPTION + ".");
            }
        } catch (DateTimeParseException e) {
            problems.add("'At' is an instant such as 2025-06-01T00:00:00Z.");
        }
        if (decision == null || !List.of("PERMIT", "DENY").contains(decision)) {
            problems.add("The expected decision is PERMIT or DENY.");
        }
        List<String> codes = reasonCodes();
        if (codes.isEmpty() || !codes.stream().allMatch(c -> c.matches(CODE))) {
            problems.add("List the expected reason codes, such as JURISDICTION_SUSPENDED.");
        }
        List<String> obliged = obligationCodes();
        if (obliged != null && !obliged.stream().allMatch(c -> c.matches(CODE))) {
            problems.add("List the expected obligation codes, such as REDACT_PERSONAL_DATA, or write none.");
        }
        return problems;
    }

    /** The expected obligations: null when not checked, empty for "none". */
    List<String> obligationCodes() {
        if (blank(obligations)) {
            return null;
        }
        if (obligations.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(obligations.split("[,\\s]+")).filter(s -> !s.isBlank())
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }

    List<String> reasonCodes() {
        return blank(reasons) ? List.of() : Arrays.stream(reasons.split("[,\\s]+")).filter(s -> !s.isBlank())
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }

    /** The entry, with a blank line before it, to append to the file. */
    String toYaml() {
        StringBuilder yaml = new StringBuilder("\n- name: ").append(quote(name.strip())).append('\n')
                .append("  request:\n")
                .append("    subject: { id: scenario-member, country: ").append(country.strip().toUpperCase(Locale.ROOT));
        if (!blank(age)) {
            yaml.append(", age: ").append(Integer.parseInt(age.strip()));
        }
        yaml.append(" }\n")
                .append("    purpose: ").append(purpose).append('\n')
                .append("    consent: ").append(consent).append('\n')
                .append("    at: ").append(at.strip()).append('\n')
                .append("  expect:\n")
                .append("    decision: ").append(decision).append('\n')
                .append("    reasons: [").append(String.join(", ", reasonCodes())).append("]\n");
        List<String> fired = blank(rules) ? List.of()
                : rules.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!fired.isEmpty()) {
            yaml.append("    rules:\n");
            fired.forEach(rule -> yaml.append("      - ").append(quote(rule)).append('\n'));
        }
        List<String> obliged = obligationCodes();
        if (obliged != null) {
            yaml.append("    obligations: [").append(String.join(", ", obliged)).append("]\n");
        }
        return yaml.toString();
    }

    /** A YAML double-quoted scalar: backslash and quote escaped, nothing else can break it on one line. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]+", " ") + "\"";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
