package io.jurist.decision;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The summary of a run decided from a snapshot (the Spark job), through HTTP as the job sends it: checked against
 * the version's snapshot, stored in the decision log before the answer, read back as a batch, and counted by the
 * evidence report.
 */
@IntegrationTest
class BatchSummaryIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A country no other test here decides for, so the report's counts are this test's. */
    private static final String COUNTRY = "NZ";
    private static final String PURPOSE = "GENAI_TRAINING";
    private static final String SHA = "sha256:" + "ab".repeat(32);

    @LocalServerPort
    int port;

    Http http;
    int version;
    String revision;
    /** The distinct answers the snapshot gives for the country: decision and reason codes. */
    List<ObjectNode> answers;

    @BeforeEach
    void snapshot() {
        http = new Http(port);
        JsonNode active = http.get("/api/v1/rulesets/active", DATA_PLATFORM).json();
        version = active.get("version").asInt();
        JsonNode snapshot = http.get("/api/v1/rulesets/" + version + "/snapshot?purpose=" + PURPOSE, DATA_PLATFORM)
                .json();
        revision = snapshot.get("revision").asText();
        Map<String, ObjectNode> distinct = new LinkedHashMap<>();
        for (JsonNode row : snapshot.get("rows")) {
            if (row.get("country").asText().equals(COUNTRY)) {
                ObjectNode answer = JSON.createObjectNode();
                answer.put("country", COUNTRY);
                answer.put("decision", row.get("decision").asText());
                answer.set("reasonCodes", row.get("reasonCodes"));
                distinct.put(answer.toString(), answer);
            }
        }
        answers = new ArrayList<>(distinct.values());
        assertThat(answers).extracting(a -> a.get("decision").asText()).contains("PERMIT", "DENY");
    }

    private ObjectNode summary(long... decisions) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("ruleset").put("version", version).put("revision", revision);
        body.put("purpose", PURPOSE);
        body.put("inputSha256", SHA);
        Instant now = Instant.now();
        body.put("startedAt", now.minusSeconds(60).toString());
        body.put("finishedAt", now.toString());
        ArrayNode counts = body.putArray("counts");
        long total = 0;
        for (int i = 0; i < decisions.length; i++) {
            counts.add(answers.get(i).deepCopy().put("decisions", decisions[i]));
            total += decisions[i];
        }
        body.put("rows", total + 2);
        body.put("decided", total);
        body.put("invalid", 2);
        return body;
    }

    private Map<String, Long> reportByDecision() {
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString();
        String tomorrow = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString();
        JsonNode report = http.get("/api/v1/evidence?jurisdiction=" + COUNTRY + "&purpose=" + PURPOSE + "&from="
                + today + "&to=" + tomorrow, basic("dana")).json();
        Map<String, Long> byDecision = new LinkedHashMap<>();
        report.at("/decisions/byDecision").fields().forEachRemaining(e -> byDecision.put(e.getKey(),
                e.getValue().asLong()));
        return byDecision;
    }

    @Test
    void aValidSummaryIsOnDiskWhenAnsweredAndTheEvidenceReportCountsItAsABatch() {
        Map<String, Long> before = reportByDecision();
        ObjectNode body = summary(new long[answers.size()]);
        long permits = 0;
        long denies = 0;
        ArrayNode counts = (ArrayNode) body.get("counts");
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            long n = 1_000_000L * (i + 1);
            ((ObjectNode) counts.get(i)).put("decisions", n);
            total += n;
            if (counts.get(i).get("decision").asText().equals("PERMIT")) {
                permits += n;
            } else {
                denies += n;
            }
        }
        body.put("decided", total).put("rows", total + 2);

        Http.Response response = http.postJson("/api/v1/decisions/summaries", body.toString(), DATA_PLATFORM);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String id = response.json().get("batchId").asText();
        assertThat(response.header("Location")).isEqualTo("/api/v1/decisions/" + id);
        // Answered only once written: read back at once, without waiting for the log's writer.
        JsonNode logged = http.get("/api/v1/decisions/" + id, basic("alice")).json();
        assertThat(logged.get("kind").asText()).isEqualTo("BATCH");
        assertThat(logged.get("client").asText()).isEqualTo("data-platform");
        assertThat(logged.get("inputSha256").asText()).isEqualTo(SHA);
        assertThat(logged.at("/ruleset/version").asInt()).isEqualTo(version);
        assertThat(logged.at("/ruleset/revision").asText()).isEqualTo(revision);
        assertThat(logged.get("decided").asLong()).isEqualTo(total);
        assertThat(logged.get("invalid").asLong()).isEqualTo(2);
        assertThat(logged.get("counts")).hasSize(answers.size());
        Map<String, Long> after = reportByDecision();
        assertThat(after.getOrDefault("PERMIT", 0L) - before.getOrDefault("PERMIT", 0L)).isEqualTo(permits);
        assertThat(after.getOrDefault("DENY", 0L) - before.getOrDefault("DENY", 0L)).isEqualTo(denies);
    }

    @Test
    void aSummaryTheSnapshotCannotHaveGivenIsRefusedNamingEachBadField() {
        Map<String, Long> before = reportByDecision();
        ObjectNode unknownAnswer = summary(5);
        ((ObjectNode) unknownAnswer.get("counts").get(0)).putArray("reasonCodes").add("MADE_UP");
        assertRefused(unknownAnswer, 400, "counts[0]");

        ObjectNode negative = summary(5);
        ((ObjectNode) negative.get("counts").get(0)).put("decisions", -5);
        negative.put("decided", -5).put("rows", -3);
        assertRefused(negative, 400, "counts[0].decisions");

        ObjectNode huge = summary(BatchSummaryController.MAX_DECISIONS + 1);
        assertRefused(huge, 400, "decided");

        ObjectNode unassigned = summary(5);
        ((ObjectNode) unassigned.get("counts").get(0)).put("country", "XX");
        assertRefused(unassigned, 400, "counts[0].country");

        ObjectNode alias = summary(5);
        ((ObjectNode) alias.get("counts").get(0)).put("country", "UK");
        assertRefused(alias, 400, "counts[0].country");

        ObjectNode wrongTotal = summary(5);
        wrongTotal.put("decided", 6).put("rows", 8);
        assertRefused(wrongTotal, 400, "decided");

        ObjectNode twice = summary(5, 5);
        ((ArrayNode) twice.get("counts")).set(1, twice.get("counts").get(0).deepCopy());
        assertRefused(twice, 400, "counts[1]");

        ObjectNode purpose = summary(5);
        purpose.put("purpose", "NO_SUCH_PURPOSE");
        assertRefused(purpose, 400, "purpose");

        ObjectNode noVersion = summary(5);
        ((ObjectNode) noVersion.get("ruleset")).put("version", 9999);
        assertRefused(noVersion, 400, "ruleset.version");

        ObjectNode otherRevision = summary(5);
        ((ObjectNode) otherRevision.get("ruleset")).put("revision", "not-the-revision");
        assertRefused(otherRevision, 409, null);

        ObjectNode badHash = summary(5);
        badHash.put("inputSha256", "members.parquet");
        assertRefused(badHash, 400, "inputSha256");

        ObjectNode future = summary(5);
        future.put("finishedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        assertRefused(future, 400, "finishedAt");

        assertThat(reportByDecision()).isEqualTo(before);
    }

    @Test
    void aSummaryOfEveryAnswerTheSnapshotGivesIsAcceptedThoughLargerThanASingleDecisionsBody() {
        JsonNode rows = http.get("/api/v1/rulesets/" + version + "/snapshot?purpose=" + PURPOSE, DATA_PLATFORM)
                .json().get("rows");
        Map<String, ObjectNode> distinct = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            ObjectNode count = JSON.createObjectNode();
            count.put("country", row.get("country").asText());
            count.put("decision", row.get("decision").asText());
            count.set("reasonCodes", row.get("reasonCodes"));
            distinct.put(count.toString(), count);
        }
        ObjectNode body = summary();
        ArrayNode counts = (ArrayNode) body.get("counts");
        distinct.values().forEach(c -> counts.add(c.put("decisions", 1)));
        body.put("decided", counts.size()).put("rows", counts.size() + 2);
        assertThat(body.toString().length()).isGreaterThan(64 * 1024);

        Http.Response response = http.postJson("/api/v1/decisions/summaries", body.toString(), DATA_PLATFORM);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("counts")).hasSize(counts.size());
    }

    @Test
    void onlyTheDataPlatformRecordsSummaries() {
        String body = summary(5).toString();
        assertThat(http.postJson("/api/v1/decisions/summaries", body, null).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/decisions/summaries", body, basic("alice")).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/decisions/summaries", body, basic("admin")).status()).isEqualTo(403);
    }

    private void assertRefused(ObjectNode body, int status, String field) {
        Http.Response response = http.postJson("/api/v1/decisions/summaries", body.toString(), DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (field != null) {
            List<String> fields = new ArrayList<>();
            response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).as(response.body()).contains(field);
        }
    }
}
