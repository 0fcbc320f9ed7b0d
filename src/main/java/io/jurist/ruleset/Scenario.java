package io.jurist.ruleset;

import java.util.List;

/**
 * A legal author's example: a request and the answer the rules must give it.
 *
 * @param name    a sentence saying what it shows
 * @param request the request, as the decision API takes it
 * @param expect  the expected answer
 * @param file    the scenario file it was read from
 * @param line    the line its entry starts on
 */
public record Scenario(String name, Request request, Expectation expect, String file, int line) {

    /** The request part, in the decision API's words. */
    public record Request(Subject subject, String purpose, String consent, String at) {
    }

    /** The subject of a request. */
    public record Subject(String id, String country, Integer age) {
    }

    /**
     * What must come out.
     *
     * @param decision PERMIT or DENY
     * @param reasons  the reason codes, exactly, in any order
     * @param rules    rules that must have fired (others may fire too)
     * @param obligations obligation codes, exactly, in any order; null means not checked
     */
    public record Expectation(String decision, List<String> reasons, List<String> rules, List<String> obligations) {
    }
}
