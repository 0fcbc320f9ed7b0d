package io.jurist.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.events.EventLog;
import io.jurist.events.EventType;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.support.Await;
import io.jurist.support.IntegrationTest;
import io.jurist.workflow.Workflows;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Suspensions and re-enablements prove their approvals where they take effect: a re-enablement's
 * version becomes active only with its gates approved, and a change is recorded active only when its
 * version is. Each process is moved here with the engine's own API, below the doors that refuse it
 * to every caller (see GovernedProcessIntegrationTests), as a way around the approvals would.
 */
@IntegrationTest
class GovernedChangesIntegrationTests {

    private static final String PURPOSE = "GENAI_TRAINING";

    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired HistoryService history;
    @Autowired JurisdictionChanges changes;
    @Autowired EngagementStore store;
    @Autowired EventLog events;
    @Autowired ActiveRuleset active;

    private Task task(String changeId, String key) {
        return Await.until(() -> tasks.createTaskQuery().taskDefinitionKey(key).list().stream()
                        .filter(t -> changeId.equals(runtime.getVariable(t.getExecutionId(), "changeId"))).findFirst(),
                Optional::isPresent, Duration.ofSeconds(20), "task " + key + " of " + changeId).orElseThrow();
    }

    private void complete(String user, String group, Task task, Object... evidence) {
        Map<String, Object> variables = new HashMap<>(Map.of("approved", true, "comment", "approved"));
        for (int i = 0; i < evidence.length; i += 2) {
            variables.put((String) evidence[i], evidence[i + 1]);
        }
        identity.setAuthentication(user, List.of(group));
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private void awaitEnded(Workflows.Started started) {
        Await.until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(started.processInstanceId())
                .finished().count(), n -> n == 1, Duration.ofSeconds(20), "the end of " + started.businessKey());
    }

    private String status(String country) {
        return active.current().reference().policy(country, PURPOSE).map(p -> p.status().name()).orElse("NONE");
    }

    @Test
    void aReenablementMovedPastItsGatesIsNotActivatedEvenWithLegalAndDpoApprovals() {
        var suspension = changes.requestSuspension(List.of("MW"), PURPOSE, "Regulator concern", null, "alice");
        complete("bob", "legal-approvers", task(suspension.businessKey(), "Task_ApproveAsLegal"));
        awaitEnded(suspension);
        Await.until(() -> status("MW"), "SUSPENDED"::equals, Duration.ofSeconds(20), "suspension of MW");

        var reenablement = changes.requestReenablement(List.of("MW"), PURPOSE, "OPT_IN", "Opt-in agreed", null, "alice");
        task(reenablement.businessKey(), "Task_AssessDpia");
        // Past the DPIA, legal basis and regulator gates, straight to building the candidate version.
        runtime.createProcessInstanceModification(reenablement.processInstanceId())
                .cancelAllForActivity("Task_AssessDpia").startBeforeActivity("Task_BuildCandidate").execute();
        complete("dana", "dpo", task(reenablement.businessKey(), "Task_ApproveAsDpo"));
        complete("bob", "legal-approvers", task(reenablement.businessKey(), "Task_ApprovePermissiveAsLegal"));
        awaitEnded(reenablement);

        JurisdictionChange change = store.change(reenablement.businessKey()).orElseThrow();
        assertThat(change.status()).isEqualTo("FAILED");
        assertThat(change.statusReason()).contains("Task_AssessDpia", "Task_ReviewLegalBasis",
                "Task_RecordRegulatorPosition");
        assertThat(status("MW")).isEqualTo("SUSPENDED");
        assertThat(events.concerning(EventType.JURISDICTION_REENABLED, "MW")).isEmpty();
    }

    @Test
    void aSuspensionMovedToItsRecordingWithoutActivationIsRecordedFailed() {
        var suspension = changes.requestSuspension(List.of("ZW"), PURPOSE, "Regulator concern", null, "alice");
        task(suspension.businessKey(), "Task_ApproveAsLegal");
        // Past the whole rule change approval, claiming it was activated.
        runtime.createProcessInstanceModification(suspension.processInstanceId())
                .cancelAllForActivity("CallActivity_RuleChangeApproval")
                .startBeforeActivity("Task_RecordSuspended").setVariable("outcome", "ACTIVATED").execute();
        awaitEnded(suspension);

        JurisdictionChange change = store.change(suspension.businessKey()).orElseThrow();
        assertThat(change.status()).isEqualTo("FAILED");
        assertThat(change.statusReason()).contains("did not become active");
        assertThat(status("ZW")).isNotEqualTo("SUSPENDED");
        assertThat(events.concerning(EventType.JURISDICTION_SUSPENDED, "ZW")).isEmpty();
    }
}
