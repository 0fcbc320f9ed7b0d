package io.jurist.workflow;

import io.jurist.audit.ChangeHistory;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Builds the approval listener once the engine's services exist (the plugin runs before they do). */
@Component
class ApprovalTaskListenerFactory {

    private final ApprovalTaskListener listener;

    ApprovalTaskListenerFactory(IdentityService identity, ApprovalRecords records, ChangeHistory history) {
        this.listener = new ApprovalTaskListener(identity, records, history);
    }

    ApprovalTaskListener get() {
        return listener;
    }
}
