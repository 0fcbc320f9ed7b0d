package io.jurist.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
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

    static final String REQUESTERS = "requesters";
    static final String APPROVED = "approved";
    static final String COMMENT = "comment";

    private final IdentityService identity;
    private final ApprovalRecords records;
    private final ObjectMapper json = new ObjectMapper();

    ApprovalTaskListener(IdentityService identity, ApprovalRecords records) {
        this.identity = identity;
        this.records = records;
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
        task.getExecution().setVariable(key + "_approved", approved);
        task.getExecution().setVariable(key + "_comment", comment);
        task.getExecution().setVariable(key + "_by", user);
        evidence.forEach((field, value) -> task.getExecution().setVariable(key + "_" + field, value));
        task.getExecution().removeVariable(APPROVED);
        task.getExecution().removeVariable(COMMENT);
        String definition = task.getProcessDefinitionId();
        records.record(new ApprovalRecords.Approval(task.getProcessInstanceId(),
                task.getExecution().getProcessBusinessKey(), definition == null ? "" : definition.split(":")[0],
                key, task.getName(), user, Boolean.TRUE.equals(approved),
                comment == null ? null : comment.toString(), toJson(evidence), null));
    }

    private String toJson(Map<String, Object> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
