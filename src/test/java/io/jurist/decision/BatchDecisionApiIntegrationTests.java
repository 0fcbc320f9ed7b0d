package io.jurist.decision;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class BatchDecisionApiIntegrationTests {

    private static final String BATCH = "/api/v1/decisions/batch";
    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTRIES = {"GB", "US", "DE", "JP", "CH", "BR", "FR", "IN"};

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String line(String id, String country) {
        return "{\"subject\":{\"id\":\"" + id + "\",\"country\":\"" + country + "\",\"age\":30},"
                + "\"purpose\":\"GENAI_TRAINING\",\"consent\":\"NOT_SET\",\"at\":\"2024-11-25T00:00:00Z\"}";
    }

    private List<JsonNode> batch(String body) {
        Http.Response response = http.post(BATCH, NDJSON, body, DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(NDJSON);
        List<JsonNode> answers = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                try {
                    answers.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("Not one JSON object a line: " + line, e);
                }
            }
        }
        return answers;
    }

    @Test
    void decidesEveryLineInOrderWithOneRulesetVersionAndTheSingleEndpointsAnswers() {
        StringBuilder body = new StringBuilder();
        int lines = 2_500; // more than one chunk
        for (int i = 0; i < lines; i++) {
            body.append(line("member-" + i, COUNTRIES[i % COUNTRIES.length])).append('\n');
        }
        List<JsonNode> answers = batch(body.toString());
        assertThat(answers).hasSize(lines);
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < lines; i++) {
            JsonNode answer = answers.get(i);
            assertThat(answer.get("subjectId").asText()).isEqualTo("member-" + i);
            versions.add(answer.at("/ruleset/version").asText() + " " + answer.at("/ruleset/revision").asText());
        }
        assertThat(versions).hasSize(1);

        JsonNode single = http.postJson("/api/v1/decisions", line("member-1", "US"), DATA_PLATFORM).json();
        JsonNode fromBatch = answers.get(1);
        assertThat(fromBatch.get("decision")).isEqualTo(single.get("decision"));
        assertThat(fromBatch.get("reasons")).isEqualTo(single.get("reasons"));
        assertThat(fromBatch.get("obligations")).isEqualTo(single.get("obligations"));
        assertThat(fromBatch.get("ruleset")).isEqualTo(single.get("ruleset"));
        List<String> singleFields = new ArrayList<>();
        single.fieldNames().forEachRemaining(singleFields::add);
        List<String> batchFields = new ArrayList<>();
        fromBatch.fieldNames().forEachRemaining(batchFields::add);
        assertThat(batchFields).isEqualTo(singleFields);
        assertThat(answers.get(0).get("decision").asText()).isEqualTo("DENY");
        assertThat(answers.get(0).at("/reasons/0/code").asText()).isEqualTo("JURISDICTION_SUSPENDED");
        assertThat(answers.get(1).at("/obligations/0/code").asText()).isEqualTo("REDACT_PERSONAL_DATA");
    }

    @Test
    void answersEachBadLineWithItsOwnErrorAndDecidesTheOthers() {
        String body = String.join("\n",
                line("ok-1", "US"),
                "{\"subject\": nope,",
                "{\"subject\":{\"id\":\"m\",\"country\":\"US\"},\"purpose\":\"GENAI_TRAINING\",\"purpse\":1}",
                line("bad-country", "XX"),
                "",
                "   ",
                "[1,2]",
                "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":\"34\"},\"purpose\":\"GENAI_TRAINING\"}",
                "{\"subject\":{\"id\":\"m\",\"country\":\"US\"},\"purpose\":\"GENAI_TRAINING\"} {}",
                "{\"subject\":{\"id\":\"" + "x".repeat(70 * 1024) + "\"}}",
                "{\"subject\":{\"id\":\" \",\"country\":\"ZZ\"},\"purpose\":\"ADS\"}",
                line("ok-2", "uk") + "\r",
                line("ok-3", "DE")); // no final newline: still a line
        List<JsonNode> answers = batch(body);
        assertThat(answers).hasSize(13);
        assertThat(answers.get(0).get("subjectId").asText()).isEqualTo("ok-1");
        assertThat(answers.get(11).at("/jurisdiction/country").asText()).isEqualTo("GB");
        assertThat(answers.get(12).get("subjectId").asText()).isEqualTo("ok-3");
        for (int i = 1; i <= 10; i++) {
            JsonNode error = answers.get(i);
            assertThat(error.get("line").asInt()).as(error.toString()).isEqualTo(i + 1);
            assertThat(error.get("error").asText()).as(error.toString()).isNotBlank();
            assertThat(error.has("decision")).isFalse();
        }
        assertThat(answers.get(1).get("error").asText()).startsWith("The line is not valid JSON (column ");
        assertThat(answers.get(2).get("error").asText()).contains("purpse");
        assertThat(answers.get(6).get("error").asText()).startsWith("The line is not");
        assertThat(answers.get(3).get("error").asText()).contains("subject.country").contains("XX");
        assertThat(answers.get(3).at("/errors/0/field").asText()).isEqualTo("subject.country");
        assertThat(answers.get(4).get("error").asText()).contains("blank");
        assertThat(answers.get(5).get("error").asText()).contains("blank");
        assertThat(answers.get(7).get("error").asText()).contains("subject.age");
        assertThat(answers.get(9).get("error").asText()).contains("longer than");
        List<String> fields = new ArrayList<>();
        answers.get(10).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("subject.id", "subject.country", "purpose");
    }

    @Test
    void answersAnEmptyBodyWithAnEmptyStream() {
        assertThat(batch("")).isEmpty();
    }

    @Test
    void refusesAWrongContentTypeWith415() {
        Http.Response response = http.post(BATCH, "application/json", line("m", "US"), DATA_PLATFORM);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void answersAnonymousCallersWith401AndCallersOutsideTheGroupsWith403() {
        String body = line("m", "US") + "\n";
        Http.Response anonymous = http.post(BATCH, NDJSON, body, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(http.post(BATCH, NDJSON, body, "Bearer wrong-token").status()).isEqualTo(401);
        assertThat(http.post(BATCH, NDJSON, body, basic("bob")).status()).isEqualTo(403);
        assertThat(http.post(BATCH, NDJSON, body, basic("alice")).status()).isEqualTo(200);
    }

    @Test
    void hasNoEchoEndpointOutsideTheBenchmarkProfile() {
        assertThat(http.postJson(EchoController.PATH, line("m", "US"), DATA_PLATFORM).status()).isEqualTo(404);
    }
}
