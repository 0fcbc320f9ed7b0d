package io.jurist.workflow;

import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Refuses, for every person and token, an administrator's included, the engine commands that would move,
 * restart, migrate or rewrite a governed process instance, or change which processes exist: a token moved
 * past an approval task, a variable the process reads later, a job run or delayed by hand, a process
 * deployed or deleted. The processes are the BPMN under {@code bpmn/}, deployed at start-up, and they
 * advance only by their own steps: completing a task (guarded by {@link ApprovalGuard}), the application's
 * own calls and the job executor, none of which runs these commands as a caller.
 *
 * <p>Camunda's REST API and the webapps' API are also refused these routes before the engine (403, see
 * docs/security.md); this guard holds for whatever route reaches the engine with a caller.
 */
class GovernedCommandGuard extends CommandInterceptor {

    static final Set<String> REFUSED = Set.of(
            // moving tokens: starting inside a process, modification, restart, migration, signals and
            // messages sent from outside
            "StartProcessInstanceAtActivitiesCmd", "ModifyProcessInstanceCmd", "ModifyProcessInstanceAsyncCmd", "ProcessInstanceModificationCmd",
            "ProcessInstanceModificationBatchCmd", "RestartProcessInstancesCmd", "RestartProcessInstancesBatchCmd",
            "MigrateProcessInstanceCmd", "MigrateProcessInstanceBatchCmd", "SetProcessDefinitionVersionCmd",
            "SignalCmd", "SignalEventReceivedCmd", "MessageEventReceivedCmd", "CorrelateMessageCmd",
            "CorrelateAllMessageCmd", "CorrelateAllMessageBatchCmd",
            // rewriting what a process reads: variables of its executions and tasks
            "SetExecutionVariablesCmd", "SetTaskVariablesCmd", "RemoveExecutionVariablesCmd",
            "RemoveTaskVariablesCmd", "PatchExecutionVariablesCmd", "PatchTaskVariablesCmd",
            "SetVariablesToProcessInstancesBatchCmd",
            // jobs: running, retrying, rescheduling or suspending them by hand
            "ExecuteJobsCmd", "SetJobRetriesCmd", "SetJobsRetriesBatchCmd", "SetJobsRetriesByProcessBatchCmd",
            "SetJobDuedateCmd", "RecalculateJobDuedateCmd", "SetJobPriorityCmd", "SetJobDefinitionPriorityCmd",
            "SuspendJobCmd", "ActivateJobCmd", "SuspendJobDefinitionCmd", "ActivateJobDefinitionCmd", "DeleteJobCmd",
            "UnlockJobCmd",
            // which processes exist: only bpmn/, deployed at start-up
            "DeployCmd", "DeleteDeploymentCmd", "DeleteProcessDefinitionsByIdsCmd", "DeleteProcessDefinitionsByKeyCmd");

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (context != null && context.getAuthenticatedUserId() != null && refused(command)) {
            throw new AuthorizationException("'" + context.getAuthenticatedUserId() + "' may not "
                    + describe(command.getClass().getSimpleName()) + ": the processes under bpmn/ move only by "
                    + "their own steps, and approvals only by their tasks (docs/security.md).");
        }
        return next.execute(command);
    }

    static boolean refused(Command<?> command) {
        Class<?> type = command.getClass();
        return type.getName().startsWith("org.camunda.bpm.engine.impl.") && REFUSED.contains(type.getSimpleName());
    }

    private static String describe(String command) {
        return "run " + command.replaceAll("Cmd$", "");
    }
}
