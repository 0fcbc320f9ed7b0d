package io.jurist.audit;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The decision log as the API uses it: decisions and batches over HTTP, then read back. */
@IntegrationTest
class DecisionLogIntegrationTests {

    private static final String DECISIONS = "/api/v1/decisions";
    private static final String GENAI = "GENAI_TRAINING";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    DecisionLog log;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String request(String subject, String country, Integer age, String consent) {
        return "{\"subject\":{\"id\":\"" + subject + "\",\"country\":\"" + country + "\""
                + (age == null ? "" : ",\"age\":" + age) + "},\"purpose\":\"" + GENAI + "\",\"consent\":\"" + consent
                + "\",\"at\":\"2025-06-01T00:00:00Z\"}";
    }

    private JsonNode decide(String json, String authorization) {
        Http.Response response = http.postJson(DECISIONS, json, authorization);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The logged record, once written. */
    private JsonNode logged(String id) {
        Http.Response response = Await.until(() -> http.get(DECISIONS + "/" + id, basic("bob")),
                r -> r.status() != 404, WITHIN, "the log's record of " + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    /** The answer lines of a batch and its id. */
    private record Batch(String id, List<JsonNode> answers) {
    }

    private Batch batch(String body) {
        Http.Response response = http.post(DECISIONS + "/batch", "application/x-ndjson", body, DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> answers = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            try {
                answers.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String id = response.header("Jurist-Batch-Id");
        assertThat(id).as("the batch id header").matches("[0-9a-f-]{36}");
        return new Batch(id, answers);
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.get("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        return codes;
    }

    @Test
    void aDecisionIsLoggedUnderItsIdWithThePseudonymisedSubjectAndWhoAsked() {
        String subject = "member-" + UUID.randomUUID();
        JsonNode answer = decide(request(subject, "nz", 15, "OPTED_IN"), DATA_PLATFORM);
        String id = answer.get("decisionId").asText();

        JsonNode logged = logged(id);
        assertThat(logged.get("kind").asText()).isEqualTo("DECISION");
        assertThat(logged.get("decisionId").asText()).isEqualTo(id);
        assertThat(logged.get("batchId").isNull()).isTrue();
        assertThat(logged.get("client").asText()).isEqualTo("data-platform");
        assertThat(logged.get("subjectHash").asText())
                .isEqualTo(new Pseudonymiser(Pseudonymiser.DEMO_KEY).pseudonym(subject))
                .isEqualTo(log.pseudonym(subject));
        assertThat(logged.get("country").asText()).isEqualTo("NZ");
        assertThat(logged.get("region")).isEqualTo(answer.at("/jurisdiction/region"));
        assertThat(logged.get("purpose").asText()).isEqualTo(GENAI);
        assertThat(logged.get("consent").asText()).isEqualTo("OPTED_IN");
        assertThat(logged.get("ageBand").asText()).isEqualTo("13-15");
        assertThat(logged.get("at").asText()).isEqualTo("2025-06-01T00:00:00Z");
        // Databases keep microseconds.
        assertThat(Instant.parse(logged.get("evaluatedAt").asText()))
                .isEqualTo(Instant.parse(answer.get("evaluatedAt").asText()).truncatedTo(ChronoUnit.MICROS));
        assertThat(logged.get("decision")).isEqualTo(answer.get("decision"));
        List<String> reasonCodes = new ArrayList<>();
        logged.get("reasonCodes").forEach(code -> reasonCodes.add(code.asText()));
        assertThat(reasonCodes).isEqualTo(codes(answer)).contains("MINOR_EXCLUDED");
        assertThat(logged.get("rulesFired")).isNotEmpty();
        assertThat(logged.get("ruleset")).isEqualTo(answer.get("ruleset"));

        // The member's id is nowhere in the stored row, nor is the exact age.
        Map<String, Object> row = jdbc.sql("select * from jurist_decision_log where decision_id = ?").param(id)
                .query().singleRow();
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(subject).doesNotContain(subject.substring(7)).isNotEqualTo("15"));

        // A person asking is recorded by user name.
        String byAlice = decide(request("member-" + UUID.randomUUID(), "NZ", null, "NOT_SET"), basic("alice"))
                .get("decisionId").asText();
        assertThat(logged(byAlice).get("client").asText()).isEqualTo("alice");
        assertThat(logged(byAlice).get("ageBand").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void refusesAnInstantOutsideTheAcceptedRangeAtTheDoorAndKeepsLoggingTheDecisionsAfterIt() {
        String far = "{\"subject\":{\"id\":\"member-far\",\"country\":\"US\"},\"purpose\":\"" + GENAI
                + "\",\"at\":\"+1000000000-01-01T00:00:00Z\"}";
        Http.Response refused = http.postJson(DECISIONS, far, DATA_PLATFORM);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("at");
        assertThat(refused.json().at("/errors/0/message").asText())
                .contains("1900-01-01T00:00:00Z").contains("9999-12-31T23:59:59Z");
        String past = far.replace("+1000000000-01-01T00:00:00Z", "1899-12-31T23:59:59Z");
        assertThat(http.postJson(DECISIONS, past, DATA_PLATFORM).status()).isEqualTo(400);

        // In a batch, that line is answered with an error and the others are decided.
        Batch batch = batch(far + "\n" + request("member-" + UUID.randomUUID(), "US", 30, "NOT_SET") + "\n");
        assertThat(batch.answers().get(0).at("/errors/0/field").asText()).isEqualTo("at");
        assertThat(batch.answers().get(1).get("decision").asText()).isEqualTo("PERMIT");

        // The edges are in the range, and every decision after the refused ones is logged.
        for (String at : List.of("1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z")) {
            String id = decide(far.replace("+1000000000-01-01T00:00:00Z", at), DATA_PLATFORM).get("decisionId")
                    .asText();
            assertThat(logged(id).get("at").asText()).isEqualTo(at);
        }
        String later = decide(request("member-" + UUID.randomUUID(), "US", 30, "NOT_SET"), DATA_PLATFORM)
                .get("decisionId").asText();
        assertThat(logged(later).get("decisionId").asText()).isEqualTo(later);
        assertThat(log.flush(WITHIN)).isTrue();
        assertThat(log.writerState().failingSince()).isNull();
    }

    @Test
    void aBatchIsLoggedAsOneSummaryWithItsCountsAndTheHashOfItsInput() throws Exception {
        String body = String.join("\n",
                request("b-1", "NZ", 30, "NOT_SET"),
                request("b-2", "NZ", 30, "OPTED_OUT"),
                "{\"subject\": broken",
                request("b-3", "GB", 30, "NOT_SET"),
                request("b-4", "NZ", 30, "NOT_SET")) + "\n";
        Batch batch = batch(body);
        assertThat(batch.answers()).hasSize(5);

        JsonNode logged = logged(batch.id());
        assertThat(logged.get("kind").asText()).isEqualTo("BATCH");
        assertThat(logged.get("batchId").asText()).isEqualTo(batch.id());
        assertThat(logged.get("client").asText()).isEqualTo("data-platform");
        assertThat(logged.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(logged.get("lines").asLong()).isEqualTo(5);
        assertThat(logged.get("decided").asLong()).isEqualTo(4);
        assertThat(logged.get("invalid").asLong()).isEqualTo(1);
        assertThat(logged.get("inputSha256").asText()).isEqualTo("sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(logged.get("ruleset")).isEqualTo(batch.answers().get(0).get("ruleset"));
        assertThat(logged.get("linesLogged").asBoolean()).isFalse();

        // The counts are the answers', grouped.
        Map<String, Long> expected = new HashMap<>();
        for (JsonNode answer : batch.answers()) {
            if (answer.has("decision")) {
                List<String> reasons = codes(answer);
                reasons.sort(null);
                expected.merge(answer.at("/jurisdiction/country").asText() + " " + answer.get("purpose").asText() + " "
                        + answer.get("decision").asText() + " " + reasons, 1L, Long::sum);
            }
        }
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode count : logged.get("counts")) {
            List<String> reasons = new ArrayList<>();
            count.get("reasonCodes").forEach(code -> reasons.add(code.asText()));
            counts.put(count.get("country").asText() + " " + count.get("purpose").asText() + " "
                    + count.get("decision").asText() + " " + reasons, count.get("decisions").asLong());
        }
        assertThat(counts).isEqualTo(expected).hasSize(3);

        // Without per-line logging, a line's decision has no record of its own.
        assertThat(http.get(DECISIONS + "/" + batch.answers().get(0).get("decisionId").asText(), DATA_PLATFORM)
                .status()).isEqualTo(404);
    }

    @Test
    void logsEachLineOfABatchWhilePerLineLoggingIsOn() {
        log.setBatchLines(true);
        Batch batch;
        try {
            batch = batch(request("l-1", "NZ", 30, "NOT_SET") + "\n" + request("l-2", "NZ", null, "OPTED_OUT"));
        } finally {
            log.setBatchLines(false);
        }
        JsonNode summary = logged(batch.id());
        assertThat(summary.get("linesLogged").asBoolean()).isTrue();
        for (JsonNode answer : batch.answers()) {
            JsonNode line = logged(answer.get("decisionId").asText());
            assertThat(line.get("batchId").asText()).isEqualTo(batch.id());
            assertThat(line.get("decision")).isEqualTo(answer.get("decision"));
        }
    }

    @Test
    void aRecordTheDatabaseRefusesBelowTheDoorIsSetAsideWithAGapAndTheNextDecisionsAreWritten() {
        // A writer of its own on this database (H2 or PostgreSQL), on a day of its own, so that the service's
        // log, health and counts stay as the other tests expect them.
        Instant day = Instant.parse("2031-02-03T10:00:00Z");
        DecisionLog writer = new DecisionLog(dataSource, DecisionLogProperties.defaults(), Pseudonymiser.DEMO_KEY,
                Clock.fixed(day, ZoneOffset.UTC), new SimpleMeterRegistry());
        writer.start();
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        try {
            BiFunction<String, String, DecisionRecord> record = (id, country) -> new DecisionRecord(prefix + id, null,
                    day, "test", "member", country, "REST_OF_WORLD", GENAI, "NOT_SET", null, day, "PERMIT",
                    List.of("PERMITTED"), List.of("rule"), 1, "sha256:x");
            writer.record(record.apply("-before", "NZ"));
            DecisionRecord far = record.apply("-far", "NZ");
            writer.record(new DecisionRecord(far.decisionId(), null, day, "test", "member", "NZ", "REST_OF_WORLD",
                    GENAI, "NOT_SET", null, Instant.parse("+1000000000-01-01T00:00:00Z"), "PERMIT",
                    List.of("PERMITTED"), List.of("rule"), 1, "sha256:x"));
            writer.record(record.apply("-wide", "NZL"));
            writer.record(record.apply("-after", "NZ"));
            assertThat(writer.flush(WITHIN)).isTrue();
            writer.record(record.apply("-later", "NZ"));
            assertThat(writer.flush(WITHIN)).isTrue();

            assertThat(jdbc.sql("select decision_id from jurist_decision_log where decision_id like ? "
                    + "order by decision_id").param(prefix + "%").query(String.class).list())
                    .containsExactlyInAnyOrder(prefix + "-before", prefix + "-after", prefix + "-later");
            assertThat(jdbc.sql("select cause, sum(unlogged) from jurist_decision_log_gap where gap_day = ? "
                            + "group by cause order by cause").param(LocalDate.of(2031, 2, 3))
                    .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                    .containsExactly("REJECTED=1", "UNCONVERTIBLE=1");
            assertThat(writer.dailyCounts(null, null, day.minusSeconds(60), day.plusSeconds(60)).get(0).unlogged())
                    .isEqualTo(2);
            assertThat(writer.writerState().failingSince()).isNull();
            assertThat(writer.writerState().lastSetAsideCause()).startsWith("REJECTED");
        } finally {
            writer.stop();
            jdbc.sql("delete from jurist_decision_log where decision_id like ?").param(prefix + "%").update();
            jdbc.sql("delete from jurist_decision_log_gap where gap_day = ?").param(LocalDate.of(2031, 2, 3)).update();
        }
    }

    @Test
    void answersAnUnknownIdWithAProblem() {
        Http.Response response = http.get(DECISIONS + "/no-such-decision", DATA_PLATFORM);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains("no-such-decision");
        assertThat(http.get(DECISIONS + "/no-such-decision", null).status()).isEqualTo(401);
    }

    @Test
    void purgesRecordsOlderThanTheRetention() {
        Instant now = Instant.now();
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        for (String id : List.of(old, recent)) {
            log.record(new DecisionRecord(id, null, id.equals(old) ? now.minus(Duration.ofDays(401)) : now,
                    "test", "member", "NZ", "REST_OF_WORLD", GENAI, "NOT_SET", null, now, "PERMIT",
                    List.of("PERMITTED"), List.of("rule"), 1, "sha256:x"));
        }
        assertThat(log.flush(WITHIN)).isTrue();
        assertThat(log.decision(old)).isPresent();

        assertThat(log.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(log.decision(old)).isEmpty();
        assertThat(log.decision(recent)).isPresent();
        assertThat(http.get(DECISIONS + "/" + old, DATA_PLATFORM).status()).isEqualTo(404);
    }

    @Test
    void countsTheDecisionsOfEachDayForAnEvidenceReport() {
        // Kenya: no other test decides there, so the counts are this test's.
        List<JsonNode> answers = new ArrayList<>();
        answers.add(decide(request("k-1", "KE", 30, "NOT_SET"), DATA_PLATFORM));
        answers.add(decide(request("k-2", "KE", 15, "OPTED_OUT"), DATA_PLATFORM));
        Batch batch = batch(request("k-3", "KE", 30, "NOT_SET") + "\n" + request("k-4", "KE", 30, "NOT_SET") + "\n"
                + request("k-5", "KE", 40, "OPTED_OUT") + "\n" + request("k-6", "US", 40, "NOT_SET"));
        answers.addAll(batch.answers().subList(0, 3));
        Map<String, Long> byDecision = new HashMap<>();
        Map<String, Long> byReason = new HashMap<>();
        for (JsonNode answer : answers) {
            byDecision.merge(answer.get("decision").asText(), 1L, Long::sum);
            codes(answer).forEach(code -> byReason.merge(code, 1L, Long::sum));
        }
        assertThat(byReason).containsKeys("PERMITTED", "CONSENT_OPTED_OUT", "MINOR_EXCLUDED");
        logged(batch.id());

        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        List<DailyDecisionCounts> days = Await.until(() -> log.dailyCounts("KE", GENAI, from, to),
                d -> total(d, DailyDecisionCounts::byDecision).equals(byDecision), WITHIN, "Kenya's counts");
        assertThat(total(days, DailyDecisionCounts::byReason)).isEqualTo(byReason);
        assertThat(days).allSatisfy(day -> assertThat(day.unlogged()).isZero());
        assertThat(log.dailyCounts("KE", "NO_SUCH_PURPOSE", from, to)).isEmpty();
    }

    @Test
    void describesTheLogInTheOpenApiDescription() {
        JsonNode paths = http.get("/v3/api-docs", null).json().get("paths");
        JsonNode get = paths.at("/~1api~1v1~1decisions~1{id}/get");
        assertThat(get.at("/responses/200/content/application~1json/schema/oneOf").toString())
                .contains("LoggedDecision").contains("LoggedBatch");
        assertThat(get.at("/responses/404/content").has("application/problem+json")).isTrue();
        assertThat(paths.at("/~1api~1v1~1decisions~1batch/post/responses/200/headers").has("Jurist-Batch-Id")).isTrue();
    }

    private static Map<String, Long> total(List<DailyDecisionCounts> days,
                                           java.util.function.Function<DailyDecisionCounts, Map<String, Long>> part) {
        Map<String, Long> sum = new HashMap<>();
        days.forEach(day -> part.apply(day).forEach((key, n) -> sum.merge(key, n, Long::sum)));
        return sum;
    }
}
