package io.jurist.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.jurist.events.EventLog;
import io.jurist.events.EventType;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.support.IntegrationTest;
import io.jurist.workflow.Workflows;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through JurisdictionSuspension, ReenablementApproval and RegulatorEngagement. */
@IntegrationTest
class EngagementProcessesIntegrationTests {

    private static final String PURPOSE = "GENAI_TRAINING";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired JurisdictionChanges changes;
    @Autowired Engagements engagements;
    @Autowired EngagementStore store;
    @Autowired EventLog events;
    @Autowired ActiveRuleset active;

    @BeforeEach
    void engine() {
        init(engine);
    }

    private ProcessInstance process(Workflows.Started started) {
        return runtime.createProcessInstanceQuery().processInstanceId(started.processInstanceId()).singleResult();
    }

    /** The open task with this key in the process or any process it called. */
    private Task task(String businessKeyPrefix, String key) {
        await(() -> !tasks.createTaskQuery().taskDefinitionKey(key).list().stream()
                .filter(t -> belongsTo(t, businessKeyPrefix)).toList().isEmpty(), "task " + key);
        return tasks.createTaskQuery().taskDefinitionKey(key).list().stream()
                .filter(t -> belongsTo(t, businessKeyPrefix)).findFirst().orElseThrow();
    }

    private boolean belongsTo(Task task, String changeOrEngagementId) {
        Object requestId = runtime.getVariable(task.getExecutionId(), "changeId");
        Object engagementId = runtime.getVariable(task.getExecutionId(), "engagementId");
        return changeOrEngagementId.equals(requestId) || changeOrEngagementId.equals(engagementId);
    }

    private void complete(String user, List<String> groups, Task task, Map<String, Object> variables) {
        identity.setAuthentication(user, groups);
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static Map<String, Object> decision(boolean approved, Object... evidence) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("approved", approved);
        variables.put("comment", approved ? "approved" : "rejected");
        for (int i = 0; i < evidence.length; i += 2) {
            variables.put((String) evidence[i], evidence[i + 1]);
        }
        return variables;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void awaitEnded(Workflows.Started started) {
        await(() -> history.createHistoricProcessInstanceQuery().processInstanceId(started.processInstanceId())
                .finished().count() == 1, "process end");
    }

    private String status(String country) {
        return active.current().reference().policy(country, PURPOSE).orElseThrow().status().name();
    }

    @Test
    void anApprovedSuspensionTakesEffectAndTellsTheDataPlatform() {
        var started = changes.requestSuspension(List.of("MA"), PURPOSE, "Regulator concern", null, "alice");
        ProcessInstance suspension = process(started);
        assertThat(suspension).isWaitingAt("CallActivity_RuleChangeApproval");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ApproveAsLegal"), decision(true));
        awaitEnded(started);
        assertThat(suspension).isEnded().hasPassed("Task_BuildCandidate", "Task_RecordSuspended", "EndEvent_Suspended");
        await(() -> status("MA").equals("SUSPENDED"), "suspension");
        assertThat(store.change(started.businessKey()).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(events.concerning(EventType.JURISDICTION_SUSPENDED, "MA")).hasSize(1);
    }

    @Test
    void aRejectedSuspensionChangesNothing() {
        var started = changes.requestSuspension(List.of("TN"), PURPOSE, "Regulator concern", null, "alice");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ApproveAsLegal"), decision(false));
        awaitEnded(started);
        assertThat(process(started)).isNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(started.processInstanceId())
                .activityId("EndEvent_NotSuspended").count()).isEqualTo(1);
        assertThat(status("TN")).isEqualTo("ENABLED");
        assertThat(store.change(started.businessKey()).orElseThrow().status()).isEqualTo("REJECTED");
        assertThat(events.concerning(EventType.JURISDICTION_SUSPENDED, "TN")).isEmpty();
    }

    private void suspended(String country) {
        var started = changes.requestSuspension(List.of(country), PURPOSE, "Regulator concern", null, "alice");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ApproveAsLegal"), decision(true));
        awaitEnded(started);
        // The new version is published on this node right after its transaction commits.
        await(() -> status(country).equals("SUSPENDED"), "suspension of " + country);
    }

    private Workflows.Started reenable(String country) {
        return changes.requestReenablement(List.of(country), PURPOSE, "OPT_IN", "Opt-in agreed", null, "alice");
    }

    @Test
    void aReenablementPassingEveryGateEnablesUnderTheApprovedModel() {
        suspended("EG");
        var started = reenable("EG");
        ProcessInstance reenablement = process(started);
        assertThat(reenablement).isWaitingAt("Task_AssessDpia");
        assertThat(task(started.businessKey(), "Task_AssessDpia")).hasCandidateGroup("dpo");
        complete("dana", List.of("dpo"), task(started.businessKey(), "Task_AssessDpia"),
                decision(true, "dpiaReference", "DPIA-7", "dpiaConclusion", "Residual risk acceptable"));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ReviewLegalBasis"),
                decision(true, "legalBasis", "CONSENT"));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_RecordRegulatorPosition"),
                decision(true, "regulatorPosition", "NOT_REQUIRED", "regulatorPositionReason", "No authority"));
        complete("dana", List.of("dpo"), task(started.businessKey(), "Task_ApproveAsDpo"), decision(true));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ApprovePermissiveAsLegal"),
                decision(true));
        awaitEnded(started);
        assertThat(reenablement).isEnded().hasPassed("Task_BuildCandidate", "CallActivity_RuleChangeApproval",
                "Task_RecordReenabled", "EndEvent_Reenabled");
        await(() -> status("EG").equals("ENABLED"), "re-enablement");
        assertThat(active.current().reference().policy("EG", PURPOSE).orElseThrow().model().name()).isEqualTo("OPT_IN");
        assertThat(events.concerning(EventType.JURISDICTION_REENABLED, "EG")).hasSize(1);
    }

    @Test
    void aRejectedDpiaEndsTheReenablementAndTheSuspensionStays() {
        suspended("LK");
        var started = reenable("LK");
        complete("dana", List.of("dpo"), task(started.businessKey(), "Task_AssessDpia"), decision(false));
        awaitEnded(started);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(started.processInstanceId())
                .activityId("EndEvent_Rejected").count()).isEqualTo(1);
        assertThat(status("LK")).isEqualTo("SUSPENDED");
        assertThat(store.change(started.businessKey()).orElseThrow().status()).isEqualTo("REJECTED");
    }

    @Test
    void aRejectedLegalBasisOrRegulatorPositionEndsItToo() {
        suspended("BD");
        var legal = reenable("BD");
        complete("dana", List.of("dpo"), task(legal.businessKey(), "Task_AssessDpia"),
                decision(true, "dpiaReference", "D-1", "dpiaConclusion", "ok"));
        complete("bob", List.of("legal-approvers"), task(legal.businessKey(), "Task_ReviewLegalBasis"), decision(false));
        awaitEnded(legal);
        assertThat(status("BD")).isEqualTo("SUSPENDED");

        var regulator = reenable("BD");
        complete("dana", List.of("dpo"), task(regulator.businessKey(), "Task_AssessDpia"),
                decision(true, "dpiaReference", "D-2", "dpiaConclusion", "ok"));
        complete("bob", List.of("legal-approvers"), task(regulator.businessKey(), "Task_ReviewLegalBasis"),
                decision(true, "legalBasis", "LEGITIMATE_INTERESTS"));
        Task position = task(regulator.businessKey(), "Task_RecordRegulatorPosition");
        assertThatThrownBy(() -> complete("bob", List.of("legal-approvers"), position,
                decision(true, "regulatorPosition", "NOT_REQUIRED"))).hasMessageContaining("regulatorPositionReason");
        complete("bob", List.of("legal-approvers"), position, decision(false));
        awaitEnded(regulator);
        assertThat(status("BD")).isEqualTo("SUSPENDED");
    }

    @Test
    void aReenablementRejectedInTheRuleChangeApprovalIsNotActivated() {
        suspended("PK");
        var started = reenable("PK");
        complete("dana", List.of("dpo"), task(started.businessKey(), "Task_AssessDpia"),
                decision(true, "dpiaReference", "D-3", "dpiaConclusion", "ok"));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ReviewLegalBasis"),
                decision(true, "legalBasis", "CONSENT"));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_RecordRegulatorPosition"),
                decision(true, "regulatorPosition", "NO_OBJECTION"));
        complete("dana", List.of("dpo"), task(started.businessKey(), "Task_ApproveAsDpo"), decision(false));
        awaitEnded(started);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(started.processInstanceId())
                .activityId("EndEvent_NotActivated").count()).isEqualTo(1);
        assertThat(status("PK")).isEqualTo("SUSPENDED");
    }

    @Test
    void anEngagementTriagedWithoutSuspensionAwaitsTheRegulatorRemindsAndCloses() {
        var started = engagements.open("CNIL-like regulator", List.of("TH"), PURPOSE, "Concern", "alice");
        ProcessInstance engagement = process(started);
        assertThat(engagement).isWaitingAt("Task_TriageConcern");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_TriageConcern"),
                Map.of("assessment", "Low risk", "suspendNow", false));
        assertThat(engagement).isWaitingAt("Gateway_AwaitRegulator", "Task_CloseEngagement");
        assertThat(engagements.recordCorrespondence(started.businessKey(), "INBOUND", "2024-10-01", "Letter", "Concerned",
                "bob")).isTrue();
        assertThat(engagement).hasPassed("Event_CorrespondenceRecorded");
        Job timer = management.createJobQuery().processInstanceId(started.processInstanceId()).timers().singleResult();
        assertThat(timer.getDuedate()).isAfter(java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(13))));
        management.executeJob(timer.getId());
        assertThat(engagement).isWaitingAt("Task_ChaseRegulator", "Task_CloseEngagement");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_ChaseRegulator"),
                Map.of("comment", "Sent a reminder letter"));
        assertThat(engagement).isWaitingAt("Gateway_AwaitRegulator", "Task_CloseEngagement");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_CloseEngagement"),
                Map.of("closingOutcome", "NO_ACTION", "comment", "Regulator satisfied"));
        assertThat(engagement).isEnded().hasPassed("Task_RecordClosed", "EndEvent_Closed")
                .hasNotPassed("CallActivity_JurisdictionSuspension");
        Engagement closed = store.engagement(started.businessKey()).orElseThrow();
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.outcome()).isEqualTo("NO_ACTION");
    }

    @Test
    void closingAnEngagementWhileItsReminderIsOpenEndsTheReminderToo() {
        var started = engagements.open("Regulator", List.of("BD"), PURPOSE, "Concern", "alice");
        ProcessInstance engagement = process(started);
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_TriageConcern"),
                Map.of("assessment", "Low risk", "suspendNow", false));
        Job timer = management.createJobQuery().processInstanceId(started.processInstanceId()).timers().singleResult();
        management.executeJob(timer.getId());
        assertThat(engagement).isWaitingAt("Task_ChaseRegulator", "Task_CloseEngagement");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_CloseEngagement"),
                Map.of("closingOutcome", "COMMITMENTS_MADE", "comment", "Commitments received"));
        assertThat(engagement).isEnded().hasPassed("Task_RecordClosed", "EndEvent_Closed", "Event_ClosedWhileChasing");
        assertThat(tasks.createTaskQuery().processInstanceId(started.processInstanceId()).count()).isZero();
        assertThat(store.engagement(started.businessKey()).orElseThrow().outcome()).isEqualTo("COMMITMENTS_MADE");
    }

    @Test
    void anEngagementTriagedToSuspendRunsTheSuspensionWhichTheTriagerCannotApprove() {
        var started = engagements.open("Regulator", List.of("MY"), PURPOSE, "Concern", "alice");
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_TriageConcern"),
                Map.of("assessment", "Serious", "suspendNow", true));
        assertThat(process(started)).isWaitingAt("CallActivity_JurisdictionSuspension");
        Task approval = task(started.businessKey(), "Task_ApproveAsLegal");
        assertThatThrownBy(() -> complete("bob", List.of("legal-approvers"), approval, decision(true)))
                .isInstanceOf(AuthorizationException.class);
        complete("erin", List.of("rule-authors", "legal-approvers"), approval, decision(true));
        await(() -> status("MY").equals("SUSPENDED"), "suspension");
        assertThat(process(started)).isWaitingAt("Gateway_AwaitRegulator", "Task_CloseEngagement");
        assertThat(store.changesOfEngagement(started.businessKey())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_CloseEngagement"),
                Map.of("closingOutcome", "SUSPENDED", "comment", "Suspended until further notice"));
        assertThat(process(started)).isNull();
    }

    @Test
    void theRequesterCannotTriageTheirOwnEngagement() {
        var started = engagements.open("Regulator", List.of("SG"), PURPOSE, "Concern", "erin");
        Task triage = task(started.businessKey(), "Task_TriageConcern");
        assertThatThrownBy(() -> complete("erin", List.of("rule-authors", "legal-approvers"), triage,
                Map.of("assessment", "mine", "suspendNow", false))).isInstanceOf(AuthorizationException.class);
        complete("bob", List.of("legal-approvers"), triage, Map.of("assessment", "ok", "suspendNow", false));
        complete("bob", List.of("legal-approvers"), task(started.businessKey(), "Task_CloseEngagement"),
                Map.of("closingOutcome", "NO_ACTION", "comment", "done"));
    }
}
