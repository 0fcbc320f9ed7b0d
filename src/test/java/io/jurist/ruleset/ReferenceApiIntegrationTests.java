package io.jurist.ruleset;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ReferenceApiIntegrationTests {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void listsThePurposesKnown() {
        JsonNode purposes = http.get("/api/v1/purposes", DATA_PLATFORM).json();
        assertThat(purposes.findValuesAsText("code")).contains("GENAI_TRAINING");
        assertThat(purposes.get(0).get("fidesDataUse").asText()).isEqualTo("train_ai_system");
    }

    @Test
    void showsAJurisdictionWithItsStatusModelSinceAndReferencePerPurpose() {
        Http.Response response = http.get("/api/v1/jurisdictions/uk", DATA_PLATFORM);
        assertThat(response.status()).isEqualTo(200);
        JsonNode gb = response.json();
        assertThat(gb.get("country").asText()).isEqualTo("GB");
        assertThat(gb.get("region").asText()).isEqualTo("UK");
        JsonNode genai = gb.at("/purposes/GENAI_TRAINING");
        assertThat(genai.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(genai.get("since").asText()).isEqualTo("2024-09-18T00:00:00Z");
        assertThat(genai.get("reference").asText()).contains("ICO");

        JsonNode us = http.get("/api/v1/jurisdictions/US", basic("bob")).json();
        assertThat(us.at("/purposes/GENAI_TRAINING/status").asText()).isEqualTo("ENABLED");
        assertThat(us.at("/purposes/GENAI_TRAINING/consentModel").asText()).isEqualTo("OPT_OUT");
        assertThat(us.at("/purposes/GENAI_TRAINING/since").asText()).isEqualTo("2024-11-20T00:00:00Z");

        assertThat(http.get("/api/v1/jurisdictions/el", DATA_PLATFORM).json().get("region").asText()).isEqualTo("EEA");
        assertThat(http.get("/api/v1/jurisdictions/CH", DATA_PLATFORM).json().get("region").asText()).isEqualTo("CH");
    }

    @Test
    void refusesAnUnassignedCountryCode() {
        Http.Response response = http.get("/api/v1/jurisdictions/XX", DATA_PLATFORM);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("country");
    }

    @Test
    void showsTheActiveRulesetWithItsFilesAndRules() {
        // Other tests in this context may have activated later versions; the first is the rules directory.
        JsonNode active = http.get("/api/v1/rulesets/active", DATA_PLATFORM).json();
        assertThat(active.get("version").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("revision").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(active.get("activatedAt").asText()).isNotBlank();
        assertThat(active.get("files").has("jurisdictions/JurisdictionStatus.drl")).isTrue();
        assertThat(active.get("files").get("reference/jurisdictions.csv").asText()).contains("EEA,GENAI_TRAINING");
        assertThat(active.get("rules").findValuesAsText("name"))
                .contains("Members known to be under 18 are excluded from generative-AI training");
    }

    @Test
    void showsAVersionByNumberAndExplainsUnknownOnes() {
        JsonNode first = http.get("/api/v1/rulesets/1", DATA_PLATFORM).json();
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("revision").asText()).isEqualTo(Rules.files().revision());
        assertThat(first.get("files").size()).isEqualTo(Rules.files().files().size());
        Http.Response missing = http.get("/api/v1/rulesets/999", DATA_PLATFORM);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/rulesets/latest-ish", DATA_PLATFORM).status()).isEqualTo(400);
    }

    @Test
    void servesTheOpenApiDescriptionSwaggerUiAndHealth() {
        Http.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/decisions")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/jurisdictions/{country}")).isTrue();
        assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        Http.Response health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }
}
