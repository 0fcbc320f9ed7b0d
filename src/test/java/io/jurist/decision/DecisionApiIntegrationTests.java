package io.jurist.decision;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class DecisionApiIntegrationTests {

    private static final String DECISIONS = "/api/v1/decisions";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private JsonNode decide(String json) {
        Http.Response response = http.postJson(DECISIONS, json, DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    private static List<String> codes(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(node -> codes.add(node.get("code").asText()));
        return codes;
    }

    @Test
    void deniesAMemberInTheUkBecauseTrainingIsSuspendedThere() {
        JsonNode answer = decide("""
                {"subject":{"id":"member-42","country":"GB","age":34},"purpose":"GENAI_TRAINING",
                 "consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}""");
        assertThat(answer.get("decision").asText()).isEqualTo("DENY");
        assertThat(codes(answer.get("reasons"))).containsExactly("JURISDICTION_SUSPENDED");
        assertThat(answer.at("/reasons/0/rule").asText())
                .isEqualTo("Members in a jurisdiction where the purpose is suspended are denied");
        assertThat(answer.at("/reasons/0/message").asText()).contains("ICO");
        assertThat(answer.get("obligations")).isEmpty();
        assertThat(answer.at("/jurisdiction/country").asText()).isEqualTo("GB");
        assertThat(answer.at("/jurisdiction/region").asText()).isEqualTo("UK");
        assertThat(answer.at("/ruleset/version").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.at("/ruleset/revision").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(answer.get("decisionId").asText()).matches("[0-9a-f-]{36}");
        assertThat(Instant.parse(answer.get("evaluatedAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void permitsAMemberInTheUnitedStatesWithTheRedactionObligation() {
        JsonNode answer = decide("""
                {"subject":{"id":"member-7","country":"US"},"purpose":"GENAI_TRAINING","at":"2024-11-25T00:00:00Z"}""");
        assertThat(answer.get("decision").asText()).isEqualTo("PERMIT");
        assertThat(codes(answer.get("reasons"))).containsExactly("PERMITTED");
        assertThat(codes(answer.get("obligations"))).containsExactly("REDACT_PERSONAL_DATA");
        assertThat(answer.get("consent").asText()).isEqualTo("NOT_SET");
        assertThat(answer.at("/jurisdiction/region").asText()).isEqualTo("REST_OF_WORLD");
    }

    @Test
    void acceptsTheAliasesUkAndElAndLowerCaseCodes() {
        assertThat(decide("""
                {"subject":{"id":"m","country":"UK"},"purpose":"GENAI_TRAINING"}""").at("/jurisdiction/country").asText())
                .isEqualTo("GB");
        assertThat(decide("""
                {"subject":{"id":"m","country":"el"},"purpose":"GENAI_TRAINING"}""").at("/jurisdiction/country").asText())
                .isEqualTo("GR");
        assertThat(decide("""
                {"subject":{"id":"m","country":"us"},"purpose":"GENAI_TRAINING"}""").get("decision").asText())
                .isEqualTo("PERMIT");
    }

    @Test
    void decidesAboutNowWhenNoInstantIsGiven() {
        Instant before = Instant.now();
        JsonNode answer = decide("""
                {"subject":{"id":"m","country":"JP"},"purpose":"GENAI_TRAINING","consent":"OPTED_OUT"}""");
        assertThat(Instant.parse(answer.get("at").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(codes(answer.get("reasons"))).containsExactly("CONSENT_OPTED_OUT");
    }

    @Test
    void listsEveryDenyReasonThatApplies() {
        JsonNode answer = decide("""
                {"subject":{"id":"m","country":"GB","age":15},"purpose":"GENAI_TRAINING","at":"2025-01-01T00:00:00Z"}""");
        assertThat(codes(answer.get("reasons"))).containsExactlyInAnyOrder("JURISDICTION_SUSPENDED", "MINOR_EXCLUDED");
    }

    static Stream<Arguments> badRequests() {
        String ok = "\"purpose\":\"GENAI_TRAINING\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"subject\": {\"id\": \"m\",", "(body)"),
                Arguments.of("not an object", "[1,2]", "(body)"),
                Arguments.of("unknown top-level field", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}," + ok + ",\"purpse\":1}", "purpse"),
                Arguments.of("unknown nested field", "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"agee\":3}," + ok + "}", "subject.agee"),
                Arguments.of("age as text", "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":\"34\"}," + ok + "}", "subject.age"),
                Arguments.of("age as fraction", "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":34.5}," + ok + "}", "subject.age"),
                Arguments.of("country as number", "{\"subject\":{\"id\":\"m\",\"country\":44}," + ok + "}", "subject.country"),
                Arguments.of("subject as text", "{\"subject\":\"m\"," + ok + "}", "subject"),
                Arguments.of("missing subject", "{" + ok + "}", "subject"),
                Arguments.of("missing id", "{\"subject\":{\"country\":\"US\"}," + ok + "}", "subject.id"),
                Arguments.of("blank id", "{\"subject\":{\"id\":\"  \",\"country\":\"US\"}," + ok + "}", "subject.id"),
                Arguments.of("id over 128 characters", "{\"subject\":{\"id\":\"" + "x".repeat(129) + "\",\"country\":\"US\"}," + ok + "}", "subject.id"),
                Arguments.of("missing country", "{\"subject\":{\"id\":\"m\"}," + ok + "}", "subject.country"),
                Arguments.of("unassigned country", "{\"subject\":{\"id\":\"m\",\"country\":\"XX\"}," + ok + "}", "subject.country"),
                Arguments.of("alpha-3 country", "{\"subject\":{\"id\":\"m\",\"country\":\"GBR\"}," + ok + "}", "subject.country"),
                Arguments.of("missing purpose", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}}", "purpose"),
                Arguments.of("unknown purpose", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"},\"purpose\":\"ADS\"}", "purpose"),
                Arguments.of("negative age", "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":-1}," + ok + "}", "subject.age"),
                Arguments.of("age over 150", "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":151}," + ok + "}", "subject.age"),
                Arguments.of("unknown consent", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}," + ok + ",\"consent\":\"YES\"}", "consent"),
                Arguments.of("unparsable instant", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}," + ok + ",\"at\":\"2024-11-25\"}", "at"),
                Arguments.of("instant past year 9999", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}," + ok + ",\"at\":\"+10000-01-01T00:00:00Z\"}", "at"),
                Arguments.of("instant before 1900", "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}," + ok + ",\"at\":\"-0001-01-01T00:00:00Z\"}", "at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputWithAProblemNamingTheField(String what, String body, String field) {
        Http.Response response = http.postJson(DECISIONS, body, DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.has("decision")).isFalse();
        if (!field.equals("(body)")) {
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).contains(field);
        }
    }

    @Test
    void refusesABodyOver64KibWith413WhetherItsLengthIsDeclaredOrNot() {
        String big = "{\"subject\":{\"id\":\"" + "x".repeat(70 * 1024) + "\"}}";
        Http.Response declared = http.postJson(DECISIONS, big, DATA_PLATFORM);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        var chunked = http.request(DECISIONS, DATA_PLATFORM).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes()))).build();
        assertThat(http.send(chunked).status()).isEqualTo(413);
    }

    @Test
    void refusesAWrongContentTypeWith415() {
        Http.Response response = http.post(DECISIONS, "text/plain", "{}", DATA_PLATFORM);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void answersAnonymousCallersAndBadCredentialsWith401() {
        String body = "{\"subject\":{\"id\":\"m\",\"country\":\"US\"},\"purpose\":\"GENAI_TRAINING\"}";
        for (String auth : new String[] {null, "Bearer wrong-token", basic("alice", "wrong"), basic("nobody")}) {
            Http.Response response = http.postJson(DECISIONS, body, auth);
            assertThat(response.status()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        for (String path : List.of("/api/v1/purposes", "/api/v1/jurisdictions/GB", "/api/v1/rulesets/active",
                "/api/v1/rulesets/1", "/engine-rest/task", "/engine-rest/user")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void answersCallersOutsideTheNeededGroupsWith403() {
        String body = "{\"subject\":{\"id\":\"m\",\"country\":\"US\"},\"purpose\":\"GENAI_TRAINING\"}";
        assertThat(http.postJson(DECISIONS, body, basic("bob")).status()).isEqualTo(403);
        assertThat(http.postJson(DECISIONS, body, basic("dana")).status()).isEqualTo(403);
        assertThat(http.postJson(DECISIONS, body, basic("alice")).status()).isEqualTo(200);
        assertThat(http.postJson(DECISIONS, body, basic("admin")).status()).isEqualTo(200);
        assertThat(http.get("/actuator/metrics", DATA_PLATFORM).status()).isEqualTo(403);
    }
}
