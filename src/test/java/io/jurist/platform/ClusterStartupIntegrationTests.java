package io.jurist.platform;

import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.Node;
import io.jurist.support.PostgresTestDatabases;
import io.jurist.support.Proposals;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two nodes from the packaged jar on one PostgreSQL database, driven over HTTP: a version approved
 * through one is served by the other, a process started on one is finished on the other, a timer
 * fires once, and a node killed with SIGKILL at a chosen point loses and duplicates nothing.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabases.URL, matches = ".*\\S.*",
        disabledReason = PostgresTestDatabases.URL + " is not set (.ci/run sets it; see README)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStartupIntegrationTests {

    private static final String TOKEN = "Bearer demo-data-platform-token";

    private PostgresTestDatabases.Database database;
    private final List<Node> nodes = new ArrayList<>();
    /** Two nodes shared by the tests, which run in order; a test that kills one starts it again. */
    private Node a;
    private Node b;

    @BeforeAll
    void cluster() {
        database = PostgresTestDatabases.create();
        a = start("a");
        b = start("b");
    }

    @AfterAll
    void stop() {
        nodes.forEach(Node::close);
        if (database != null) {
            PostgresTestDatabases.drop(database.name());
        }
    }

    /** A node in the postgres profile (demo identities), with a short reminder period; the default job lock. */
    private Node start(String name) {
        Node node = Node.start(name, Map.of(
                        "JURIST_DB_URL", database.url(),
                        "JURIST_DB_USER", database.user(),
                        "JURIST_DB_PASSWORD", database.password()),
                "--spring.profiles.active=postgres",
                "--jurist.rules.directory=" + Path.of("rules").toAbsolutePath(),
                "--jurist.engagements.reminder-period=PT4S");
        nodes.add(node);
        return node;
    }

    private static JsonNode decide(Node node, String country) {
        Http.Response response = node.http().postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m\",\"country\":\""
                + country + "\"},\"purpose\":\"GENAI_TRAINING\"}", TOKEN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode propose(Node node, String country) {
        String table = Proposals.activeTable(node.http());
        Http.Response response = node.http().postJson("/api/v1/rulesets/proposals",
                Proposals.body("Suspend " + country, Proposals.tableWith(table, Proposals.suspend(country))),
                basic("alice"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String openTask(Node node, String processInstanceId) {
        JsonNode tasks = Await.until(() -> node.http().get("/engine-rest/task?processInstanceId=" + processInstanceId,
                basic("bob")).json(), t -> t.size() == 1, Duration.ofSeconds(10), "an open task");
        return tasks.get(0).get("id").asText();
    }

    private static int approve(Node node, String taskId) {
        return node.http().postJson("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"approved\":{\"value\":true},\"comment\":{\"value\":\"ok\"}}}", basic("bob")).status();
    }

    private static long count(Node node, String path) {
        return node.http().get(path, basic("admin")).json().get("count").asLong();
    }

    @Test
    @Order(1)
    void aChangeProposedOnOneNodeIsApprovedOnTheOtherAndServedByBothWithinFiveSeconds() {
        JsonNode proposal = propose(a, "JM");
        int version = proposal.get("version").asInt();
        assertThat(approve(b, openTask(b, proposal.get("processInstanceId").asText()))).isEqualTo(204);
        Node first = Await.until(() -> decide(a, "JM").at("/ruleset/version").asInt() == version ? a
                : decide(b, "JM").at("/ruleset/version").asInt() == version ? b : null,
                n -> n != null, Duration.ofSeconds(20), "a node serving version " + version);
        Node other = first == a ? b : a;
        JsonNode answer = Await.until(() -> decide(other, "JM"), d -> d.at("/ruleset/version").asInt() == version,
                Duration.ofSeconds(5), "the other node serving version " + version);
        assertThat(answer.get("decision").asText()).isEqualTo("DENY");
        assertThat(count(a, "/engine-rest/history/process-instance/count?processInstanceId="
                + proposal.get("processInstanceId").asText() + "&finished=true")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aTimerFiresOnceNotOncePerNode() {
        Http.Response opened = a.http().postJson("/api/v1/engagements", "{\"regulator\":\"R\",\"jurisdictions\":[\"JM\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"summary\":\"Concern\"}", basic("alice"));
        String process = opened.json().get("processInstanceId").asText();
        String triage = openTask(b, process);
        assertThat(b.http().postJson("/engine-rest/task/" + triage + "/complete", "{\"variables\":{\"assessment\":"
                + "{\"value\":\"low\"},\"suspendNow\":{\"value\":false}}}", basic("bob")).status()).isEqualTo(204);
        Await.until(() -> count(a, "/engine-rest/history/activity-instance/count?processInstanceId=" + process
                + "&activityId=Event_NothingHeard&finished=true"), n -> n >= 1, Duration.ofSeconds(30), "the reminder");
        // Both nodes' job executors saw the timer due; the engine's job lock lets only one fire it.
        Await.pause(3000);
        assertThat(count(b, "/engine-rest/history/activity-instance/count?processInstanceId=" + process
                + "&activityId=Event_NothingHeard&finished=true")).isEqualTo(1);
        assertThat(count(b, "/engine-rest/task/count?processInstanceId=" + process
                + "&taskDefinitionKey=Task_ChaseRegulator")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aNodeKilledBetweenApprovalAndActivationLosesNothingAndTheOtherActivatesOnceWithinThirtySeconds() {
        // The worst case, made certain: the other node is frozen, so the approver's job executor takes the
        // activation job; the approver is killed while it holds the job's lock. With the default job lock (seconds,
        // not Camunda's 5 minutes) the other node activates within 30 s all the same.
        b.pause();
        int haiti;
        try {
            haiti = killAfterApprovalAndAwaitActivationOnTheOther(a, b, "HT", true);
        } finally {
            b.resume();
        }
        a = start("a-again");
        assertThat(decide(a, "HT").at("/ruleset/version").asInt()).isEqualTo(haiti);
        // And as it happens: whichever node takes the job first.
        int belize = killAfterApprovalAndAwaitActivationOnTheOther(b, a, "BZ", false);
        b = start("b-again");
        assertThat(decide(b, "BZ").at("/ruleset/version").asInt()).isEqualTo(belize);
    }

    /**
     * Waits, querying as fast as it can, until the process's activation job is locked, and returns its lock owner,
     * or null when the job was gone first (it ran before the lock was seen).
     */
    private String awaitActivationJobLock(String processInstanceId) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement(
                     "select lock_owner_ from act_ru_job where process_instance_id_ = ?")) {
            query.setString(1, processInstanceId);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return null;
                    }
                    if (rows.getString(1) != null) {
                        return rows.getString(1);
                    }
                }
            }
            throw new AssertionError("The activation job of " + processInstanceId + " was not taken within 30 s");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long activationJobs(String processInstanceId, String owner) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from act_ru_job where process_instance_id_ = ? and lock_owner_ = ?")) {
            query.setString(1, processInstanceId);
            query.setString(2, owner);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int killAfterApprovalAndAwaitActivationOnTheOther(Node victim, Node other, String country,
                                                                 boolean whileHoldingTheJob) {
        // While the other node is frozen, the victim answers alone.
        JsonNode proposal = propose(victim, country);
        int version = proposal.get("version").asInt();
        String process = proposal.get("processInstanceId").asText();
        assertThat(approve(victim, openTask(victim, process))).isEqualTo(204);
        if (whileHoldingTheJob) {
            String owner = awaitActivationJobLock(process);
            victim.kill();
            assertThat(owner).as("the approver's job executor took the activation job, seen before it ran")
                    .isNotNull();
            assertThat(activationJobs(process, owner)).as("the job left locked by the dead node").isEqualTo(1);
            other.resume();
        } else {
            // The approval is committed; the activation is a job that either node may hold. Kill the approver now.
            victim.kill();
        }
        JsonNode answer = Await.until(() -> decide(other, country), d -> d.at("/ruleset/version").asInt() == version,
                Duration.ofSeconds(30), "version " + version + " active within 30 s of the crash");
        assertThat(answer.get("decision").asText()).isEqualTo("DENY");
        JsonNode events = other.http().get("/api/v1/events?limit=1000", TOKEN).json().get("events");
        long activations = 0;
        for (JsonNode event : events) {
            if (event.get("type").asText().equals("RULESET_ACTIVATED") && event.get("rulesetVersion").asInt() == version) {
                activations++;
            }
        }
        assertThat(activations).isEqualTo(1);
        assertThat(count(other, "/engine-rest/history/process-instance/count?processInstanceId=" + process
                + "&finished=true")).isEqualTo(1);
        assertThat(count(other, "/engine-rest/history/activity-instance/count?processInstanceId=" + process
                + "&activityId=Task_ActivateVersion&finished=true")).isEqualTo(1);
        assertThat(other.http().get("/api/v1/rulesets/" + version, TOKEN).json().get("status").asText())
                .isEqualTo("ACTIVE");
        return version;
    }

    @Test
    @Order(4)
    void aNodeKilledDuringABulkRequestCutsOnlyThatStreamAndChangesNothing() {
        int lines = 200_000;
        long versions = b.http().get("/api/v1/rulesets", TOKEN).json().size();
        long events = b.http().get("/api/v1/events?limit=1000", TOKEN).json().get("events").size();
        Node victim = a;
        // The node dies while the request streams in, after 2,000 lines (a client that does not read
        // the answers while it sends fills the socket buffers soon after).
        var request = a.http().request("/api/v1/decisions/batch", TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> batch(lines, 2_000, victim::kill))).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient()
                        .send(request, java.net.http.HttpResponse.BodyHandlers.ofLines()).body().count())
                .as("the stream is cut when its node dies").isInstanceOfAny(java.io.IOException.class,
                        java.io.UncheckedIOException.class);
        Await.until(victim::alive, alive -> !alive, Duration.ofSeconds(10), "the killed node gone");
        // The other node answers a batch in full; the crash left no version or event behind.
        Http.Response retried = b.http().post("/api/v1/decisions/batch", "application/x-ndjson",
                new String(readAll(batch(2_000, -1, () -> { })), java.nio.charset.StandardCharsets.UTF_8), TOKEN);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().lines().count()).isEqualTo(2_000);
        assertThat(b.http().get("/api/v1/rulesets", TOKEN).json().size()).isEqualTo(versions);
        assertThat(b.http().get("/api/v1/events?limit=1000", TOKEN).json().get("events").size()).isEqualTo(events);
        a = start("a-after-bulk");
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A stream of decision requests, generated as it is read, one line each; at line {@code at}, run the action. */
    private static java.io.InputStream batch(int lines, int at, Runnable action) {
        return new java.io.InputStream() {
            private int line;
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() {
                if (position == current.length) {
                    if (line == lines) {
                        return -1;
                    }
                    current = ("{\"subject\":{\"id\":\"m-" + line + "\",\"country\":\"" + (line % 2 == 0 ? "US" : "GB")
                            + "\"},\"purpose\":\"GENAI_TRAINING\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    position = 0;
                    line++;
                    if (line == at) {
                        action.run();
                    }
                }
                return current[position++];
            }
        };
    }

    @Test
    @Order(5)
    void aNodeKilledWithATimerDueLeavesItToFireOnceElsewhere() {
        Http.Response opened = a.http().postJson("/api/v1/engagements", "{\"regulator\":\"R\",\"jurisdictions\":[\"JM\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"summary\":\"Concern\"}", basic("alice"));
        String process = opened.json().get("processInstanceId").asText();
        assertThat(a.http().postJson("/engine-rest/task/" + openTask(a, process) + "/complete",
                "{\"variables\":{\"assessment\":{\"value\":\"low\"},\"suspendNow\":{\"value\":false}}}",
                basic("bob")).status()).isEqualTo(204);
        a.kill();
        Await.until(() -> count(b, "/engine-rest/task/count?processInstanceId=" + process
                + "&taskDefinitionKey=Task_ChaseRegulator"), n -> n == 1, Duration.ofSeconds(40), "the reminder task");
        assertThat(count(b, "/engine-rest/job/count?processInstanceId=" + process + "&timers=true")).isZero();
        assertThat(count(b, "/engine-rest/process-instance/count?processInstanceIds=" + process)).isEqualTo(1);
        assertThat(count(b, "/engine-rest/task/count?processInstanceId=" + process
                + "&taskDefinitionKey=Task_CloseEngagement")).isEqualTo(1);
    }
}
