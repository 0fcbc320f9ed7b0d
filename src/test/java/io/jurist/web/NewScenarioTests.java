package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NewScenarioTests {

    @Test
    void writesTheEntryInTheScenarioFilesLayout() {
        NewScenario scenario = new NewScenario("scenarios/JurisdictionStatus.yaml", "A member in \"PH\" is denied",
                "ph", "30", "GENAI_TRAINING", "NOT_SET", "2025-06-01T00:00:00Z", "DENY", "jurisdiction_suspended",
                "Members in a suspended jurisdiction are denied\n");
        assertThat(scenario.problems()).isEmpty();
        assertThat(scenario.toYaml()).isEqualTo("""

                - name: "A member in \\"PH\\" is denied"
                  request:
                    subject: { id: scenario-member, country: PH, age: 30 }
                    purpose: GENAI_TRAINING
                    consent: NOT_SET
                    at: 2025-06-01T00:00:00Z
                  expect:
                    decision: DENY
                    reasons: [JURISDICTION_SUSPENDED]
                    rules:
                      - "Members in a suspended jurisdiction are denied"
                """);
    }

    @Test
    void leavesTheAgeOutWhenUnknown() {
        NewScenario scenario = new NewScenario("scenarios/Minors.yaml", "Unknown age", "US", " ", "GENAI_TRAINING",
                "OPTED_IN", "2025-06-01T00:00:00Z", "PERMIT", "PERMITTED", "");
        assertThat(scenario.toYaml()).contains("country: US }").doesNotContain("rules:");
    }

    @Test
    void refusesAnInstantOutsideTheAcceptedRange() {
        NewScenario scenario = new NewScenario("scenarios/Minors.yaml", "Far", "US", "", "GENAI_TRAINING",
                "OPTED_IN", "+1000000000-01-01T00:00:00Z", "PERMIT", "PERMITTED", "");
        assertThat(scenario.problems()).singleElement().asString()
                .contains("between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }

    @Test
    void namesEachThingWrongWithTheForm() {
        NewScenario scenario = new NewScenario("../x.yaml", " ", "GBR", "old", "", "MAYBE", "yesterday", "ALLOW",
                "", "");
        assertThat(scenario.problems()).hasSize(9);
    }
}
