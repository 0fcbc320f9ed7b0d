package io.jurist.platform;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.Node;
import io.jurist.support.Proposals;
import io.jurist.support.Tasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default database (H2 under {@code ./data}) keeps what the service acknowledged when its process is killed
 * with SIGKILL right after the answer: a proposal, an approval, an engagement and its correspondence, and the
 * decisions the log reports written. The jar runs as an operator starts it, in a working directory of its own.
 */
class DefaultDatabaseDurabilityStartupIntegrationTests {

    private Path directory;
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void directory() throws IOException {
        directory = Files.createTempDirectory("jurist-h2-durability");
    }

    @AfterEach
    void clean() throws IOException {
        nodes.forEach(Node::close);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A node with nothing said about the database: the default URL, under its own ./data. */
    private Node start(String name) {
        Node node = Node.start(name, directory, Map.of(),
                "--jurist.rules.directory=" + Path.of("rules").toAbsolutePath());
        nodes.add(node);
        return node;
    }

    @Test
    void whatWasAnsweredBeforeAKillIsThereAfterTheRestart() {
        Node node = start("h2-before-kill");
        Http http = node.http();
        Tasks tasks = new Tasks(http);

        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals", Proposals.body("Suspend Fiji",
                Proposals.tableWith(Proposals.activeTable(http), Proposals.suspend("FJ"))), basic("alice"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String process = proposed.json().get("processInstanceId").asText();
        int version = proposed.json().get("version").asInt();

        Http.Response opened = http.postJson("/api/v1/engagements", "{\"regulator\":\"Fiji DPA\",\"jurisdictions\":"
                + "[\"FJ\"],\"purpose\":\"GENAI_TRAINING\",\"summary\":\"A concern\"}", basic("alice"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String engagement = opened.json().get("id").asText();

        // Decisions, until the log says it wrote them all.
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Http.Response answer = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-" + i
                    + "\",\"country\":\"FJ\"},\"purpose\":\"GENAI_TRAINING\"}", DATA_PLATFORM);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            decisions.add(answer.json().get("decisionId").asText());
        }
        Await.until(() -> written(http), n -> n >= 300, Duration.ofSeconds(30), "the log writing 300 decisions");

        String task = tasks.await(process, "Task_ApproveAsLegal", "bob");
        String triage = tasks.await(opened.json().get("processInstanceId").asText(), "Task_TriageConcern", "bob");
        assertThat(tasks.complete(triage, "bob", "\"assessment\":{\"value\":\"low\"},\"suspendNow\":{\"value\":false}"))
                .isEqualTo(204);
        Http.Response correspondence = http.postJson("/api/v1/engagements/" + engagement + "/correspondence",
                "{\"direction\":\"INBOUND\",\"date\":\"2026-11-30\",\"summary\":\"The regulator wrote\"}",
                basic("alice"));
        // The approval last, and the kill at once after its answer.
        int approved = tasks.complete(task, "bob", Tasks.approve("Fine"));
        node.kill();
        assertThat(correspondence.status()).as(correspondence.body()).isEqualTo(201);
        assertThat(approved).isEqualTo(204);

        Node again = start("h2-after-kill");
        Http after = again.http();
        assertThat(after.get("/engine-rest/history/activity-instance/count?processInstanceId=" + process
                + "&activityId=Task_ApproveAsLegal&finished=true", basic("admin")).json().get("count").asLong())
                .as("the approval answered before the kill").isEqualTo(1);
        assertThat(after.get("/engine-rest/task/count?processInstanceId=" + process, basic("admin")).json()
                .get("count").asLong()).as("no approval task open again").isZero();
        // Activated before the kill, or by the restarted node once the dead one's job lock expired (seconds).
        Await.until(() -> after.get("/api/v1/rulesets/" + version, DATA_PLATFORM).json().get("status").asText(),
                "ACTIVE"::equals, Duration.ofSeconds(30), "version " + version + " active after the restart");
        assertThat(after.get("/engine-rest/task/count?processInstanceId=" + opened.json().get("processInstanceId")
                .asText() + "&taskDefinitionKey=Task_TriageConcern", basic("admin")).json().get("count").asLong())
                .as("the triage answered before the kill stays done").isZero();
        JsonNode engagementView = after.get("/api/v1/engagements/" + engagement, basic("alice")).json();
        assertThat(engagementView.get("correspondence").size()).as(engagementView.toString()).isEqualTo(1);
        List<String> missing = new ArrayList<>();
        for (String id : decisions) {
            if (after.get("/api/v1/decisions/" + id, basic("bob")).status() != 200) {
                missing.add(id);
            }
        }
        assertThat(missing).as("decisions the log reported written before the kill").isEmpty();
    }

    /** Single decisions the node's log reports written. */
    private static double written(Http http) {
        JsonNode metric = http.get("/actuator/metrics/jurist.decisions.log.written?tag=kind:single", basic("admin"))
                .json();
        return metric.at("/measurements/0/value").asDouble();
    }
}
