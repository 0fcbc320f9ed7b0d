package io.jurist.workflow;

import io.jurist.api.ApiException;
import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "Approve or reject, as in Camunda Tasklist")
class TaskController {

    /**
     * A decision on an approval task.
     *
     * @param approved true to approve, false to reject
     * @param comment  why
     * @param evidence further evidence the task's form asks for (Strings or Booleans)
     */
    record Completion(Boolean approved, String comment, Map<String, Object> evidence) {
    }

    private final TaskService tasks;
    private final IdentityService identity;

    TaskController(TaskService tasks, IdentityService identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    @Operation(summary = "Complete an approval task", description = "Refused with 403 for the person who asked "
            + "for the change (four-eyes) and for anyone outside the task's candidate groups; the task stays open.")
    @PostMapping("/{id}/complete")
    Map<String, Object> complete(@PathVariable String id, @RequestBody Completion completion,
                                 Authentication caller) {
        List<FieldError> errors = new ArrayList<>();
        if (completion.approved() == null) {
            errors.add(new FieldError("approved", "is required: true to approve, false to reject"));
        }
        if (completion.comment() == null || completion.comment().isBlank()) {
            errors.add(new FieldError("comment", "is required: say why"));
        } else if (completion.comment().length() > ApprovalGuard.MAX_TEXT) {
            errors.add(new FieldError("comment", "is " + completion.comment().length() + " characters long; at most "
                    + ApprovalGuard.MAX_TEXT + " are accepted"));
        }
        if (completion.evidence() != null) {
            completion.evidence().forEach((field, value) -> {
                if (value instanceof String text && text.length() > ApprovalGuard.MAX_TEXT) {
                    errors.add(new FieldError("evidence." + field, "is " + text.length() + " characters long; at most "
                            + ApprovalGuard.MAX_TEXT + " are accepted"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The decision is incomplete; the task stays open.", errors);
        }
        Map<String, Object> variables = new HashMap<>();
        if (completion.evidence() != null) {
            variables.putAll(completion.evidence());
        }
        variables.put(ApprovalTaskListener.APPROVED, completion.approved());
        variables.put(ApprovalTaskListener.COMMENT, completion.comment());
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).toList();
        identity.setAuthentication(caller.getName(), groups);
        try {
            if (tasks.createTaskQuery().taskId(id).count() == 0) {
                throw new ApiException(HttpStatus.NOT_FOUND, "No such task",
                        "There is no open task " + id + " you may see.");
            }
            tasks.complete(id, variables);
        } catch (AuthorizationException e) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        } catch (NullValueException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "No such task", "There is no open task " + id + ".");
        } catch (BadUserRequestException | org.camunda.bpm.engine.impl.form.FormException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid decision", e.getMessage());
        } finally {
            identity.clearAuthentication();
        }
        return Map.of("taskId", id, "completedBy", caller.getName(), "approved", completion.approved());
    }
}
