package io.jurist.workflow;

import io.jurist.audit.Change;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.ChangeType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * On completing any user task (already checked by {@link ApprovalGuard}): keeps the decision and
 * evidence per task and records the approval. {@code approved} and {@code comment} move to
 * task-specific variables ({@code <taskKey>_approved}, ...), so a later task can never reuse an
 * earlier task's answer.
 */
class ApprovalTaskListener implements TaskListener {

    static final String REQUESTERS = RuleChangeVariables.REQUESTERS;
    static final String APPROVED = TaskVariables.APPROVED;
    static final String COMMENT = TaskVariables.COMMENT;

    private final IdentityService identity;
    private final ApprovalRecords records;
    private final ChangeHistory history;
    private final ObjectMapper json = new ObjectMapper();

    ApprovalTaskListener(IdentityService identity, ApprovalRecords records, ChangeHistory history) {
        this.identity = identity;
        this.records = records;
        this.history = history;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication current = identity.getCurrentAuthentication();
        String user = current == null ? "(system)" : current.getUserId();
        Object approved = task.getVariable(APPROVED);
        Object comment = task.getVariable(COMMENT);
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (String field : ApprovalGuard.evidenceFields((TaskEntity) task)) {
            evidence.put(field, task.getVariable(field));
        }
        String key = task.getTaskDefinitionKey();
        task.getExecution().setVariable(TaskVariables.approved(key), approved);
        task.getExecution().setVariable(TaskVariables.comment(key), comment);
        task.getExecution().setVariable(TaskVariables.by(key), user);
        evidence.forEach((field, value) -> task.getExecution().setVariable(TaskVariables.field(key, field), value));
        task.getExecution().removeVariable(APPROVED);
        task.getExecution().removeVariable(COMMENT);
        String definition = task.getProcessDefinitionId();
        String processKey = definition == null ? "" : definition.split(":")[0];
        records.record(new ApprovalRecords.Approval(task.getProcessInstanceId(),
                task.getExecution().getProcessBusinessKey(), processKey,
                key, task.getName(), user, Boolean.TRUE.equals(approved),
                comment == null ? null : comment.toString(), toJson(evidence), null));
        ChangeType type = approved == null ? ChangeType.TASK_COMPLETED
                : Boolean.TRUE.equals(approved) ? ChangeType.APPROVED : ChangeType.REJECTED;
        Object version = task.getVariable(RuleChangeVariables.VERSION);
        history.append(Change.of(type, user, subject(task, processKey))
                .concerning(list(firstOf(task, "jurisdictions", RuleChangeVariables.IMPACT_COUNTRIES)),
                        list(firstOf(task, "purpose", RuleChangeVariables.IMPACT_PURPOSES)))
                .withVersion(version instanceof Integer v ? v : null)
                .withProcess(task.getProcessInstanceId())
                .with("task", task.getName()).with("taskKey", key).with("process", processKey)
                .with("comment", comment).with("evidence", evidence));
    }

    /** What the task decides about: the version for a rule change, else the change or engagement. */
    private static String subject(DelegateTask task, String processKey) {
        Object version = task.getVariable(RuleChangeVariables.VERSION);
        if (RuleChangeVariables.PROCESS_KEY.equals(processKey) && version != null) {
            return "ruleset:" + version;
        }
        Object changeId = task.getVariable("changeId");
        if (changeId != null && !"RegulatorEngagement".equals(processKey)) {
            return "change:" + changeId;
        }
        Object engagementId = task.getVariable("engagementId");
        if (engagementId != null) {
            return "engagement:" + engagementId;
        }
        return "process:" + processKey + ":" + task.getProcessInstanceId();
    }

    /** The first of the variables that is set: what a change names, else what its impact found. */
    private static Object firstOf(DelegateTask task, String... names) {
        for (String name : names) {
            Object value = task.getVariable(name);
            if (value != null && !value.toString().isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static List<String> list(Object joined) {
        return joined == null || joined.toString().isBlank() ? List.of() : List.of(joined.toString().split(","));
    }

    private String toJson(Map<String, Object> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
