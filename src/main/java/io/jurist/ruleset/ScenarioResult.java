package io.jurist.ruleset;

import java.util.List;

/**
 * How a scenario fared.
 *
 * @param scenario the scenario
 * @param passed   whether the answer matched
 * @param actualDecision    what the rules decided
 * @param actualReasons     the reason codes they gave
 * @param actualRules       the rules that fired
 * @param actualObligations the obligations they imposed
 * @param failures what differed, one sentence each
 */
public record ScenarioResult(Scenario scenario, boolean passed, String actualDecision, List<String> actualReasons,
                             List<String> actualRules, List<String> actualObligations, List<String> failures) {
}
