package io.jurist.workflow;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Guards every approval before the engine acts on it, whichever route it came by (Camunda's REST
 * API, Tasklist, this service's API): four-eyes for completing, claiming, assigning and delegating,
 * and a complete decision with its evidence for completing.
 *
 * <p>A task is completed (or resolved) with its own fields only: {@code approved}, {@code comment} and
 * the evidence it names. Anything else would be written into the process, where a later step reads it
 * (the version to activate, who asked for it). Nor may a task of a process be ended by a BPMN error or
 * escalation sent from outside, which would end it without a decision.
 *
 * <p>After every command, whatever it was (saving a task, adding an identity link, setting variables),
 * two facts must still hold: no changed task is assigned to or owned by one of its requesters, and a
 * running process's {@code requesters} were neither changed, removed nor shadowed by a task's or an
 * execution's own variable. Otherwise the command fails and its transaction is rolled back.
 *
 * <p>It is a command interceptor rather than a task listener because the engine wraps exceptions
 * thrown by listeners, and Camunda's REST API would then answer 500 instead of 403 or 400.
 */
class ApprovalGuard extends CommandInterceptor {

    private static final Set<String> COMPLETING = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd");
    private static final Set<String> ASSIGNING = Set.of("ClaimTaskCmd", "AssignTaskCmd", "DelegateTaskCmd",
            "SetTaskOwnerCmd");
    /** Resolving a delegated task hands it back to its owner; it may carry the task's fields, nothing else. */
    private static final String RESOLVING = "ResolveTaskCmd";
    /** Commands that would end a task without a decision. */
    private static final Set<String> ENDING = Set.of("HandleTaskBpmnErrorCmd", "HandleTaskEscalationCmd");
    /**
     * The longest text a task's field may hold: Camunda keeps a String variable in a column of 4000
     * characters, and so does the approval record's comment. Longer is refused (400) before anything is
     * written, rather than failing in the database (500, with the SQL statement in Camunda's answer).
     */
    static final int MAX_TEXT = 4000;

    @Override
    public <T> T execute(Command<T> command) {
        String type = command.getClass().getSimpleName();
        if (COMPLETING.contains(type) || ASSIGNING.contains(type) || ENDING.contains(type)
                || RESOLVING.equals(type)) {
            check(command, type);
        }
        T result = next.execute(command);
        checkInvariants(org.camunda.bpm.engine.impl.context.Context.getCommandContext());
        return result;
    }

    private void check(Command<?> command, String type) {
        String taskId = (String) field(command, "taskId");
        CommandContext context = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getExecutionId() == null) {
            return;
        }
        if (ENDING.contains(type)) {
            throw new AuthorizationException("The task '" + task.getName() + "' is completed with a decision; it "
                    + "cannot be ended by a BPMN error or escalation.");
        }
        if (RESOLVING.equals(type)) {
            mayWork(context, task);
            try {
                onlyOwnFields(task, submitted(command, "variables"));
                withinLength(submitted(command, "variables"));
            } catch (FormFieldValidationException e) {
                // Camunda's REST API answers 400 for this one on resolving (500 for a form error).
                throw new BadUserRequestException(e.getMessage());
            }
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
        // Whoever may not work on the task learns nothing about what completing it takes.
        mayWork(context, task);
        Map<String, Object> values = submitted(command, type.equals("CompleteTaskCmd") ? "variables" : "properties");
        onlyOwnFields(task, values);
        withinLength(values);
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

    /** Refuses a text longer than {@link #MAX_TEXT}, naming its field. */
    private static void withinLength(Map<String, Object> values) {
        values.forEach((field, value) -> {
            if (value instanceof String text && text.length() > MAX_TEXT) {
                throw new FormFieldValidationException(field, "The variable '" + field + "' is " + text.length()
                        + " characters long; at most " + MAX_TEXT + " are accepted.");
            }
        });
    }

    /** The engine's own check that the caller may work on the task, made before the task's fields are checked. */
    private static void mayWork(CommandContext context, TaskEntity task) {
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkTaskWork(task);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> submitted(Command<?> command, String field) {
        Map<String, Object> submitted = (Map<String, Object>) field(command, field);
        return submitted == null ? Map.of() : submitted;
    }

    /** Refuses values for anything but the task's own fields: the decision, the comment and its evidence. */
    private static void onlyOwnFields(TaskEntity task, Map<String, Object> values) {
        List<String> fields = evidenceFields(task);
        for (String name : values.keySet()) {
            if (!name.equals(ApprovalTaskListener.APPROVED) && !name.equals(ApprovalTaskListener.COMMENT)
                    && !fields.contains(name)) {
                throw new FormFieldValidationException(name, "'" + task.getName() + "' has no field '" + name
                        + "'; it takes 'approved', 'comment'" + (fields.isEmpty() ? "" : " and " + String.join(", ", fields))
                        + ".");
            }
        }
    }

    /** The facts every command must leave intact, checked on what it changed before anything is written. */
    private static void checkInvariants(CommandContext context) {
        if (context == null) {
            return;
        }
        for (CachedDbEntity cached : context.getDbEntityManager().getDbEntityCache().getCachedEntities()) {
            DbEntityState state = cached.getEntityState();
            if (cached.getEntity() instanceof TaskEntity task && task.getExecutionId() != null && changed(cached)) {
                for (String user : new String[] {task.getAssignee(), task.getOwner()}) {
                    if (user != null && isRequester(task, user)) {
                        throw fourEyes(user);
                    }
                }
            } else if (cached.getEntity() instanceof VariableInstanceEntity variable
                    && ApprovalTaskListener.REQUESTERS.equals(variable.getName())) {
                // What it was when loaded: a removed variable no longer names its execution.
                Map<?, ?> loaded = field(cached, "copy") instanceof Map<?, ?> copy ? copy : Map.of();
                String executionId = variable.getExecutionId() != null ? variable.getExecutionId()
                        : (String) loaded.get("executionId");
                if (executionId == null) {
                    continue; // a variable of a task outside any process
                }
                CachedDbEntity execution = context.getDbEntityManager().getDbEntityCache()
                        .getCachedEntity(ExecutionEntity.class, executionId);
                DbEntityState executionState = execution == null ? null : execution.getEntityState();
                boolean allowed = switch (state) {
                    // Only a process instance started in this command (or by a call activity) gets its requesters.
                    case TRANSIENT -> variable.getTaskId() == null && executionId.equals(variable.getProcessInstanceId())
                            && executionState == DbEntityState.TRANSIENT;
                    // Removed only with the process instance itself.
                    case DELETED_PERSISTENT, DELETED_MERGED, DELETED_TRANSIENT -> executionState != null
                            && executionState.name().startsWith("DELETED");
                    // Set again to the same value (a delegate passing it on) is no change.
                    case PERSISTENT -> Objects.equals(loaded.get("textValue"), variable.getTextValue())
                            && Objects.equals(loaded.get("serializerName"), variable.getSerializerName());
                    case MERGED -> false;
                };
                if (!allowed) {
                    throw new AuthorizationException("Four-eyes: who asked for a change ('requesters') is recorded "
                            + "when its process starts and cannot be changed, removed or overridden.");
                }
            }
        }
    }

    private static boolean changed(CachedDbEntity cached) {
        return switch (cached.getEntityState()) {
            case TRANSIENT, MERGED -> true;
            case PERSISTENT -> cached.isDirty();
            default -> false;
        };
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

    /** The evidence fields a task's BPMN names in its {@code evidence} property ({@link EvidenceRule#parseAll}). */
    static List<String> evidenceFields(TaskEntity task) {
        return evidenceRules(task).stream().map(EvidenceRule::field).toList();
    }

    static List<EvidenceRule> evidenceRules(TaskEntity task) {
        return properties(task).stream().filter(p -> "evidence".equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue).flatMap(v -> EvidenceRule.parseAll(v).stream()).toList();
    }

    private static List<CamundaProperty> properties(TaskEntity task) {
        UserTask element = task.getBpmnModelElementInstance();
        if (element == null || element.getExtensionElements() == null) {
            return List.of();
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                .stream().flatMap(p -> p.getCamundaProperties().stream()).toList();
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
