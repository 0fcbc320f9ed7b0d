package io.jurist.workflow;

import static io.jurist.support.Proposals.enableEarlier;
import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.Impact;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetStore;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through RuleChangeApproval, on the real engine with the real delegates. */
@IntegrationTest
class RuleChangeApprovalIntegrationTests {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired HistoryService history;
    @Autowired RulesetChanges changes;
    @Autowired RulesetStore store;
    @Autowired ActiveRuleset active;

    @BeforeEach
    void engine() {
        init(engine);
        // Another test's approval may still be activating its version (a job), or this node may not yet serve the
        // version the database holds active: a proposal made now would be based on a version about to be replaced.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.getManagementService().createJobQuery().executable().count() > 0
                || !store.activeVersion().equals(active.peek().map(CompiledRuleset::version))) {
            assertThat(System.nanoTime()).as("pending activations settled").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private RulesetChanges.Proposed propose(String author, String... rows) {
        return changes.propose("Test change " + String.join(";", rows),
                changes.candidate(null, Map.of("reference/jurisdictions.csv",
                        tableWith(active.current().files().files().get("reference/jurisdictions.csv"), rows))), author);
    }

    private ProcessInstance instance(RulesetChanges.Proposed proposed) {
        return runtime.createProcessInstanceQuery().processInstanceId(proposed.processInstanceId()).singleResult();
    }

    private Task task(RulesetChanges.Proposed proposed, String key) {
        return tasks.createTaskQuery().processInstanceId(proposed.processInstanceId()).taskDefinitionKey(key)
                .singleResult();
    }

    private void complete(String user, List<String> groups, Task task, boolean approved) {
        identity.setAuthentication(user, groups);
        try {
            tasks.complete(task.getId(), Map.of("approved", approved, "comment", user + " decided " + approved));
        } finally {
            identity.clearAuthentication();
        }
    }

    private void awaitEnd(RulesetChanges.Proposed proposed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (history.createHistoricProcessInstanceQuery().processInstanceId(proposed.processInstanceId())
                .finished().count() == 0) {
            assertThat(System.nanoTime()).as("process ended in time").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void aRestrictiveChangeNeedsOneLegalApprovalAndIsActivated() {
        var proposed = propose("alice", suspend("KE"));
        assertThat(proposed.impact().kind()).isEqualTo(Impact.ChangeKind.RESTRICTIVE);
        ProcessInstance process = instance(proposed);
        assertThat(process).isWaitingAt("Task_ApproveAsLegal");
        assertThat(task(proposed, "Task_ApproveAsLegal")).hasCandidateGroup("legal-approvers");
        complete("bob", List.of("legal-approvers"), task(proposed, "Task_ApproveAsLegal"), true);
        awaitEnd(proposed);
        assertThat(process).isEnded().hasPassed("Task_ApproveAsLegal", "Task_ActivateVersion", "EndEvent_Activated")
                .hasNotPassed("Task_ApproveAsDpo", "Task_RecordRejection");
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.ACTIVE);
        assertThat(active.current().version()).isEqualTo(proposed.version());
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(proposed.processInstanceId())
                .activityId("EndEvent_Activated").count()).isEqualTo(1);
    }

    @Test
    void aPermissiveChangeNeedsLegalAndDpoInParallel() {
        var proposed = propose("alice", enableEarlier("PE"));
        assertThat(proposed.impact().kind()).isEqualTo(Impact.ChangeKind.PERMISSIVE);
        ProcessInstance process = instance(proposed);
        assertThat(process).isWaitingAt("Task_ApprovePermissiveAsLegal", "Task_ApproveAsDpo");
        assertThat(task(proposed, "Task_ApproveAsDpo")).hasCandidateGroup("dpo");
        complete("dana", List.of("dpo"), task(proposed, "Task_ApproveAsDpo"), true);
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.PROPOSED);
        complete("bob", List.of("legal-approvers"), task(proposed, "Task_ApprovePermissiveAsLegal"), true);
        awaitEnd(proposed);
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.ACTIVE);
        assertThat(process).isEnded().hasPassed("Task_ApprovePermissiveAsLegal", "Task_ApproveAsDpo",
                "Gateway_JoinApprovals", "EndEvent_Activated");
    }

    @Test
    void aRejectionByLegalEndsItAndNothingChanges() {
        int before = active.current().version();
        var proposed = propose("alice", suspend("GH"));
        complete("bob", List.of("legal-approvers"), task(proposed, "Task_ApproveAsLegal"), false);
        awaitEnd(proposed);
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.REJECTED);
        assertThat(active.current().version()).isEqualTo(before);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(proposed.processInstanceId())
                .activityId("EndEvent_Rejected").count()).isEqualTo(1);
    }

    @Test
    void aRejectionByTheDpoEndsItEvenAfterLegalApproved() {
        int before = active.current().version();
        var proposed = propose("alice", enableEarlier("CO"));
        complete("bob", List.of("legal-approvers"), task(proposed, "Task_ApprovePermissiveAsLegal"), true);
        complete("dana", List.of("dpo"), task(proposed, "Task_ApproveAsDpo"), false);
        awaitEnd(proposed);
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.REJECTED);
        assertThat(active.current().version()).isEqualTo(before);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(proposed.processInstanceId())
                .activityId("Task_ActivateVersion").count()).isZero();
    }

    @Test
    void aRejectionByLegalOfAPermissiveChangeEndsItEvenAfterTheDpoApproved() {
        int before = active.current().version();
        var proposed = propose("alice", enableEarlier("PY"));
        assertThat(proposed.impact().kind()).isEqualTo(Impact.ChangeKind.PERMISSIVE);
        complete("dana", List.of("dpo"), task(proposed, "Task_ApproveAsDpo"), true);
        complete("bob", List.of("legal-approvers"), task(proposed, "Task_ApprovePermissiveAsLegal"), false);
        awaitEnd(proposed);
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.REJECTED);
        assertThat(active.current().version()).isEqualTo(before);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(proposed.processInstanceId())
                .activityId("Task_RecordRejection").count()).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(proposed.processInstanceId())
                .activityId("Task_ActivateVersion").count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(proposed.processInstanceId())
                .activityId("EndEvent_Rejected").count()).isEqualTo(1);
    }

    @Test
    void theProposerCannotApproveTheirOwnChangeAndTheTaskStaysOpen() {
        var proposed = propose("erin", suspend("UG"));
        Task approval = task(proposed, "Task_ApproveAsLegal");
        assertThatThrownBy(() -> complete("erin", List.of("rule-authors", "legal-approvers"), approval, true))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Four-eyes");
        assertThatThrownBy(() -> tasks.claim(approval.getId(), "erin"))
                .isInstanceOf(AuthorizationException.class);
        assertThat(instance(proposed)).isWaitingAt("Task_ApproveAsLegal");
        complete("bob", List.of("legal-approvers"), approval, false);
        awaitEnd(proposed);
    }

    @Test
    void anApprovalWhoseBaseIsNoLongerActiveFailsInsteadOfDroppingTheOtherChange() {
        var first = propose("alice", suspend("TZ"));
        var second = propose("alice", suspend("ZM"));
        complete("bob", List.of("legal-approvers"), task(second, "Task_ApproveAsLegal"), true);
        awaitEnd(second);
        complete("bob", List.of("legal-approvers"), task(first, "Task_ApproveAsLegal"), true);
        awaitEnd(first);
        var failed = store.find(first.version()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RulesetStatus.FAILED);
        assertThat(failed.statusReason()).contains("based on version " + first.baseVersion())
                .contains("Re-propose");
        assertThat(active.current().version()).isEqualTo(second.version());
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(first.processInstanceId())
                .activityId("EndEvent_Failed").count()).isEqualTo(1);
    }

    @Test
    void anApprovalWithoutADecisionIsRefusedAndTheTaskStaysOpen() {
        var proposed = propose("alice", suspend("RW"));
        Task approval = task(proposed, "Task_ApproveAsLegal");
        identity.setAuthentication("bob", List.of("legal-approvers"));
        try {
            assertThatThrownBy(() -> tasks.complete(approval.getId(), Map.of("comment", "forgot")))
                    .hasMessageContaining("approved");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(instance(proposed)).isWaitingAt("Task_ApproveAsLegal");
        complete("bob", List.of("legal-approvers"), approval, false);
        awaitEnd(proposed);
    }
}
