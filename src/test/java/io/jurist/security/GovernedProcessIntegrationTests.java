package io.jurist.security;

import static io.jurist.support.Http.basic;
import static io.jurist.support.Proposals.activeTable;
import static io.jurist.support.Proposals.body;
import static io.jurist.support.Proposals.enableEarlier;
import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.ruleset.NotApprovedException;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.Tasks;
import io.jurist.support.WebSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No route around the approval tasks, tried as an administrator: moving a change's process past its
 * approval, restarting or migrating it, writing its variables, running its jobs, deploying a process of
 * one's own (through {@code /engine-rest} and through Cockpit's API), all refused; and the activation
 * itself, driven below those doors, refuses a version without its approvals and records why.
 */
@IntegrationTest
class GovernedProcessIntegrationTests {

    private static final String BOUNDARY = "governed-boundary";

    /** A process whose service task reads the pseudonymisation key from the Spring environment. */
    private static final String EXFILTRATING_BPMN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
            + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"governed\">"
            + "<process id=\"Exfiltrate\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
            + "<startEvent id=\"start\"/><sequenceFlow id=\"f1\" sourceRef=\"start\" targetRef=\"read\"/>"
            + "<serviceTask id=\"read\" camunda:expression=\"${environment.getProperty('jurist.audit.pseudonymisation-key')}\" "
            + "camunda:resultVariable=\"key\"/><sequenceFlow id=\"f2\" sourceRef=\"read\" targetRef=\"wait\"/>"
            + "<userTask id=\"wait\"/><sequenceFlow id=\"f3\" sourceRef=\"wait\" targetRef=\"end\"/>"
            + "<endEvent id=\"end\"/></process></definitions>";

    @LocalServerPort
    int port;

    @Autowired
    RulesetChanges changes;

    @Autowired
    ProcessEngine engine;

    Http http;
    Tasks tasks;

    @BeforeEach
    void client() {
        http = new Http(port);
        tasks = new Tasks(http);
    }

    private record Proposal(int version, String processInstanceId) {
    }

    private Proposal propose(String user, String summary, String row) {
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals",
                body(summary, tableWith(activeTable(http), row)), basic(user));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        return new Proposal(proposed.json().get("version").asInt(), proposed.json().get("processInstanceId").asText());
    }

    private String status(int version) {
        return http.get("/api/v1/rulesets/" + version, basic("bob")).json().get("status").asText();
    }

    private int activeVersion() {
        return http.get("/api/v1/rulesets/active", Http.DATA_PLATFORM).json().get("version").asInt();
    }

    private Http.Response send(String method, String path, String json) {
        return http.send(method, path, json == null ? null : "application/json", json, basic("admin"));
    }

    private static String multipart(String fileName, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ngoverned\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
    }

    @Test
    void anAdministratorCannotMoveTheirUnapprovedChangeToItsActivationByAnyEngineRoute() {
        int before = activeVersion();
        Proposal change = propose("admin", "Governed test: suspend in Nicaragua", suspend("NI"));
        String pi = "/engine-rest/process-instance/" + change.processInstanceId();
        String task = tasks.await(change.processInstanceId(), "Task_ApproveAsLegal", "admin");
        String definition = http.get(pi, basic("admin")).json().get("definitionId").asText();
        String execution = http.get("/engine-rest/execution?processInstanceId=" + change.processInstanceId(),
                basic("admin")).json().get(0).get("id").asText();
        String skipApproval = "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":"
                + "\"Task_ActivateVersion\"},{\"type\":\"cancel\",\"activityId\":\"Task_ApproveAsLegal\"}]}";

        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("complete own approval", send("POST", "/engine-rest/task/" + task + "/complete",
                "{\"variables\":{\"approved\":{\"value\":true},\"comment\":{\"value\":\"mine\"}}}").status());
        statuses.put("modification", send("POST", pi + "/modification", skipApproval).status());
        statuses.put("modification (named engine)", send("POST", "/engine-rest/engine/default/process-instance/"
                + change.processInstanceId() + "/modification", skipApproval).status());
        statuses.put("modification-async", send("POST", pi + "/modification-async", skipApproval).status());
        statuses.put("modification of the definition's instances", send("POST", "/engine-rest/modification/execute",
                "{\"processDefinitionId\":\"" + definition + "\",\"processInstanceIds\":[\"" + change.processInstanceId()
                        + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":"
                        + "\"Task_ActivateVersion\"}]}").status());
        statuses.put("start a new instance at the activation", send("POST",
                "/engine-rest/process-definition/key/RuleChangeApproval/start", "{\"businessKey\":\"ruleset-v"
                        + change.version() + "\",\"variables\":{\"version\":{\"value\":" + change.version()
                        + ",\"type\":\"Integer\"}},\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                        + "\"activityId\":\"Task_ActivateVersion\"}]}").status());
        statuses.put("restart", send("POST", "/engine-rest/process-definition/" + definition + "/restart",
                "{\"processInstanceIds\":[\"" + change.processInstanceId() + "\"],\"instructions\":[{\"type\":"
                        + "\"startBeforeActivity\",\"activityId\":\"Task_ActivateVersion\"}]}").status());
        statuses.put("migration", send("POST", "/engine-rest/migration/execute", "{\"migrationPlan\":{"
                + "\"sourceProcessDefinitionId\":\"" + definition + "\",\"targetProcessDefinitionId\":\"" + definition
                + "\",\"instructions\":[]},\"processInstanceIds\":[\"" + change.processInstanceId() + "\"]}").status());
        statuses.put("process variable", send("PUT", pi + "/variables/Task_ApproveAsLegal_approved",
                "{\"value\":true,\"type\":\"Boolean\"}").status());
        statuses.put("process variables", send("POST", pi + "/variables",
                "{\"modifications\":{\"changeKind\":{\"value\":\"RESTRICTIVE\"}}}").status());
        statuses.put("delete process variable", send("DELETE", pi + "/variables/version", null).status());
        statuses.put("execution variable", send("PUT", "/engine-rest/execution/" + execution
                + "/localVariables/version", "{\"value\":1,\"type\":\"Integer\"}").status());
        statuses.put("task variable", send("PUT", "/engine-rest/task/" + task + "/variables/version",
                "{\"value\":1,\"type\":\"Integer\"}").status());
        statuses.put("task local variable", send("PUT", "/engine-rest/task/" + task + "/localVariables/approved",
                "{\"value\":true,\"type\":\"Boolean\"}").status());
        statuses.put("variables of many", send("POST", "/engine-rest/process-instance/variables-async",
                "{\"processInstanceIds\":[\"" + change.processInstanceId() + "\"],\"variables\":{\"version\":"
                        + "{\"value\":1,\"type\":\"Integer\"}}}").status());
        statuses.put("message", send("POST", "/engine-rest/message", "{\"messageName\":\"RegulatorCorrespondence\","
                + "\"processInstanceId\":\"" + change.processInstanceId() + "\"}").status());
        statuses.put("signal execution", send("POST", "/engine-rest/execution/" + execution + "/signal", "{}").status());
        statuses.put("job execute", send("POST", "/engine-rest/job/none/execute", null).status());
        statuses.put("job retries", send("PUT", "/engine-rest/job/none/retries", "{\"retries\":1}").status());
        statuses.put("job duedate", send("PUT", "/engine-rest/job/none/duedate",
                "{\"duedate\":\"2020-01-01T00:00:00.000+0000\"}").status());
        statuses.put("job suspend", send("PUT", "/engine-rest/job/none/suspended", "{\"suspended\":true}").status());
        statuses.put("jobs of a process, retries", send("POST", "/engine-rest/process-instance/job-retries",
                "{\"processInstances\":[\"" + change.processInstanceId() + "\"],\"retries\":1}").status());
        statuses.put("job definitions suspended", send("PUT", "/engine-rest/job-definition/suspended",
                "{\"processDefinitionKey\":\"RuleChangeApproval\",\"suspended\":true}").status());
        // Cockpit's own API, logged in as the administrator, with its CSRF token
        WebSession cockpit = WebSession.camunda(port, "cockpit", "admin");
        statuses.put("cockpit modification", cockpit.json("POST", "/camunda/api/engine/engine/default/process-instance/"
                + change.processInstanceId() + "/modification", skipApproval, true).status());
        statuses.put("cockpit process variable", cockpit.json("PUT", "/camunda/api/engine/engine/default/"
                + "process-instance/" + change.processInstanceId() + "/variables/version",
                "{\"value\":1,\"type\":\"Integer\"}", true).status());

        assertThat(statuses).allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo(403));
        // Nothing moved: the approval waits, no activation job was made, the version is still only proposed.
        assertThat(http.get("/engine-rest/task/" + task, basic("admin")).status()).isEqualTo(200);
        assertThat(http.get("/engine-rest/job/count?processInstanceId=" + change.processInstanceId(), basic("admin"))
                .json().get("count").asInt()).isZero();
        assertThat(status(change.version())).isEqualTo("PROPOSED");
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(tasks.complete(task, "bob", "\"approved\":{\"value\":false},\"comment\":{\"value\":\"test over\"}"))
                .isEqualTo(204);
    }

    @Test
    void anAdministratorCannotDeployAProcessOfTheirOwnThroughTheRestApiOrCockpit() {
        String deployment = multipart("exfiltrate.bpmn", EXFILTRATING_BPMN);
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        assertThat(http.send("POST", "/engine-rest/deployment/create", type, deployment, basic("admin")).status())
                .isEqualTo(403);
        assertThat(http.send("POST", "/engine-rest/engine/default/deployment/create", type, deployment,
                basic("admin")).status()).isEqualTo(403);
        assertThat(http.send("POST", "/engine-rest/deploym%65nt/create/", type, deployment, basic("admin")).status())
                .isEqualTo(403);
        WebSession cockpit = WebSession.camunda(port, "cockpit", "admin");
        assertThat(cockpit.json("POST", "/camunda/api/engine/engine/default/deployment/create", null, true).status())
                .isEqualTo(403);
        // Nor may the processes that exist be redeployed or deleted.
        String ruleChange = http.get("/engine-rest/process-definition/key/RuleChangeApproval", basic("admin")).json()
                .get("deploymentId").asText();
        assertThat(send("POST", "/engine-rest/deployment/" + ruleChange + "/redeploy", "{}").status()).isEqualTo(403);
        assertThat(send("DELETE", "/engine-rest/deployment/" + ruleChange + "?cascade=true", null).status())
                .isEqualTo(403);
        assertThat(send("DELETE", "/engine-rest/process-definition/key/RuleChangeApproval?cascade=true", null).status())
                .isEqualTo(403);
        assertThat(http.get("/engine-rest/process-definition/count?key=Exfiltrate", basic("admin")).json()
                .get("count").asInt()).isZero();
        assertThat(http.get("/engine-rest/process-definition/key/RuleChangeApproval", basic("admin")).status())
                .isEqualTo(200);
    }

    /** Below the REST guard: the engine itself, called without a caller, moves the process to its activation. */
    @Test
    void activationWithoutTheRecordedApprovalsEndsTheVersionFailedWithTheReasonInTheHistory() {
        int before = activeVersion();
        long seq = lastSeq();
        Proposal change = propose("alice", "Governed test: suspend in Honduras", suspend("HN"));
        tasks.await(change.processInstanceId(), "Task_ApproveAsLegal", "bob");
        engine.getRuntimeService().createProcessInstanceModification(change.processInstanceId())
                .cancelAllForActivity("Task_ApproveAsLegal").startBeforeActivity("Task_ActivateVersion").execute();

        Await.until(() -> status(change.version()), "FAILED"::equals, Duration.ofSeconds(20),
                "version " + change.version() + " failed");
        assertThat(activeVersion()).isEqualTo(before);
        String reason = http.get("/api/v1/rulesets/" + change.version(), basic("bob")).json().toString();
        assertThat(reason).contains("a legal approval by someone other than alice");
        JsonNode closed = closedRecord(change.version(), seq);
        assertThat(closed.at("/detail/status").asText()).isEqualTo("FAILED");
        assertThat(closed.at("/detail/reason").asText()).contains("was not activated")
                .contains("a legal approval by someone other than alice");
    }

    /** A permissive change approved by legal only, moved past the DPO's task: refused, the DPO's approval named. */
    @Test
    void aPermissiveChangeNeedsTheDposApprovalToo() {
        int before = activeVersion();
        long seq = lastSeq();
        Proposal change = propose("alice", "Governed test: enable earlier in Guatemala", enableEarlier("GT"));
        String legal = tasks.await(change.processInstanceId(), "Task_ApprovePermissiveAsLegal", "bob");
        assertThat(tasks.complete(legal, "bob", Tasks.approve("fine by legal"))).isEqualTo(204);
        engine.getRuntimeService().createProcessInstanceModification(change.processInstanceId())
                .cancelAllForActivity("Task_ApproveAsDpo").startBeforeActivity("Task_ActivateVersion").execute();

        Await.until(() -> status(change.version()), "FAILED"::equals, Duration.ofSeconds(20),
                "version " + change.version() + " failed");
        assertThat(activeVersion()).isEqualTo(before);
        String reason = closedRecord(change.version(), seq).at("/detail/reason").asText();
        assertThat(reason).contains("the DPO's approval").doesNotContain("a legal approval");
    }

    /** Even a direct call of the activation, as a bean of the application, cannot activate an unapproved version. */
    @Test
    void noCallerCanActivateAVersionWithoutItsApprovals() {
        int before = activeVersion();
        Proposal change = propose("alice", "Governed test: suspend in El Salvador", suspend("SV"));
        String task = tasks.await(change.processInstanceId(), "Task_ApproveAsLegal", "bob");
        assertThatThrownBy(() -> changes.activate(change.version(), "a bean call"))
                .isInstanceOf(NotApprovedException.class).hasMessageContaining("a legal approval");
        assertThat(status(change.version())).isEqualTo("PROPOSED");
        assertThat(activeVersion()).isEqualTo(before);
        // Through its approval it becomes active as ever.
        assertThat(tasks.complete(task, "bob", Tasks.approve("approved"))).isEqualTo(204);
        Await.until(() -> status(change.version()), "ACTIVE"::equals, Duration.ofSeconds(20),
                "version " + change.version() + " active");
    }

    private long lastSeq() {
        return http.get("/api/v1/audit/verify", basic("dana")).json().get("lastSeq").asLong();
    }

    private JsonNode closedRecord(int version, long after) {
        List<JsonNode> records = new ArrayList<>();
        http.get("/api/v1/audit/history?limit=1000&after=" + after, basic("bob")).json().get("records")
                .forEach(records::add);
        return records.stream().filter(r -> r.get("type").asText().equals("VERSION_CLOSED")
                        && r.get("subject").asText().equals("ruleset:" + version)).findFirst()
                .orElseThrow(() -> new AssertionError("no VERSION_CLOSED for version " + version));
    }

    /** Expressions resolve the processes' delegates, and no other bean of the application. */
    @Test
    void expressionsInProcessesSeeTheDelegatesAndNoOtherBean() throws IOException {
        Map<Object, Object> beans = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getBeans();
        List<String> named = new ArrayList<>();
        Pattern delegate = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Matcher matcher = delegate.matcher(Files.readString(file));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
            }
        }
        assertThat(named).isNotEmpty().allSatisfy(name -> assertThat(beans.containsKey(name)).as(name).isTrue());
        assertThat(beans.containsKey("environment")).isFalse();
        assertThat(beans.containsKey("dataSource")).isFalse();
        assertThat(beans.containsKey("rulesetStore")).isFalse();

        // The process the administrator could not deploy, deployed here by the application itself: it cannot run.
        Deployment deployment = engine.getRepositoryService().createDeployment().name("governed-test")
                .addString("exfiltrate.bpmn", EXFILTRATING_BPMN).deploy();
        try {
            assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("Exfiltrate"))
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("Cannot resolve identifier 'environment'");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }
}
