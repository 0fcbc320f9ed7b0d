package io.jurist.engagement;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static io.jurist.support.Tasks.approve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A re-enablement whose rules stopped accepting it while it waited at its gates: building its candidate
 * fails, the process records the failure, and the approver's task completes normally. The refused
 * candidate is in the change history.
 */
@IntegrationTest
class CandidateInvalidIntegrationTests {

    private static final String COUNTRY = "LA";

    @LocalServerPort
    int port;

    @Test
    void aCandidateTheRulesNoLongerAcceptEndsTheReenablementAsFailed() {
        Http http = new Http(port);
        Tasks tasks = new Tasks(http);
        Http.Response suspended = http.postJson("/api/v1/suspensions", "{\"jurisdictions\":[\"" + COUNTRY + "\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"reason\":\"Regulator's letter\"}", basic("alice"));
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(201);
        assertThat(tasks.complete(tasks.await(suspended.json().get("processInstanceId").asText(), "Task_ApproveAsLegal",
                "bob"), "bob", approve("Suspend"))).isEqualTo(204);
        Await.until(() -> decide(http), d -> d.equals("DENY"), Duration.ofSeconds(15), "the suspension in force");

        Http.Response requested = http.postJson("/api/v1/reenablements", "{\"jurisdictions\":[\"" + COUNTRY + "\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"consentModel\":\"OPT_IN\",\"justification\":\"Agreed\"}",
                basic("alice"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String changeId = requested.json().get("id").asText();
        String process = requested.json().get("processInstanceId").asText();
        assertThat(tasks.complete(tasks.await(process, "Task_AssessDpia", "dana"), "dana",
                approve("DPIA done", "dpiaReference", "DPIA-LA", "dpiaConclusion", "Acceptable"))).isEqualTo(204);
        assertThat(tasks.complete(tasks.await(process, "Task_ReviewLegalBasis", "bob"), "bob",
                approve("Consent", "legalBasis", "CONSENT"))).isEqualTo(204);

        // Meanwhile the rules gain a scenario saying the country stays suspended.
        String scenario = "- name: \"Laos stays suspended\"\n  request:\n    subject: { id: member-1, country: "
                + COUNTRY + ", age: 30 }\n    purpose: GENAI_TRAINING\n    consent: OPTED_IN\n"
                + "    at: 2030-01-01T00:00:00Z\n  expect:\n    decision: DENY\n    reasons: [JURISDICTION_SUSPENDED]\n";
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals", Http.json(Map.of("summary",
                "Laos stays suspended", "files", Map.of("scenarios/LaosStaysSuspended.yaml", scenario))), basic("erin"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        int version = proposed.json().get("version").asInt();
        assertThat(tasks.complete(tasks.await(proposed.json().get("processInstanceId").asText(), "Task_ApproveAsLegal",
                "bob"), "bob", approve("A scenario more"))).isEqualTo(204);
        Await.until(() -> http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt(),
                v -> v == version, Duration.ofSeconds(15), "the version with the new scenario active");

        // The last gate: the candidate is built now, and fails the new scenario.
        assertThat(tasks.complete(tasks.await(process, "Task_RecordRegulatorPosition", "bob"), "bob",
                approve("Letter", "regulatorPosition", "NO_OBJECTION"))).isEqualTo(204);
        JsonNode ended = Await.until(() -> http.get("/api/v1/reenablements/" + changeId, basic("alice")).json(),
                c -> c.at("/change/status").asText().equals("FAILED"), Duration.ofSeconds(15), "the failure recorded");
        assertThat(ended.at("/change/statusReason").asText()).contains("scenario");
        assertThat(decide(http)).isEqualTo("DENY");

        List<JsonNode> history = new ArrayList<>();
        http.get("/api/v1/audit/history?limit=1000&jurisdiction=" + COUNTRY, basic("dana")).json().get("records")
                .forEach(history::add);
        assertThat(history).extracting(r -> r.get("type").asText()).containsSubsequence("REENABLEMENT_REQUESTED",
                "JURISDICTION_CHANGE_ENDED");
        long refusals = 0;
        for (JsonNode record : http.get("/api/v1/audit/history?limit=1000", basic("dana")).json().get("records")) {
            if (record.get("type").asText().equals("PROPOSAL_REFUSED")
                    && record.at("/detail/summary").asText().contains(changeId)) {
                refusals++;
            }
        }
        assertThat(refusals).as("the refused candidate in the change history").isEqualTo(1);
    }

    private static String decide(Http http) {
        return http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-1\",\"country\":\"" + COUNTRY
                + "\"},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"OPTED_IN\"}", DATA_PLATFORM).json()
                .get("decision").asText();
    }
}
