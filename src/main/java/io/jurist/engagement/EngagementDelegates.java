package io.jurist.engagement;

import io.jurist.api.ApiException;
import io.jurist.workflow.TaskVariables;
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
        return execution -> store.linkChangeProcess(text(execution, JurisdictionSuspensionVariables.CHANGE_ID), execution.getProcessInstanceId());
    }

    /** Builds and stores the candidate version, and hands RuleChangeApproval what it needs. */
    @Bean
    JavaDelegate buildChangeCandidate(JurisdictionChanges changes) {
        return execution -> {
            try {
                Map<String, Object> variables = changes.buildCandidate(text(execution, JurisdictionSuspensionVariables.CHANGE_ID),
                        text(execution, JurisdictionSuspensionVariables.REQUESTERS));
                execution.setVariables(variables);
            } catch (ApiException e) {
                // The rules changed since the request was checked and no longer accept it.
                execution.setVariable(JurisdictionSuspensionVariables.OUTCOME, "FAILED");
                execution.setVariable(JurisdictionSuspensionVariables.FAILURE_REASON, e.getMessage());
                throw new BpmnError("CANDIDATE_INVALID", e.getMessage());
            }
        };
    }

    /** Records how a change's rule change approval ended (activated, rejected or failed). */
    @Bean
    JavaDelegate completeChange(JurisdictionChanges changes) {
        return execution -> changes.complete(text(execution, JurisdictionSuspensionVariables.CHANGE_ID), text(execution, JurisdictionSuspensionVariables.OUTCOME),
                text(execution, JurisdictionSuspensionVariables.FAILURE_REASON));
    }

    /** Records a re-enablement rejected at one of its gates: the suspension stays. */
    @Bean
    JavaDelegate rejectChange(JurisdictionChanges changes) {
        return execution -> changes.complete(text(execution, JurisdictionSuspensionVariables.CHANGE_ID), "REJECTED",
                "Rejected at a re-enablement gate in process " + execution.getProcessInstanceId());
    }

    /** Legal decided at triage to suspend: request it, with the triager among those who asked. */
    @Bean
    JavaDelegate requestEngagementSuspension(JurisdictionChanges changes) {
        return execution -> {
            String triager = text(execution, TaskVariables.by(RegulatorEngagementVariables.TASK_TRIAGE_CONCERN));
            LinkedHashSet<String> requesters = new LinkedHashSet<>(Arrays.asList(text(execution, RegulatorEngagementVariables.REQUESTERS).split(",")));
            if (triager != null) {
                requesters.add(triager);
            }
            Optional<String> changeId = changes.requestSuspensionForEngagement(text(execution, RegulatorEngagementVariables.ENGAGEMENT_ID),
                    List.of(text(execution, RegulatorEngagementVariables.JURISDICTIONS).split(",")), text(execution, RegulatorEngagementVariables.PURPOSE),
                    "Engagement triage: " + text(execution, RegulatorEngagementVariables.TRIAGE_ASSESSMENT),
                    triager != null ? triager : String.join(",", requesters));
            execution.setVariable(RegulatorEngagementVariables.CHANGE_ID, changeId.orElse(null));
            execution.setVariable(RegulatorEngagementVariables.SUSPENSION_REQUESTERS, String.join(",", requesters));
        };
    }

    /** Legal closed the engagement with its outcome. */
    @Bean
    JavaDelegate closeEngagement(EngagementStore store) {
        return execution -> store.closeEngagement(text(execution, RegulatorEngagementVariables.ENGAGEMENT_ID),
                text(execution, RegulatorEngagementVariables.CLOSING_OUTCOME),
                text(execution, TaskVariables.comment(RegulatorEngagementVariables.TASK_CLOSE_ENGAGEMENT)),
                text(execution, TaskVariables.by(RegulatorEngagementVariables.TASK_CLOSE_ENGAGEMENT)));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }
}
