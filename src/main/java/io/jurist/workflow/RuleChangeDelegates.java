package io.jurist.workflow;

import io.jurist.ruleset.NotApprovedException;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.StaleBaseException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks and listeners of RuleChangeApproval, thin over {@link RulesetChanges}. */
@Configuration
class RuleChangeDelegates {

    static final String STALE_BASE = "STALE_BASE";
    static final String NOT_APPROVED = "NOT_APPROVED";

    /** At the start: the version knows the process that governs it. */
    @Bean
    ExecutionListener linkVersion(RulesetChanges changes) {
        return execution -> changes.linkProcess(version(execution), execution.getProcessInstanceId());
    }

    /**
     * Activates the approved version, or raises STALE_BASE when another was activated since its base, or
     * NOT_APPROVED when the approvals it needs are not recorded (the process was moved past its approval
     * tasks): either way the version ends FAILED with the reason.
     */
    @Bean
    JavaDelegate activateVersion(RulesetChanges changes) {
        return execution -> {
            try {
                changes.activate(version(execution), "process " + execution.getProcessInstanceId());
                execution.setVariable(RuleChangeVariables.OUTCOME, "ACTIVATED");
            } catch (StaleBaseException e) {
                execution.setVariable(RuleChangeVariables.FAILURE_REASON, e.getMessage());
                throw new BpmnError(STALE_BASE, e.getMessage());
            } catch (NotApprovedException e) {
                execution.setVariable(RuleChangeVariables.FAILURE_REASON, e.getMessage());
                throw new BpmnError(NOT_APPROVED, e.getMessage());
            }
        };
    }

    /** Ends a rejected proposal: nothing changes. */
    @Bean
    JavaDelegate rejectVersion(RulesetChanges changes) {
        return execution -> {
            changes.close(version(execution), RulesetStatus.REJECTED, "Rejected in process "
                    + execution.getProcessInstanceId());
            execution.setVariable(RuleChangeVariables.OUTCOME, "REJECTED");
        };
    }

    /** Ends an approved proposal that could not be activated. */
    @Bean
    JavaDelegate failVersion(RulesetChanges changes) {
        return execution -> {
            Object reason = execution.getVariable(RuleChangeVariables.FAILURE_REASON);
            changes.close(version(execution), RulesetStatus.FAILED, reason == null ? "Activation failed" : reason.toString());
            execution.setVariable(RuleChangeVariables.OUTCOME, "FAILED");
        };
    }

    private static int version(DelegateExecution execution) {
        return ((Number) execution.getVariable(RuleChangeVariables.VERSION)).intValue();
    }
}
