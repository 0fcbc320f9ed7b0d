package io.jurist.workflow;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Guards every approval before the engine acts on it, whichever route it came by (Camunda's REST
 * API, Tasklist, this service's API): four-eyes for completing, claiming, assigning and delegating,
 * and a complete decision with its evidence for completing.
 *
 * <p>It is a command interceptor rather than a task listener because the engine wraps exceptions
 * thrown by listeners, and Camunda's REST API would then answer 500 instead of 403 or 400.
 */
class ApprovalGuard extends CommandInterceptor {

    private static final Set<String> COMPLETING = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd");
    private static final Set<String> ASSIGNING = Set.of("ClaimTaskCmd", "AssignTaskCmd", "DelegateTaskCmd",
            "SetTaskOwnerCmd");

    @Override
    public <T> T execute(Command<T> command) {
        String type = command.getClass().getSimpleName();
        if (COMPLETING.contains(type) || ASSIGNING.contains(type)) {
            check(command, type);
        }
        return next.execute(command);
    }

    private void check(Command<?> command, String type) {
        String taskId = (String) field(command, "taskId");
        CommandContext context = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getExecutionId() == null) {
            return;
        }
        if (ASSIGNING.contains(type)) {
            String user = (String) field(command, "userId");
            if (user != null && isRequester(task, user)) {
                throw fourEyes(user);
            }
            return;
        }
        String user = context.getAuthenticatedUserId();
        if (user == null) {
            throw new AuthorizationException("An approval must be completed by an authenticated user.");
        }
        if (isRequester(task, user)) {
            throw fourEyes(user);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> submitted = (Map<String, Object>) field(command,
                type.equals("CompleteTaskCmd") ? "variables" : "properties");
        Map<String, Object> values = submitted == null ? Map.of() : submitted;
        Object approved = values.get(ApprovalTaskListener.APPROVED);
        if (isApproval(task) && !(approved instanceof Boolean)) {
            throw new FormFieldValidationException(ApprovalTaskListener.APPROVED, "Complete the task '"
                    + task.getName() + "' with the variable 'approved' (Boolean): true to approve, false to reject.");
        }
        Object comment = values.get(ApprovalTaskListener.COMMENT);
        if (comment != null && !(comment instanceof String)) {
            throw new FormFieldValidationException(ApprovalTaskListener.COMMENT, "The variable 'comment' must be a String.");
        }
        boolean rejecting = Boolean.FALSE.equals(approved);
        for (EvidenceRule rule : evidenceRules(task)) {
            String problem = rule.check(values, rejecting);
            if (problem != null) {
                throw new FormFieldValidationException(rule.field(), "'" + task.getName() + "': " + problem);
            }
        }
    }

    /** Whether a task is an approval: it declares the property {@code decision=approval}. */
    static boolean isApproval(TaskEntity task) {
        return properties(task).stream().anyMatch(p -> "decision".equals(p.getCamundaName())
                && "approval".equals(p.getCamundaValue()));
    }

    static boolean isRequester(TaskEntity task, String user) {
        Object requesters = task.getVariable(ApprovalTaskListener.REQUESTERS);
        return requesters != null && Arrays.asList(requesters.toString().split(",")).contains(user);
    }

    static AuthorizationException fourEyes(String user) {
        return new AuthorizationException("Four-eyes: '" + user + "' asked for this change (or for a process that "
                + "led to it) and cannot approve it or take its approval task. Another approver must act.");
    }

    /** The evidence fields a task's BPMN names in its {@code evidence} property, comma-separated. */
    static List<String> evidenceFields(TaskEntity task) {
        return evidenceRules(task).stream().map(EvidenceRule::field).toList();
    }

    static List<EvidenceRule> evidenceRules(TaskEntity task) {
        return properties(task).stream().filter(p -> "evidence".equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .map(EvidenceRule::parse).toList();
    }

    private static List<CamundaProperty> properties(TaskEntity task) {
        UserTask element = task.getBpmnModelElementInstance();
        if (element == null || element.getExtensionElements() == null) {
            return List.of();
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                .stream().flatMap(p -> p.getCamundaProperties().stream()).toList();
    }

    /**
     * One evidence field a task asks for, written in the BPMN as {@code name}, {@code name:A|B} (one
     * of the values) or {@code name?other=VALUE} (needed only when another field has that value).
     * Evidence is needed to approve or to complete a task that is no approval; a rejection needs none.
     */
    record EvidenceRule(String field, List<String> allowed, String whenField, String whenValue) {

        static EvidenceRule parse(String text) {
            String when = null;
            String whenValue = null;
            int question = text.indexOf('?');
            if (question > 0) {
                String[] condition = text.substring(question + 1).split("=", 2);
                when = condition[0];
                whenValue = condition.length > 1 ? condition[1] : null;
                text = text.substring(0, question);
            }
            int colon = text.indexOf(':');
            List<String> allowed = colon > 0 ? List.of(text.substring(colon + 1).split("\\|")) : List.of();
            return new EvidenceRule(colon > 0 ? text.substring(0, colon) : text, allowed, when, whenValue);
        }

        String check(Map<String, Object> values, boolean rejecting) {
            Object value = values.get(field);
            if (value != null && !(value instanceof String) && !(value instanceof Boolean)) {
                return "the evidence '" + field + "' must be a String or Boolean";
            }
            boolean needed = !rejecting && (whenField == null || String.valueOf(values.get(whenField)).equals(whenValue));
            if (needed && (value == null || value.toString().isBlank())) {
                return "the evidence '" + field + "' is required" + (whenField == null ? ""
                        : " when " + whenField + " is " + whenValue);
            }
            if (value != null && !allowed.isEmpty() && !allowed.contains(value.toString())) {
                return "the evidence '" + field + "' must be one of " + String.join(", ", allowed);
            }
            return null;
        }
    }

    private static Object field(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        // An engine whose command lacks the field cannot be guarded: refuse rather than let it pass.
        throw new IllegalStateException("Cannot guard " + target.getClass().getName() + ": no field " + name);
    }
}
