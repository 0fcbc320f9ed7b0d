package io.jurist.engagement;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The September 2024 story for a country the starting policy enables, over HTTP and Camunda's REST
 * API only: engagement, suspension, DENY with an event, re-enablement under opt-in, and decisions
 * that follow.
 */
@IntegrationTest
class SeedStoryIntegrationTests {

    private static final String COUNTRY = "CL";

    @LocalServerPort
    int port;

    Http http;
    Tasks tasks;

    @BeforeEach
    void client() {
        http = new Http(port);
        tasks = new Tasks(http);
    }

    private JsonNode decide(String consent) {
        Http.Response response = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"member-9\",\"country\":\""
                + COUNTRY + "\",\"age\":30},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"" + consent + "\"}", DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String task(String processInstanceId, String key, String user) {
        return tasks.await(processInstanceId, key, user);
    }

    private int complete(String taskId, String user, String variables) {
        return tasks.complete(taskId, user, variables);
    }

    private JsonNode awaitDecision(String consent, String expected) {
        return Await.until(() -> decide(consent), d -> d.get("decision").asText().equals(expected),
                Duration.ofSeconds(10), "a " + expected + " decision");
    }

    private List<String> eventTypesAfter(long cursor) {
        List<String> types = new ArrayList<>();
        http.get("/api/v1/events?after=" + cursor, DATA_PLATFORM).json().get("events").forEach(e -> {
            if (e.get("jurisdictions").toString().contains(COUNTRY)) {
                types.add(e.get("type").asText());
            }
        });
        return types;
    }

    @Test
    void engagementSuspensionAndReenablementUnderOptInEndToEnd() {
        assertThat(decide("NOT_SET").get("decision").asText()).isEqualTo("PERMIT");
        long cursor = http.get("/api/v1/events", DATA_PLATFORM).json().get("next").asLong();

        Http.Response opened = http.postJson("/api/v1/engagements", "{\"regulator\":\"Consejo para la Transparencia\","
                + "\"jurisdictions\":[\"" + COUNTRY + "\"],\"purpose\":\"GENAI_TRAINING\","
                + "\"summary\":\"Concern about training generative AI on member data\"}", basic("alice"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String engagementId = opened.json().get("id").asText();
        String engagementProcess = opened.json().get("processInstanceId").asText();

        String triage = task(engagementProcess, "Task_TriageConcern", "bob");
        assertThat(complete(triage, "bob", "\"assessment\":{\"value\":\"Credible: suspend while we talk\"},"
                + "\"suspendNow\":{\"value\":true},\"comment\":{\"value\":\"suspend\"}")).isEqualTo(204);

        String suspensionApproval = task(engagementProcess, "Task_ApproveAsLegal", "erin");
        // bob asked for the suspension at triage: four-eyes keeps him from approving it.
        assertThat(complete(suspensionApproval, "bob", Tasks.approve("mine"))).isEqualTo(403);
        assertThat(complete(suspensionApproval, "erin", Tasks.approve("Restrictive, approved"))).isEqualTo(204);

        JsonNode denied = awaitDecision("OPTED_IN", "DENY");
        assertThat(denied.get("decision").asText()).isEqualTo("DENY");
        assertThat(denied.at("/reasons/0/code").asText()).isEqualTo("JURISDICTION_SUSPENDED");
        assertThat(eventTypesAfter(cursor)).contains("JURISDICTION_SUSPENDED");
        JsonNode jurisdiction = http.get("/api/v1/jurisdictions/" + COUNTRY, DATA_PLATFORM).json();
        assertThat(jurisdiction.at("/purposes/GENAI_TRAINING/status").asText()).isEqualTo("SUSPENDED");
        assertThat(jurisdiction.at("/purposes/GENAI_TRAINING/reference").asText()).contains(engagementId);

        Http.Response farDate = http.postJson("/api/v1/engagements/" + engagementId + "/correspondence",
                "{\"direction\":\"INBOUND\",\"date\":\"+10000-01-01\",\"summary\":\"From the far future\"}",
                basic("bob"));
        assertThat(farDate.status()).as(farDate.body()).isEqualTo(400);
        assertThat(farDate.json().findValuesAsText("field")).containsExactly("date");

        Http.Response letter = http.postJson("/api/v1/engagements/" + engagementId + "/correspondence",
                "{\"direction\":\"INBOUND\",\"date\":\"2024-10-02\",\"summary\":\"Regulator welcomes the pause\","
                        + "\"regulatorPosition\":\"Expects opt-in before any resumption\"}", basic("bob"));
        assertThat(letter.status()).isEqualTo(201);
        assertThat(letter.json().get("deliveredToProcess").asBoolean()).isTrue();

        Http.Response refused = http.postJson("/api/v1/reenablements", "{\"jurisdictions\":[\"US\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"consentModel\":\"OPT_IN\",\"justification\":\"x\"}", basic("alice"));
        assertThat(refused.status()).isEqualTo(409);

        Http.Response requested = http.postJson("/api/v1/reenablements", "{\"jurisdictions\":[\"" + COUNTRY + "\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"consentModel\":\"OPT_IN\",\"justification\":\"Opt-in agreed with "
                + "the regulator\",\"engagementId\":\"" + engagementId + "\"}", basic("alice"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String reenablement = requested.json().get("processInstanceId").asText();
        assertThat(complete(task(reenablement, "Task_AssessDpia", "dana"), "dana",
                Tasks.approve("DPIA done", "dpiaReference", "DPIA-2025-04", "dpiaConclusion", "Acceptable with opt-in")))
                .isEqualTo(204);
        assertThat(complete(task(reenablement, "Task_ReviewLegalBasis", "bob"), "bob",
                Tasks.approve("Consent", "legalBasis", "CONSENT"))).isEqualTo(204);
        assertThat(complete(task(reenablement, "Task_RecordRegulatorPosition", "bob"), "bob",
                Tasks.approve("Letter of 2025-04-01", "regulatorPosition", "NO_OBJECTION"))).isEqualTo(204);
        assertThat(complete(task(reenablement, "Task_ApproveAsDpo", "dana"), "dana", Tasks.approve("Permissive, ok")))
                .isEqualTo(204);
        assertThat(complete(task(reenablement, "Task_ApprovePermissiveAsLegal", "bob"), "bob",
                Tasks.approve("Permissive, ok"))).isEqualTo(204);

        JsonNode optedIn = awaitDecision("OPTED_IN", "PERMIT");
        assertThat(optedIn.get("decision").asText()).isEqualTo("PERMIT");
        JsonNode notSet = decide("NOT_SET");
        assertThat(notSet.get("decision").asText()).isEqualTo("DENY");
        assertThat(notSet.at("/reasons/0/code").asText()).isEqualTo("CONSENT_REQUIRED");
        assertThat(eventTypesAfter(cursor)).contains("JURISDICTION_SUSPENDED", "JURISDICTION_REENABLED");

        JsonNode engagement = http.get("/api/v1/engagements/" + engagementId, basic("alice")).json();
        assertThat(engagement.at("/engagement/status").asText()).isEqualTo("OPEN");
        assertThat(engagement.get("correspondence")).hasSize(1);
        assertThat(engagement.get("timeline").findValuesAsText("event")).contains("OPENED", "Task_TriageConcern",
                "SUSPENSION_ACTIVE", "CORRESPONDENCE_INBOUND", "REENABLEMENT_ACTIVE");
        assertThat(engagement.at("/process/openTasks/0/key").asText()).isEqualTo("Task_CloseEngagement");
        assertThat(engagement.at("/process/openTasks/0/candidateGroups/0").asText()).isEqualTo("legal-approvers");

        String close = task(engagementProcess, "Task_CloseEngagement", "bob");
        assertThat(complete(close, "bob", "\"closingOutcome\":{\"value\":\"REENABLEMENT_AGREED\"},"
                + "\"comment\":{\"value\":\"Resumed under opt-in\"}")).isEqualTo(204);
        JsonNode closed = http.get("/api/v1/engagements/" + engagementId, basic("alice")).json();
        assertThat(closed.at("/engagement/status").asText()).isEqualTo("CLOSED");
        assertThat(closed.at("/engagement/outcome").asText()).isEqualTo("REENABLEMENT_AGREED");
    }

    @Test
    void requestsAreCheckedBeforeAnyProcessStarts() {
        assertThat(http.postJson("/api/v1/suspensions", "{\"jurisdictions\":[\"GB\"],\"purpose\":\"GENAI_TRAINING\","
                + "\"reason\":\"again\"}", basic("alice")).status()).isEqualTo(409);
        Http.Response invalid = http.postJson("/api/v1/suspensions", "{\"jurisdictions\":[\"XX\"],"
                + "\"purpose\":\"NOPE\"}", basic("alice"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().findValuesAsText("field")).contains("jurisdictions[0]", "purpose", "reason");
        // A suspension takes effect from now and leaves decisions about earlier instants as they were, so only a
        // scenario about a later instant can stand in its way: the rules gain one for Uzbekistan first.
        String scenario = "- name: \"A member in Uzbekistan who opted in may be used in 2030\"\n  request:\n"
                + "    subject: { id: member-1, country: UZ, age: 30 }\n    purpose: GENAI_TRAINING\n"
                + "    consent: OPTED_IN\n    at: 2030-01-01T00:00:00Z\n  expect:\n    decision: PERMIT\n"
                + "    reasons: [PERMITTED]\n";
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals", Http.json(java.util.Map.of("summary",
                "Uzbekistan stays enabled", "files", java.util.Map.of("scenarios/UzbekistanStaysEnabled.yaml", scenario))),
                basic("erin"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        int version = proposed.json().get("version").asInt();
        assertThat(complete(task(proposed.json().get("processInstanceId").asText(), "Task_ApproveAsLegal", "bob"),
                "bob", Tasks.approve("A scenario more"))).isEqualTo(204);
        Await.until(() -> http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt(),
                v -> v == version, Duration.ofSeconds(15), "the version with the new scenario active");
        Http.Response broken = http.postJson("/api/v1/suspensions", "{\"jurisdictions\":[\"UZ\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"reason\":\"a scenario says Uzbekistan is permitted\"}",
                basic("alice"));
        assertThat(broken.status()).isEqualTo(422);
        assertThat(http.postJson("/api/v1/suspensions", "{\"jurisdictions\":[\"AR\"],\"purpose\":\"GENAI_TRAINING\","
                + "\"reason\":\"x\"}", basic("bob")).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/reenablements", "{\"jurisdictions\":[\"GB\"],\"purpose\":\"GENAI_TRAINING\","
                + "\"consentModel\":\"MAYBE\",\"justification\":\"x\"}", basic("alice")).status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/engagements", "{\"jurisdictions\":[\"GB\"],\"purpose\":\"GENAI_TRAINING\"}",
                basic("alice")).json().findValuesAsText("field")).contains("regulator", "summary");
        assertThat(http.get("/api/v1/engagements/ENG-NOPE", basic("alice")).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/suspensions/SUS-NOPE", DATA_PLATFORM).status()).isEqualTo(404);
    }

    @Test
    void correspondenceBeforeTriageIsRecordedThoughNoStepWaitsForIt() {
        Http.Response opened = http.postJson("/api/v1/engagements", "{\"regulator\":\"Autoridad de Proteccion\","
                + "\"jurisdictions\":[\"SR\"],\"purpose\":\"GENAI_TRAINING\",\"summary\":\"A first letter\"}",
                basic("alice"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String engagementId = opened.json().get("id").asText();
        Http.Response letter = http.postJson("/api/v1/engagements/" + engagementId + "/correspondence",
                "{\"direction\":\"INBOUND\",\"date\":\"2024-10-02\",\"summary\":\"Before triage\"}", basic("bob"));
        assertThat(letter.status()).as(letter.body()).isEqualTo(201);
        assertThat(letter.json().get("deliveredToProcess").asBoolean()).isFalse();
        JsonNode engagement = http.get("/api/v1/engagements/" + engagementId, basic("bob")).json();
        assertThat(engagement.get("correspondence")).hasSize(1);
    }
}
