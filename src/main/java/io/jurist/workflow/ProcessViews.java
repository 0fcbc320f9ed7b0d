package io.jurist.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Reads the state of a process and the processes it called, from Camunda's runtime and history. */
@Service
public class ProcessViews {

    private static final Set<String> SHOWN_VARIABLES = Set.of("outcome", "version", "baseVersion", "changeKind",
            "impact", "summary", "proposedBy", "requestedBy", "failureReason", "suspensionVersion",
            "reenablementVersion", "triageDecision", "closingOutcome");

    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService tasks;
    private final ApprovalRecords approvals;

    ProcessViews(RuntimeService runtime, HistoryService history, TaskService tasks, ApprovalRecords approvals) {
        this.runtime = runtime;
        this.history = history;
        this.tasks = tasks;
        this.approvals = approvals;
    }

    /** The view of a process instance, if it exists. */
    public Optional<ProcessView> of(String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        List<String> family = family(processInstanceId);
        List<String> waitingAt = new ArrayList<>();
        for (String id : family) {
            if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                waitingAt.addAll(runtime.getActiveActivityIds(id));
            }
        }
        List<ProcessView.OpenTask> open = new ArrayList<>();
        for (Task task : tasks.createTaskQuery().processInstanceIdIn(family.toArray(String[]::new))
                .orderByTaskCreateTime().asc().list()) {
            List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                    .map(IdentityLink::getGroupId).toList();
            open.add(new ProcessView.OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                    task.getProcessInstanceId(), groups, task.getAssignee(), task.getCreateTime().toInstant()));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            if (SHOWN_VARIABLES.contains(variable.getName()) && variable.getValue() != null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        String state = switch (instance.getState()) {
            case HistoricProcessInstance.STATE_ACTIVE, HistoricProcessInstance.STATE_SUSPENDED -> "ACTIVE";
            case HistoricProcessInstance.STATE_COMPLETED -> "COMPLETED";
            default -> "TERMINATED";
        };
        return Optional.of(new ProcessView(processInstanceId, instance.getProcessDefinitionKey(),
                instance.getBusinessKey(), state, instance.getStartTime().toInstant(),
                instance.getEndTime() == null ? null : instance.getEndTime().toInstant(), waitingAt, open,
                approvals.of(family), variables));
    }

    /** The instance and every instance it called, however deep. */
    private List<String> family(String processInstanceId) {
        List<String> family = new ArrayList<>();
        List<String> frontier = List.of(processInstanceId);
        while (!frontier.isEmpty()) {
            family.addAll(frontier);
            List<String> next = new ArrayList<>();
            for (String id : frontier) {
                history.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list()
                        .forEach(child -> next.add(child.getId()));
            }
            frontier = next;
        }
        return family;
    }
}
