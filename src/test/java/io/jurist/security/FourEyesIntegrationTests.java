package io.jurist.security;

import static io.jurist.support.Http.basic;
import static io.jurist.support.Proposals.activeTable;
import static io.jurist.support.Proposals.body;
import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Four-eyes on every route an approval can take: Camunda's REST API (complete, submit-form, claim,
 * assign, delegate, resolve, saving the task, identity links, variables, BPMN errors), Tasklist's own
 * API under {@code /camunda/api/engine} and this service's {@code /api/v1/tasks}. Neither the requester
 * nor an administrator acting for them gets the approval; nobody can rewrite who asked or what the
 * process acts on while completing; the task stays open until a proper approver decides.
 */
@IntegrationTest
class FourEyesIntegrationTests {

    private static final String DECISION = "{\"variables\":{\"approved\":{\"value\":true},"
            + "\"comment\":{\"value\":\"looks fine\"}}}";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** An open approval task of a restrictive change the user proposed (legal-approvers are its candidates). */
    private record Approval(String processInstanceId, String taskId, int version) {
        String task() {
            return "/engine-rest/task/" + taskId;
        }

        String tasklist() {
            return "/camunda/api/engine/engine/default/task/" + taskId;
        }
    }

    private Approval propose(String user, String country) {
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals",
                body("Four-eyes test: suspend " + country, tableWith(activeTable(http), suspend(country))), basic(user));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String processInstanceId = proposed.json().get("processInstanceId").asText();
        JsonNode tasks = http.get("/engine-rest/task?processInstanceId=" + processInstanceId, basic("bob")).json();
        assertThat(tasks.size()).isEqualTo(1);
        return new Approval(processInstanceId, tasks.get(0).get("id").asText(), proposed.json().get("version").asInt());
    }

    private Http.Response send(String method, String path, String json, String user) {
        return http.send(method, path, json == null ? null : "application/json", json, basic(user));
    }

    private void assertStillOpenAndUntouched(Approval approval, String requester) {
        JsonNode task = http.get(approval.task(), basic("admin")).json();
        assertThat(task.get("assignee").isNull()).as("assignee " + task.get("assignee")).isTrue();
        assertThat(task.get("owner").isNull()).as("owner " + task.get("owner")).isTrue();
        assertThat(http.get("/engine-rest/process-instance/" + approval.processInstanceId() + "/variables/requesters",
                basic("admin")).json().get("value").asText()).isEqualTo(requester);
        assertThat(http.get("/engine-rest/task/" + approval.taskId() + "/localVariables", basic("admin")).json()
                .has("requesters")).isFalse();
        assertThat(http.get("/api/v1/rulesets/" + approval.version(), basic("bob")).json().get("status").asText())
                .isEqualTo("PROPOSED");
    }

    private void reject(Approval approval) {
        assertThat(send("POST", approval.task() + "/complete", "{\"variables\":{\"approved\":{\"value\":false},"
                + "\"comment\":{\"value\":\"test over\"}}}", "bob").status()).isEqualTo(204);
    }

    @Test
    void theRequesterGetsTheirApprovalByNoRouteNorDoesAnAdministratorGiveItToThem() {
        Approval approval = propose("erin", "BO");
        String pi = "/engine-rest/process-instance/" + approval.processInstanceId();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        // erin herself, through Camunda's REST API and ours
        statuses.put("complete", send("POST", approval.task() + "/complete", DECISION, "erin").status());
        statuses.put("submit-form", send("POST", approval.task() + "/submit-form", DECISION, "erin").status());
        statuses.put("claim", send("POST", approval.task() + "/claim", "{\"userId\":\"erin\"}", "erin").status());
        statuses.put("api complete", send("POST", "/api/v1/tasks/" + approval.taskId() + "/complete",
                "{\"approved\":true,\"comment\":\"mine\"}", "erin").status());
        // erin rewriting who asked, or adding herself as assignee (her groups may only read, claim and complete)
        statuses.put("erin sets requesters", send("PUT", approval.task() + "/variables/requesters",
                "{\"value\":\"nobody\",\"type\":\"String\"}", "erin").status());
        statuses.put("erin adds herself as assignee", send("POST", approval.task() + "/identity-links",
                "{\"userId\":\"erin\",\"type\":\"assignee\"}", "erin").status());
        // an administrator putting her on the task, by every way the API has
        statuses.put("assignee", send("POST", approval.task() + "/assignee", "{\"userId\":\"erin\"}", "admin").status());
        statuses.put("delegate", send("POST", approval.task() + "/delegate", "{\"userId\":\"erin\"}", "admin").status());
        statuses.put("save task (assignee)", send("PUT", approval.task(), "{\"name\":\"x\",\"assignee\":\"erin\"}",
                "admin").status());
        statuses.put("save task (owner)", send("PUT", approval.task(), "{\"name\":\"x\",\"owner\":\"erin\"}",
                "admin").status());
        statuses.put("identity link assignee", send("POST", approval.task() + "/identity-links",
                "{\"userId\":\"erin\",\"type\":\"assignee\"}", "admin").status());
        statuses.put("identity link owner", send("POST", approval.task() + "/identity-links",
                "{\"userId\":\"erin\",\"type\":\"owner\"}", "admin").status());
        // an administrator removing her from the requesters first, or hiding them behind a task's own variable
        statuses.put("set requesters", send("PUT", pi + "/variables/requesters",
                "{\"value\":\"nobody\",\"type\":\"String\"}", "admin").status());
        statuses.put("remove requesters", send("DELETE", pi + "/variables/requesters", null, "admin").status());
        statuses.put("modify requesters", send("POST", pi + "/variables",
                "{\"deletions\":[\"requesters\"]}", "admin").status());
        statuses.put("task variable requesters", send("PUT", approval.task() + "/variables/requesters",
                "{\"value\":\"nobody\",\"type\":\"String\"}", "admin").status());
        statuses.put("task local requesters", send("PUT", approval.task() + "/localVariables/requesters",
                "{\"value\":\"nobody\",\"type\":\"String\"}", "admin").status());
        // Tasklist, after erin logged in there
        WebSession tasklist = WebSession.camunda(port, "tasklist", "erin");
        statuses.put("tasklist claim", tasklist.json("POST", approval.tasklist() + "/claim", "{\"userId\":\"erin\"}",
                true).status());
        statuses.put("tasklist submit-form", tasklist.json("POST", approval.tasklist() + "/submit-form", DECISION,
                true).status());
        statuses.put("tasklist complete", tasklist.json("POST", approval.tasklist() + "/complete", DECISION,
                true).status());

        assertThat(statuses).allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo(403));
        assertStillOpenAndUntouched(approval, "erin");
        reject(approval);
    }

    @Test
    void anApproverCompletesWithTheTasksOwnFieldsOnlyAndCannotEndItWithoutADecision() {
        Approval approval = propose("alice", "UY");
        String bobsVersion = "\"version\":{\"value\":1,\"type\":\"Integer\"}";
        Map<String, Integer> statuses = new LinkedHashMap<>();
        // Completing with a variable the process reads later (the version to activate, who asked) would change it.
        statuses.put("complete with version", send("POST", approval.task() + "/complete",
                "{\"variables\":{\"approved\":{\"value\":true},\"comment\":{\"value\":\"ok\"}," + bobsVersion + "}}",
                "bob").status());
        statuses.put("submit-form with requesters", send("POST", approval.task() + "/submit-form",
                "{\"variables\":{\"approved\":{\"value\":true},\"comment\":{\"value\":\"ok\"},"
                        + "\"requesters\":{\"value\":\"\"}}}", "bob").status());
        statuses.put("api complete with version", send("POST", "/api/v1/tasks/" + approval.taskId() + "/complete",
                "{\"approved\":true,\"comment\":\"ok\",\"evidence\":{\"version\":1}}", "bob").status());
        assertThat(statuses).allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo(400));
        statuses.clear();
        // Setting variables, adding candidates or ending the task without a decision: not for approvers.
        statuses.put("set variable", send("PUT", approval.task() + "/variables/version",
                "{\"value\":1,\"type\":\"Integer\"}", "bob").status());
        statuses.put("add candidates", send("POST", approval.task() + "/identity-links",
                "{\"groupId\":\"rule-authors\",\"type\":\"candidate\"}", "bob").status());
        statuses.put("bpmn error", send("POST", approval.task() + "/bpmnError", "{\"errorCode\":\"x\"}", "bob").status());
        statuses.put("bpmn escalation", send("POST", approval.task() + "/bpmnEscalation",
                "{\"escalationCode\":\"x\"}", "bob").status());
        statuses.put("dana (no candidate) completes without a decision", send("POST", approval.task() + "/complete",
                "{}", "dana").status());
        statuses.put("admin ends it with a BPMN error", send("POST", approval.task() + "/bpmnError",
                "{\"errorCode\":\"x\"}", "admin").status());
        assertThat(statuses).allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo(403));
        // A delegated task comes back to its owner with its own fields only.
        assertThat(send("POST", approval.task() + "/delegate", "{\"userId\":\"bob\"}", "admin").status()).isEqualTo(204);
        assertThat(send("POST", approval.task() + "/resolve", "{\"variables\":{" + bobsVersion + "}}", "bob").status())
                .isEqualTo(400);
        assertThat(send("POST", approval.task() + "/resolve", "{}", "bob").status()).isEqualTo(204);
        assertStillOpenAndUntouched(approval, "alice");

        // bob decides in Tasklist, as its form does: with the token, and nothing but the form's fields.
        WebSession tasklist = WebSession.camunda(port, "tasklist", "bob");
        assertThat(tasklist.json("POST", approval.tasklist() + "/submit-form", "{\"variables\":{\"approved\":"
                + "{\"value\":false},\"comment\":{\"value\":\"not now\"}}}", true).status()).isEqualTo(204);
        assertThat(http.get(approval.task(), basic("admin")).status()).isEqualTo(404);
    }

    @Test
    void tasklistsApiNeedsItsOwnLoginAndTheTokenOnEveryChange() {
        Approval approval = propose("alice", "PY");
        // No session: neither anonymous callers nor HTTP Basic (that is /engine-rest's way) get in.
        assertThat(http.get("/camunda/api/engine/engine/default/task/count", null).status()).isEqualTo(401);
        assertThat(http.get("/camunda/api/engine/engine/default/task/count", basic("bob")).status()).isEqualTo(401);
        // The webapps' own login form is refused (one login, through the editor's form); so is a change without
        // the webapps' token.
        assertThat(WebSession.anonymous(port).json("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                null, false).status()).isEqualTo(401);
        WebSession tasklist = WebSession.camunda(port, "tasklist", "bob");
        assertThat(tasklist.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);
        assertThat(tasklist.json("POST", approval.tasklist() + "/claim", "{\"userId\":\"bob\"}", false).status())
                .isEqualTo(403);
        assertStillOpenAndUntouched(approval, "alice");
        reject(approval);
    }
}
