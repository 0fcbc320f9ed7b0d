package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every scenario under rules/scenarios against the rules under rules/. */
class ScenarioTests {

    @TestFactory
    Stream<DynamicTest> everyScenarioOfTheRulesDirectoryPasses() {
        List<RulesetProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioRunner.read(Rules.files(), problems);
        assertThat(problems).isEmpty();
        assertThat(scenarios).hasSizeGreaterThan(40);
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(
                scenario.file() + ":" + scenario.line() + " " + scenario.name(), () -> {
                    ScenarioResult result = ScenarioRunner.run(scenario, Rules.compiled());
                    assertThat(result.failures()).as(scenario.name()).isEmpty();
                    assertThat(result.passed()).isTrue();
                }));
    }

    @Test
    void everyDrlFileHasItsOwnScenarioFile() {
        RulesetFiles files = Rules.files();
        for (String path : files.files().keySet()) {
            if (path.endsWith(".drl")) {
                String name = path.substring(path.lastIndexOf('/') + 1).replace(".drl", ".yaml");
                assertThat(files.files()).as("scenarios for " + path).containsKey("scenarios/" + name);
            }
        }
    }

    @Test
    void aScenarioWithAWrongExpectationFailsAndSaysWhatDiffered() {
        Scenario wrong = new Scenario("A member in Germany may be used (wrong on purpose)",
                new Scenario.Request(new Scenario.Subject("m", "DE", 30), "GENAI_TRAINING", null,
                        "2024-12-01T00:00:00Z"),
                new Scenario.Expectation("PERMIT", List.of("PERMITTED"), List.of("No such rule"), null),
                "scenarios/x.yaml", 1);
        ScenarioResult result = ScenarioRunner.run(wrong, Rules.compiled());
        assertThat(result.passed()).isFalse();
        assertThat(result.actualDecision()).isEqualTo("DENY");
        assertThat(result.actualReasons()).containsExactly("JURISDICTION_SUSPENDED");
        assertThat(result.failures()).hasSize(3);
    }
}
