package io.jurist.audit;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static io.jurist.support.Proposals.activeTable;
import static io.jurist.support.Proposals.body;
import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The change history over HTTP: what a governed change leaves in it, and what tampering with it shows. */
@IntegrationTest
class ChangeHistoryIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChangeHistory history;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private List<JsonNode> historyAfter(long seq, String user) {
        List<JsonNode> records = new ArrayList<>();
        http.get("/api/v1/audit/history?limit=1000&after=" + seq, basic(user)).json().get("records")
                .forEach(records::add);
        return records;
    }

    private long lastSeq() {
        return http.get("/api/v1/audit/verify", basic("dana")).json().get("lastSeq").asLong();
    }

    @Test
    void aGovernedChangeLeavesItsProposalValidationImpactApprovalAndActivationInTheChain() {
        long before = lastSeq();
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals",
                body("Suspend generative-AI training in Mongolia", tableWith(activeTable(http), suspend("MN"))),
                basic("alice"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        int version = proposed.json().get("version").asInt();
        String process = proposed.json().get("processInstanceId").asText();
        String task = http.get("/engine-rest/task?processInstanceId=" + process, basic("bob")).json().get(0).get("id")
                .asText();
        assertThat(http.postJson("/api/v1/tasks/" + task + "/complete",
                "{\"approved\":true,\"comment\":\"Mongolia: approved after review\"}", basic("bob")).status())
                .isEqualTo(200);
        List<JsonNode> records = Await.until(() -> historyAfter(before, "bob"),
                r -> r.stream().anyMatch(x -> x.get("type").asText().equals("VERSION_ACTIVATED")
                        && x.get("rulesetVersion").asInt() == version),
                Duration.ofSeconds(15), "the activation of version " + version + " in the history");

        List<JsonNode> mine = records.stream().filter(r -> r.get("subject").asText().equals("ruleset:" + version))
                .toList();
        assertThat(mine).extracting(r -> r.get("type").asText()).containsSubsequence(
                "PROPOSAL_SUBMITTED", "VALIDATION_PASSED", "IMPACT_ANALYSED", "APPROVED", "VERSION_ACTIVATED");
        JsonNode submitted = mine.get(0);
        assertThat(submitted.get("actor").asText()).isEqualTo("alice");
        assertThat(submitted.get("jurisdictions")).extracting(JsonNode::asText).containsExactly("MN");
        assertThat(submitted.at("/detail/summary").asText()).isEqualTo("Suspend generative-AI training in Mongolia");
        assertThat(submitted.at("/detail/files/0").asText()).isEqualTo("MODIFIED reference/jurisdictions.csv");
        JsonNode impact = mine.stream().filter(r -> r.get("type").asText().equals("IMPACT_ANALYSED")).findFirst()
                .orElseThrow();
        assertThat(impact.at("/detail/kind").asText()).isEqualTo("RESTRICTIVE");
        assertThat(impact.at("/detail/permitToDeny").asInt()).isPositive();
        JsonNode approval = mine.stream().filter(r -> r.get("type").asText().equals("APPROVED")).findFirst()
                .orElseThrow();
        assertThat(approval.get("actor").asText()).isEqualTo("bob");
        assertThat(approval.at("/detail/comment").asText()).isEqualTo("Mongolia: approved after review");
        assertThat(approval.get("processInstanceId").asText()).isEqualTo(process);

        // Each record carries the hash of the one before it.
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).get("seq").asLong()).isEqualTo(records.get(i - 1).get("seq").asLong() + 1);
            assertThat(records.get(i).get("previousHash").asText()).isEqualTo(records.get(i - 1).get("hash").asText());
        }
        // Filtered by country, the report keeps Mongolia's records and leaves out the others.
        JsonNode mongolia = http.get("/api/v1/audit/history?jurisdiction=MN&after=" + before, basic("dana")).json();
        assertThat(mongolia.get("records").findValuesAsText("subject")).contains("ruleset:" + version)
                .allMatch(s -> !s.startsWith("engagement:"));
        // The approval of a plain proposal concerns the countries its impact found, so it is in there too.
        List<String> mongolian = new ArrayList<>();
        mongolia.get("records").forEach(r -> mongolian.add(r.get("type").asText() + " " + r.get("actor").asText()));
        assertThat(mongolian).contains("PROPOSAL_SUBMITTED alice", "APPROVED bob", "VERSION_ACTIVATED process "
                + process);
    }

    @Test
    void aRefusedProposalIsRecordedWithWhyAndNothingElse() {
        long before = lastSeq();
        Http.Response refused = http.postJson("/api/v1/rulesets/proposals", Http.json(Map.of("summary",
                "A broken rule", "files", Map.of("jurisdictions/broken.drl", "package rules.jurisdictions\nrule \"x\"\n"
                        + "when\n  nonsense(\nthen\nend\n"))), basic("erin"));
        assertThat(refused.status()).isEqualTo(422);
        List<JsonNode> records = historyAfter(before, "alice");
        JsonNode record = records.stream().filter(r -> r.get("actor").asText().equals("erin")).findFirst()
                .orElseThrow();
        assertThat(record.get("type").asText()).isEqualTo("PROPOSAL_REFUSED");
        assertThat(record.at("/detail/summary").asText()).isEqualTo("A broken rule");
        assertThat(record.at("/detail/problems/0/file").asText()).isEqualTo("jurisdictions/broken.drl");
        assertThat(records).filteredOn(r -> r.at("/detail/summary").asText().equals("A broken rule"))
                .extracting(r -> r.get("type").asText()).containsExactly("PROPOSAL_REFUSED");
    }

    @Test
    void anEditedRecordIsNamedAsTheFirstBrokenOneAndTheChainHoldsAgainOnceRestored() {
        ensureRecords(3);
        JsonNode intact = http.get("/api/v1/audit/verify", basic("bob")).json();
        assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.get("firstBroken").isNull()).isTrue();
        long victim = intact.get("lastSeq").asLong() - 1;

        String actor = jdbc.sql("select actor from jurist_change_history where seq = ?").param(victim)
                .query(String.class).single();
        jdbc.sql("update jurist_change_history set actor = 'mallory' where seq = ?").param(victim).update();
        try {
            JsonNode broken = http.get("/api/v1/audit/verify", basic("dana")).json();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.at("/firstBroken/seq").asLong()).isEqualTo(victim);
            assertThat(broken.at("/firstBroken/problem").asText()).contains("edited");
        } finally {
            jdbc.sql("update jurist_change_history set actor = ? where seq = ?").params(actor, victim).update();
        }
        assertThat(http.get("/api/v1/audit/verify", basic("dana")).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRemovedRecordIsNamedWhetherInTheMiddleOrAtTheEnd() {
        ensureRecords(3);
        long last = lastSeq();
        for (long victim : new long[] {last - 1, last}) {
            Map<String, Object> row = jdbc.sql("select * from jurist_change_history where seq = ?").param(victim)
                    .query().singleRow();
            jdbc.sql("delete from jurist_change_history where seq = ?").param(victim).update();
            try {
                JsonNode broken = http.get("/api/v1/audit/verify", basic("admin")).json();
                assertThat(broken.get("intact").asBoolean()).isFalse();
                assertThat(broken.at("/firstBroken/seq").asLong()).isEqualTo(victim);
                assertThat(broken.at("/firstBroken/problem").asText()).containsAnyOf("removed", "missing");
            } finally {
                jdbc.sql("insert into jurist_change_history (seq, recorded_at, change_type, actor, subject, "
                                + "jurisdictions, purposes, ruleset_version, process_instance_id, detail, previous_hash, "
                                + "record_hash) values (:seq, :recorded_at, :change_type, :actor, :subject, "
                                + ":jurisdictions, :purposes, :ruleset_version, :process_instance_id, :detail, "
                                + ":previous_hash, :record_hash)")
                        .params(lowerCase(row)).update();
            }
        }
        assertThat(http.get("/api/v1/audit/verify", basic("admin")).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void concurrentAppendsFormOneChainWithoutGapsOrForks() throws Exception {
        long before = lastSeq();
        int threads = 8;
        List<Verification> checksWhileAppending = new java.util.concurrent.CopyOnWriteArrayList<>();
        int each = 15;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        history.append(Change.of(ChangeType.TASK_COMPLETED, "load-" + thread, "test:concurrency")
                                .with("i", i));
                    }
                }));
            }
            // Checks made meanwhile must not mistake an append committing during the check for tampering.
            while (done.stream().anyMatch(f -> !f.isDone())) {
                checksWhileAppending.add(history.verify());
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> records = historyAfter(before, "admin");
        assertThat(records.stream().filter(r -> r.get("subject").asText().equals("test:concurrency")))
                .hasSize(threads * each);
        assertThat(checksWhileAppending).as("verifications made while the appends ran").isNotEmpty()
                .allMatch(v -> v.intact(), "every one found the chain intact");
        JsonNode verified = http.get("/api/v1/audit/verify", basic("admin")).json();
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("records").asLong()).isEqualTo(verified.get("lastSeq").asLong());
    }

    @Test
    void theHistoryIsForThePeopleWhoAnswerRegulatorsNotForTheDataPlatform() {
        assertThat(http.get("/api/v1/audit/verify", DATA_PLATFORM).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit/history", DATA_PLATFORM).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit/verify", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/audit/history?jurisdiction=XX", basic("alice")).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit/history?from=yesterday", basic("alice")).status()).isEqualTo(400);
        Http.Response outside = http.get("/api/v1/audit/history?to=-1000000000-01-01T00:00:00Z", basic("alice"));
        assertThat(outside.status()).as(outside.body()).isEqualTo(400);
        assertThat(outside.json().findValuesAsText("field")).containsExactly("to");
    }

    /** The shared application may have recorded little yet: a refused proposal adds a record. */
    private void ensureRecords(int count) {
        while (lastSeq() < count) {
            http.postJson("/api/v1/rulesets/proposals", Http.json(Map.of("summary", "filler", "files",
                    Map.of("jurisdictions/filler.drl", "not drl"))), basic("alice"));
        }
    }

    private static Map<String, Object> lowerCase(Map<String, Object> row) {
        Map<String, Object> params = new java.util.HashMap<>();
        row.forEach((k, v) -> params.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return params;
    }
}
