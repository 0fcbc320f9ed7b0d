package io.jurist.ruleset;

import io.jurist.api.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What checking candidate files found.
 *
 * @param revision  the candidate's content hash
 * @param problems  compile and table errors, each with file and line
 * @param scenarios every scenario's result (empty when it did not compile)
 * @param impact    the flips against the active version (null when it did not compile)
 */
public record Validation(String revision, List<RulesetProblem> problems, List<ScenarioResult> scenarios,
                         Impact impact) {

    public boolean valid() {
        return problems.isEmpty() && scenarios.stream().allMatch(ScenarioResult::passed);
    }

    public List<ScenarioResult> failedScenarios() {
        return scenarios.stream().filter(s -> !s.passed()).toList();
    }

    /** Throws the 422 a proposal answers with when the candidate is not valid. */
    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The rules are not valid",
                    problems.size() + " problem(s) in the proposed files; nothing was submitted.",
                    Map.of("errors", problems));
        }
        List<ScenarioResult> failed = failedScenarios();
        if (!failed.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Scenarios fail",
                    failed.size() + " scenario(s) fail under the proposed rules; nothing was submitted.",
                    Map.of("scenarios", failed.stream().map(Validation::view).toList()));
        }
    }

    static Map<String, Object> view(ScenarioResult result) {
        Scenario.Expectation expect = result.scenario().expect();
        return Map.of("name", result.scenario().name(), "file", result.scenario().file(),
                "line", result.scenario().line(), "passed", result.passed(),
                "expected", Map.of("decision", expect.decision(), "reasons", expect.reasons()),
                "actual", Map.of("decision", String.valueOf(result.actualDecision()), "reasons", result.actualReasons()),
                "failures", result.failures());
    }
}
