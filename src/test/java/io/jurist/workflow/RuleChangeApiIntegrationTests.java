package io.jurist.workflow;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Governed rule changes over HTTP only, as the people and machines involved would do them. */
@IntegrationTest
class RuleChangeApiIntegrationTests {

    /**
     * A suspension from a date leaves decisions about earlier instants as they were; back-dated before the
     * scenario about Brazil on 2024-11-25 it rewrites that decision, which the scenario catches.
     */
    private static final String SUSPEND_BRAZIL_BACK_DATED =
            "BR,GENAI_TRAINING,SUSPENDED,OPT_IN,2024-11-01,Test back-dated suspension of BR";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private JsonNode decide(String country) {
        Http.Response response = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-1\",\"country\":\""
                + country + "\"},\"purpose\":\"GENAI_TRAINING\"}", DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode propose(String user, String summary, String... rows) {
        Http.Response response = http.postJson("/api/v1/rulesets/proposals",
                body(summary, tableWith(activeTable(http), rows)), basic(user));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private String openTask(String processInstanceId, String user) {
        JsonNode tasks = http.get("/engine-rest/task?processInstanceId=" + processInstanceId, basic(user)).json();
        assertThat(tasks.size()).as("open tasks visible to " + user).isEqualTo(1);
        return tasks.get(0).get("id").asText();
    }

    private Http.Response completeThroughEngineRest(String taskId, String user, boolean approved) {
        return http.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\":{\"approved\":{\"value\":"
                + approved + "},\"comment\":{\"value\":\"" + user + " reviewed the impact\"}}}", basic(user));
    }

    private JsonNode awaitDecision(String country, String expected) {
        return Await.until(() -> decide(country), d -> d.get("decision").asText().equals(expected),
                Duration.ofSeconds(10), "a " + expected + " decision");
    }

    @Test
    void aliceProposesASuspensionBobApprovesThroughCamundaAndDecisionsFollow() {
        assertThat(decide("KR").get("decision").asText()).isEqualTo("PERMIT");
        long cursor = http.get("/api/v1/events", DATA_PLATFORM).json().get("next").asLong();

        JsonNode proposal = propose("alice", "Suspend generative-AI training in South Korea", suspend("KR"));
        assertThat(proposal.get("id").asText()).isNotBlank();
        assertThat(proposal.get("businessKey").asText()).startsWith("ruleset-v");
        assertThat(proposal.get("changeKind").asText()).isEqualTo("RESTRICTIVE");
        assertThat(proposal.at("/impact/permitToDeny").asInt()).isPositive();
        assertThat(proposal.at("/impact/denyToPermit").asInt()).isZero();
        assertThat(proposal.at("/impact/byCountry/KR/PERMIT_TO_DENY").asInt()).isPositive();
        String processInstanceId = proposal.get("processInstanceId").asText();
        int version = proposal.get("version").asInt();

        JsonNode state = http.get("/api/v1/rulesets/proposals/" + version, basic("alice")).json();
        assertThat(state.at("/process/state").asText()).isEqualTo("ACTIVE");
        assertThat(state.at("/process/openTasks/0/candidateGroups/0").asText()).isEqualTo("legal-approvers");

        String taskId = openTask(processInstanceId, "bob");
        // Alice is no approver: Camunda does not let her work on the task, nor does our API.
        assertThat(completeThroughEngineRest(taskId, "alice", true).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/tasks/" + taskId + "/complete",
                "{\"approved\":true,\"comment\":\"mine\"}", basic("alice")).status()).isEqualTo(403);
        assertThat(decide("KR").get("decision").asText()).isEqualTo("PERMIT");

        assertThat(completeThroughEngineRest(taskId, "bob", true).status()).isEqualTo(204);
        JsonNode answer = awaitDecision("KR", "DENY");
        assertThat(answer.get("decision").asText()).isEqualTo("DENY");
        assertThat(answer.at("/reasons/0/code").asText()).isEqualTo("JURISDICTION_SUSPENDED");
        assertThat(answer.at("/ruleset/version").asInt()).isEqualTo(version);

        JsonNode events = http.get("/api/v1/events?after=" + cursor, DATA_PLATFORM).json().get("events");
        assertThat(events.findValuesAsText("type")).contains("RULESET_ACTIVATED");
        assertThat(events.findValues("rulesetVersion").stream().map(JsonNode::asInt)).contains(version);

        JsonNode ended = http.get("/api/v1/rulesets/proposals/" + version, basic("bob")).json();
        assertThat(ended.at("/version/status").asText()).isEqualTo("ACTIVE");
        assertThat(ended.at("/process/approvals/0/user").asText()).isEqualTo("bob");
        assertThat(ended.at("/process/approvals/0/approved").asBoolean()).isTrue();
        assertThat(ended.at("/process/approvals/0/comment").asText()).contains("reviewed");

        JsonNode diff = http.get("/api/v1/rulesets/" + ended.at("/version/baseVersion").asInt() + "/diff/" + version,
                basic("alice")).json();
        assertThat(diff.at("/files/0/path").asText()).isEqualTo("reference/jurisdictions.csv");
        assertThat(diff.at("/files/0/change").asText()).isEqualTo("MODIFIED");
        assertThat(diff.at("/files/0/diff").asText()).contains("+" + suspend("KR"));
        assertThat(http.get("/api/v1/rulesets", DATA_PLATFORM).json().findValuesAsText("status")).contains("ACTIVE",
                "SUPERSEDED");
    }

    @Test
    void theProposerCannotApproveTheirOwnChangeByAnyRoute() {
        JsonNode proposal = propose("erin", "Suspend in Ghana", suspend("GH"));
        String taskId = openTask(proposal.get("processInstanceId").asText(), "erin");
        Http.Response camunda = completeThroughEngineRest(taskId, "erin", true);
        assertThat(camunda.status()).isEqualTo(403);
        assertThat(camunda.body()).contains("Four-eyes");
        Http.Response claim = http.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"erin\"}",
                basic("erin"));
        assertThat(claim.status()).isEqualTo(403);
        Http.Response ours = http.postJson("/api/v1/tasks/" + taskId + "/complete",
                "{\"approved\":true,\"comment\":\"my own\"}", basic("erin"));
        assertThat(ours.status()).isEqualTo(403);
        assertThat(ours.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/engine-rest/task/" + taskId, basic("bob")).status()).isEqualTo(200);
        // bob rejects through our API: the task was still open, and nothing changes.
        assertThat(http.postJson("/api/v1/tasks/" + taskId + "/complete",
                "{\"approved\":false,\"comment\":\"not now\"}", basic("bob")).status()).isEqualTo(200);
    }

    @Test
    void invalidDrlIsRefusedWith422NamingFileAndLineAndNothingStarts() {
        int active = http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt();
        long processes = http.get("/engine-rest/process-instance/count", basic("admin")).json().get("count").asLong();
        String broken = "package io.jurist.rules;\nimport io.jurist.facts.DecisionCase;\n\nrule \"Broken\"\n"
                + "    @basis(\"test\")\nwhen\n    $case : DecisionCase( age < )\nthen\nend\n";
        Http.Response response = http.postJson("/api/v1/rulesets/proposals",
                Http.json(Map.of("summary", "broken", "files", Map.of("exclusions/Broken.drl", broken))), basic("alice"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().at("/errors/0");
        assertThat(error.get("file").asText()).isEqualTo("exclusions/Broken.drl");
        assertThat(error.get("line").asInt()).isEqualTo(7);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt()).isEqualTo(active);
        assertThat(http.get("/engine-rest/process-instance/count", basic("admin")).json().get("count").asLong())
                .isEqualTo(processes);
    }

    @Test
    void aFailingScenarioIsRefusedWith422ShowingExpectedAndActual() {
        int active = http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt();
        Http.Response response = http.postJson("/api/v1/rulesets/proposals",
                body("Suspend Brazil", tableWith(activeTable(http), SUSPEND_BRAZIL_BACK_DATED)), basic("alice"));
        assertThat(response.status()).isEqualTo(422);
        JsonNode scenario = response.json().at("/scenarios/0");
        assertThat(scenario.get("name").asText()).contains("Brazil");
        assertThat(scenario.at("/expected/decision").asText()).isEqualTo("PERMIT");
        assertThat(scenario.at("/actual/decision").asText()).isEqualTo("DENY");
        assertThat(scenario.get("file").asText()).isEqualTo("scenarios/JurisdictionStatus.yaml");
        assertThat(http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt()).isEqualTo(active);
    }

    @Test
    void validateChecksWithoutProposing() {
        Http.Response response = http.postJson("/api/v1/rulesets/validate",
                Http.json(Map.of("files", Map.of("reference/jurisdictions.csv",
                        tableWith(activeTable(http), SUSPEND_BRAZIL_BACK_DATED)))), basic("alice"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("valid").asBoolean()).isFalse();
        assertThat(response.json().at("/impact/kind").asText()).isEqualTo("RESTRICTIVE");
        assertThat(http.postJson("/api/v1/rulesets/validate", "{\"files\":{\"../etc/passwd\":\"x\"}}",
                basic("alice")).status()).isEqualTo(400);
    }

    @Test
    void validationNamesTableDatesAndScenarioInstantsOutsideTheAcceptedRange() {
        String farPast = "BR,GENAI_TRAINING,SUSPENDED,OPT_IN,-1000000000-01-01T00:00:00Z,Test suspension of BR";
        String scenario = """
                - name: "A member asked about in the year one billion"
                  request:
                    subject: { id: member-1, country: US }
                    purpose: GENAI_TRAINING
                    at: +1000000000-01-01T00:00:00Z
                  expect:
                    decision: PERMIT
                    reasons: [PERMITTED]
                """;
        Http.Response response = http.postJson("/api/v1/rulesets/validate",
                Http.json(Map.of("files", Map.of("reference/jurisdictions.csv", tableWith(activeTable(http), farPast),
                        "scenarios/FarFuture.yaml", scenario))), basic("alice"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("valid").asBoolean()).isFalse();
        assertThat(response.json().get("errors").toString())
                .contains("reference/jurisdictions.csv").contains("since '-1000000000-01-01T00:00:00Z' must lie between "
                        + "1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");

        Http.Response scenarioOnly = http.postJson("/api/v1/rulesets/validate",
                Http.json(Map.of("files", Map.of("scenarios/FarFuture.yaml", scenario))), basic("alice"));
        assertThat(scenarioOnly.status()).as(scenarioOnly.body()).isEqualTo(200);
        JsonNode failed = null;
        for (JsonNode result : scenarioOnly.json().get("scenarios")) {
            if (result.get("file").asText().equals("scenarios/FarFuture.yaml")) {
                failed = result;
            }
        }
        assertThat(failed).as(scenarioOnly.body()).isNotNull();
        assertThat(failed.get("passed").asBoolean()).isFalse();
        assertThat(failed.get("failures").toString()).contains("request at").contains("outside the accepted range");
    }

    @Test
    void onlyRuleAuthorsMayProposeAndProposalsMustBeComplete() {
        String body = body("Suspend Peru", tableWith(activeTable(http), suspend("PE")));
        assertThat(http.postJson("/api/v1/rulesets/proposals", body, basic("bob")).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/rulesets/proposals", body, DATA_PLATFORM).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/rulesets/proposals", body, null).status()).isEqualTo(401);
        Http.Response noSummary = http.postJson("/api/v1/rulesets/proposals", "{\"files\":{}}", basic("alice"));
        assertThat(noSummary.status()).isEqualTo(400);
        assertThat(noSummary.json().findValuesAsText("field")).contains("summary", "files");
        assertThat(http.postJson("/api/v1/rulesets/proposals", "{\"summary\":\"x\",\"filez\":{}}", basic("alice"))
                .status()).isEqualTo(400);
    }

    @Test
    void decisionsDuringAnActivationEachComeWhollyFromTheOldOrTheNewVersion() throws Exception {
        int before = decide("NG").at("/ruleset/version").asInt();
        JsonNode proposal = propose("alice", "Suspend in Nigeria", suspend("NG"));
        int after = proposal.get("version").asInt();
        String taskId = openTask(proposal.get("processInstanceId").asText(), "bob");
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> versions = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                while (running.get()) {
                    try {
                        JsonNode answer = decide("NG");
                        int version = answer.at("/ruleset/version").asInt();
                        String decision = answer.get("decision").asText();
                        versions.add(version);
                        boolean consistent = (version < after && decision.equals("PERMIT"))
                                || (version == after && decision.equals("DENY"));
                        if (!consistent) {
                            problems.add("version " + version + " answered " + decision);
                        }
                    } catch (Throwable e) {
                        problems.add(e.toString());
                    }
                }
            });
        }
        assertThat(completeThroughEngineRest(taskId, "bob", true).status()).isEqualTo(204);
        awaitDecision("NG", "DENY");
        Await.pause(300);
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(problems).isEmpty();
        assertThat(versions).contains(before, after);
        assertThat(List.copyOf(versions)).allMatch(v -> v >= before && v <= after);
    }
}
