package io.jurist.workflow;

import io.jurist.ruleset.ApprovalWorkflow;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Starts RuleChangeApproval in Camunda for a proposed version. */
@Component
class CamundaApprovalWorkflow implements ApprovalWorkflow {

    private final RuntimeService runtime;

    CamundaApprovalWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public Started startRuleChange(RuleChange change) {
        String businessKey = RuleChangeVariables.businessKey(change.version());
        ProcessInstance instance = runtime.startProcessInstanceByKey(RuleChangeVariables.PROCESS_KEY, businessKey,
                RuleChangeVariables.of(change));
        return new Started(instance.getId(), businessKey);
    }
}
