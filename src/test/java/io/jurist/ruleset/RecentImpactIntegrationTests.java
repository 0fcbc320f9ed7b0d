package io.jurist.ruleset;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static io.jurist.support.Proposals.activeTable;
import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Impact analysis replays the requests the data platform really sent, from the decision log. */
@IntegrationTest
class RecentImpactIntegrationTests {

    private static final String COUNTRY = "NP";

    @LocalServerPort
    int port;

    @Test
    void aSuspensionsImpactCountsTheRecentRequestsItWouldDeny() {
        Http http = new Http(port);
        int permitted = 0;
        String last = null;
        for (int i = 0; i < 7; i++) {
            Http.Response response = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-" + i
                    + "\",\"country\":\"" + COUNTRY + "\",\"age\":" + (20 + i) + "},\"purpose\":\"GENAI_TRAINING\"}",
                    DATA_PLATFORM);
            assertThat(response.status()).isEqualTo(200);
            permitted += response.json().get("decision").asText().equals("PERMIT") ? 1 : 0;
            last = response.json().get("decisionId").asText();
        }
        // A minor is denied today and stays denied under the suspension: no flip.
        assertThat(http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-minor\",\"country\":\"" + COUNTRY
                + "\",\"age\":15},\"purpose\":\"GENAI_TRAINING\"}", DATA_PLATFORM).json().get("decision").asText())
                .isEqualTo("DENY");
        assertThat(permitted).isEqualTo(7);
        String lastId = last;
        Await.until(() -> http.get("/api/v1/decisions/" + lastId, DATA_PLATFORM).status(), s -> s == 200,
                Duration.ofSeconds(10), "the last decision in the log");

        JsonNode impact = http.postJson("/api/v1/rulesets/validate", Http.json(Map.of("files", Map.of(
                "reference/jurisdictions.csv", tableWith(activeTable(http), suspend(COUNTRY))))), basic("alice"))
                .json().get("impact");
        assertThat(impact.at("/recent/days").asInt()).isEqualTo(30);
        assertThat(impact.at("/recent/decisions").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(impact.at("/recent/byCountry/" + COUNTRY + "/PERMIT_TO_DENY").asLong()).isEqualTo(7);
        assertThat(impact.at("/recent/byCountry/" + COUNTRY + "/DENY_TO_PERMIT").asLong()).isZero();
        assertThat(impact.get("kind").asText()).isEqualTo("RESTRICTIVE");
        assertThat(impact.at("/recent/denyToPermit").asLong()).isZero();
    }
}
