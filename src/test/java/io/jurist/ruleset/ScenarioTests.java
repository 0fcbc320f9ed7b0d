package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final String ONE_ENTRY_FOR_SEVERAL = """
            # A comment first, so the entry starts on line 2.
            - name: "A member in {country} is denied"
              %s
              request:
                subject: { id: m, age: 30 }
                purpose: GENAI_TRAINING
                at: 2024-12-01T00:00:00Z
              expect:
                decision: DENY
                reasons: [JURISDICTION_SUSPENDED]
            """;

    private static List<Scenario> readOne(String countries, List<RulesetProblem> problems) {
        RulesetFiles files = Rules.files().with(Map.of("scenarios/Several.yaml",
                ONE_ENTRY_FOR_SEVERAL.formatted(countries)));
        return ScenarioRunner.read(files, problems).stream()
                .filter(s -> s.file().equals("scenarios/Several.yaml")).toList();
    }

    @Test
    void aScenarioForAListOfCountriesRunsOncePerCountryEachNamedWithItsCountryAndLine() {
        List<RulesetProblem> problems = new ArrayList<>();
        List<Scenario> cases = readOne("countries: [DE, el, US]", problems);
        assertThat(problems).isEmpty();
        assertThat(cases).extracting(s -> s.request().subject().country()).containsExactly("DE", "GR", "US");
        assertThat(cases).extracting(Scenario::name).containsExactly("A member in Germany (DE) is denied",
                "A member in Greece (GR) is denied", "A member in United States (US) is denied");
        assertThat(cases).extracting(Scenario::line).containsOnly(2);
        List<ScenarioResult> failed = cases.stream().map(s -> ScenarioRunner.run(s, Rules.compiled()))
                .filter(r -> !r.passed()).toList();
        // Outside the suspensions, generative-AI training is enabled from 2024-11-20: the US case alone fails.
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.scenario().name()).isEqualTo("A member in United States (US) is denied");
            assertThat(r.scenario().line()).isEqualTo(2);
            assertThat(r.failures()).contains("expected decision DENY but was PERMIT");
        });
    }

    @Test
    void aScenarioForARegionRunsOnceForEachCountryOfTheRegionsTable() {
        List<RulesetProblem> problems = new ArrayList<>();
        List<Scenario> cases = readOne("region: EEA", problems);
        assertThat(problems).isEmpty();
        assertThat(cases).hasSize(30).extracting(s -> s.request().subject().country())
                .contains("AT", "IS", "LI", "NO").doesNotContain("CH", "GB");
        assertThat(cases.get(0).name()).isEqualTo("A member in Austria (AT) is denied");
    }

    @Test
    void aScenarioWhoseCountriesCannotBeExpandedIsReportedAtItsLine() {
        for (String countries : List.of("countries: [DE, XX]", "countries: []", "countries: [DE, de]",
                "region: ATLANTIS", "region: EEA\n  countries: [DE]")) {
            List<RulesetProblem> problems = new ArrayList<>();
            assertThat(readOne(countries, problems)).as(countries).isEmpty();
            assertThat(problems).as(countries).singleElement()
                    .satisfies(p -> assertThat(p.line()).isEqualTo(2));
        }
        List<RulesetProblem> problems = new ArrayList<>();
        RulesetFiles files = Rules.files().with(Map.of("scenarios/Several.yaml",
                ONE_ENTRY_FOR_SEVERAL.formatted("countries: [DE]").replace("{ id: m,", "{ id: m, country: FR,")));
        ScenarioRunner.read(files, problems);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("subject.country"));
    }
}
