package io.jurist.engagement;

import io.jurist.api.ApiException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of the engagement, suspension and re-enablement processes, thin over the services. */
@Configuration
class EngagementDelegates {

    /** At the start of a suspension or re-enablement: the request knows its process. */
    @Bean
    ExecutionListener linkChangeProcess(JurisdictionChangeStore store) {
        return execution -> store.linkChangeProcess(text(execution, "changeId"), execution.getProcessInstanceId());
    }

    /** Builds and stores the candidate version, and hands RuleChangeApproval what it needs. */
    @Bean
    JavaDelegate buildChangeCandidate(JurisdictionChanges changes) {
        return execution -> {
            try {
                Map<String, Object> variables = changes.buildCandidate(text(execution, "changeId"),
                        text(execution, "requesters"));
                execution.setVariables(variables);
            } catch (ApiException e) {
                // The rules changed since the request was checked and no longer accept it.
                execution.setVariable("outcome", "FAILED");
                execution.setVariable("failureReason", e.getMessage());
                throw new BpmnError("CANDIDATE_INVALID", e.getMessage());
            }
        };
    }

    /** Records how a change's rule change approval ended (activated, rejected or failed). */
    @Bean
    JavaDelegate completeChange(JurisdictionChanges changes) {
        return execution -> changes.complete(text(execution, "changeId"), text(execution, "outcome"),
                text(execution, "failureReason"));
    }

    /** Records a re-enablement rejected at one of its gates: the suspension stays. */
    @Bean
    JavaDelegate rejectChange(JurisdictionChanges changes) {
        return execution -> changes.complete(text(execution, "changeId"), "REJECTED",
                "Rejected at a re-enablement gate in process " + execution.getProcessInstanceId());
    }

    /** Legal decided at triage to suspend: request it, with the triager among those who asked. */
    @Bean
    JavaDelegate requestEngagementSuspension(JurisdictionChanges changes) {
        return execution -> {
            String triager = text(execution, "Task_TriageConcern_by");
            LinkedHashSet<String> requesters = new LinkedHashSet<>(Arrays.asList(text(execution, "requesters").split(",")));
            if (triager != null) {
                requesters.add(triager);
            }
            Optional<String> changeId = changes.requestSuspensionForEngagement(text(execution, "engagementId"),
                    List.of(text(execution, "jurisdictions").split(",")), text(execution, "purpose"),
                    "Engagement triage: " + text(execution, "Task_TriageConcern_assessment"),
                    triager != null ? triager : String.join(",", requesters));
            execution.setVariable("changeId", changeId.orElse(null));
            execution.setVariable("suspensionRequesters", String.join(",", requesters));
        };
    }

    /** Legal closed the engagement with its outcome. */
    @Bean
    JavaDelegate closeEngagement(EngagementStore store) {
        return execution -> store.closeEngagement(text(execution, "engagementId"),
                text(execution, "Task_CloseEngagement_closingOutcome"), text(execution, "Task_CloseEngagement_comment"),
                text(execution, "Task_CloseEngagement_by"));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }
}
