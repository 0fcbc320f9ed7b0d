package io.jurist.ruleset;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static io.jurist.support.Proposals.activeTable;
import static io.jurist.support.Proposals.body;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Policies with history over HTTP (issue 17): Brazil moves from opt-out to opt-in from a date, the
 * impact shows no change to a decision about an earlier instant, and once approved the answers for a
 * Brazilian member change only for instants from the date on.
 */
@IntegrationTest
class PolicyHistoryIntegrationTests {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private JsonNode decide(String consent, String at) {
        Http.Response response = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-br\",\"country\":\"BR\","
                + "\"age\":30},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"" + consent + "\",\"at\":\"" + at + "\"}",
                DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String answer(JsonNode decision) {
        return decision.get("decision").asText() + " " + decision.at("/reasons/0/code").asText();
    }

    @Test
    void brazilMovesToOptInFromADateAndEarlierDecisionsKeepTheirAnswers() {
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        String from = date + "T00:00:00Z";
        String before = date.minusDays(20) + "T00:00:00Z";
        String after = date.plusDays(1) + "T00:00:00Z";
        assertThat(answer(decide("NOT_SET", before))).isEqualTo("PERMIT PERMITTED");
        assertThat(answer(decide("NOT_SET", after))).isEqualTo("PERMIT PERMITTED");

        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals", body("Brazil: opt-in from " + date,
                tableWith(activeTable(http), "BR,GENAI_TRAINING,ENABLED,OPT_IN," + date
                        + ",\"ANPD decision: opt-in required from " + date + "\"")), basic("alice"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        JsonNode proposal = proposed.json();
        assertThat(proposal.at("/impact/pastAltered").asInt()).isZero();
        assertThat(proposal.at("/impact/permitToDeny").asInt()).isPositive();
        assertThat(proposal.at("/impact/byCountry/BR/PERMIT_TO_DENY").asInt()).isPositive();
        proposal.at("/impact/examples").forEach(flip ->
                assertThat(java.time.Instant.parse(flip.get("at").asText())).as(flip.toString())
                        .isAfterOrEqualTo(java.time.Instant.parse(from)));

        String processInstanceId = proposal.get("processInstanceId").asText();
        Http.Response listed = http.get("/engine-rest/task?processInstanceId=" + processInstanceId, basic("bob"));
        JsonNode tasks = listed.json();
        assertThat(tasks.size()).as(listed.status() + " " + listed.body()).isEqualTo(1);
        String taskId = tasks.get(0).get("id").asText();
        assertThat(http.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\":{\"approved\":"
                + "{\"value\":true},\"comment\":{\"value\":\"from the date on, nothing earlier changes\"}}}",
                basic("bob")).status()).isEqualTo(204);

        JsonNode optIn = Await.until(() -> decide("NOT_SET", after), d -> d.get("decision").asText().equals("DENY"),
                Duration.ofSeconds(10), "the opt-in version serving");
        assertThat(answer(optIn)).isEqualTo("DENY CONSENT_REQUIRED");
        assertThat(answer(decide("NOT_SET", from))).isEqualTo("DENY CONSENT_REQUIRED");
        assertThat(answer(decide("OPTED_IN", after))).isEqualTo("PERMIT PERMITTED");
        assertThat(answer(decide("NOT_SET", before))).isEqualTo("PERMIT PERMITTED");
        assertThat(answer(decide("NOT_SET", "2024-06-01T00:00:00Z"))).isEqualTo("DENY PURPOSE_NOT_ENABLED");
    }
}
