package io.jurist.workflow;

import io.jurist.ruleset.ApprovalWorkflow;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/** The process engine as the rest of the service sees it: start, correlate, look. Nothing else calls the engine. */
@Service
public class Workflows {

    private final RuntimeService runtime;
    private final ProcessViews views;

    Workflows(RuntimeService runtime, ProcessViews views) {
        this.runtime = runtime;
        this.views = views;
    }

    /** Starts a process by its key with a business key and variables. */
    public Started start(String processKey, String businessKey, Map<String, Object> variables) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(processKey, businessKey, variables);
        return new Started(instance.getId(), businessKey);
    }

    /**
     * A started process.
     *
     * @param processInstanceId its id in the engine
     * @param businessKey       the business key it is found by
     */
    public record Started(String processInstanceId, String businessKey) {
    }

    /**
     * Delivers a message to the process with the business key, if it waits for it.
     *
     * @return false when no process waits for that message now
     */
    public boolean correlate(String message, String businessKey, Map<String, Object> variables) {
        // correlateAll answers an empty list where nothing waits: correlate() would throw inside the engine's
        // command, which marks the caller's transaction rollback-only even when the exception is caught.
        return !runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey)
                .setVariables(variables).correlateAllWithResult().isEmpty();
    }

    /** Where a process stands. */
    public Optional<ProcessView> view(String processInstanceId) {
        return processInstanceId == null ? Optional.empty() : views.of(processInstanceId);
    }

    /** The variables a RuleChangeApproval instance needs, for processes that call it. */
    public static Map<String, Object> ruleChangeVariables(ApprovalWorkflow.RuleChange change) {
        return RuleChangeVariables.of(change);
    }
}
