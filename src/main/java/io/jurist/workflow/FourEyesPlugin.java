package io.jurist.workflow;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Guards every approval command with {@link ApprovalGuard}, refuses callers the commands that would move
 * or rewrite a process ({@link GovernedCommandGuard}), and puts the recording listener on every user task
 * of every deployed process, so no process can forget four-eyes.
 */
@Component
class FourEyesPlugin extends AbstractProcessEnginePlugin {

    private final ApprovalTaskListenerFactory listeners;

    FourEyesPlugin(@Lazy ApprovalTaskListenerFactory listeners) {
        this.listeners = listeners;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ApprovalGuard guard = new ApprovalGuard();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new GovernedCommandGuard());
        configuration.getCustomPostCommandInterceptorsTxRequired().add(guard);
        if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new GovernedCommandGuard());
        configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new ApprovalGuard());
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior())
                        .getTaskDefinition();
                TaskListener listener = task -> listeners.get().notify(task);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
            }
        });
    }
}
