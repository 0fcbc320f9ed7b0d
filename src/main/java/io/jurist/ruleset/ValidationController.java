package io.jurist.ruleset;

import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Checks files as a proposal would, without proposing; the proposals resource is the workflow module's. */
@RestController
@RequestMapping("/api/v1/rulesets")
@Tag(name = "Rule changes", description = "Validate and propose rule changes; approval happens in Camunda")
class ValidationController {

    /** Files to check without proposing. */
    record ValidationRequest(Map<String, String> files, Integer restoreVersion) {
    }

    /** The answer to a validation. */
    record ValidationResponse(boolean valid, String revision, List<RulesetProblem> errors,
                              List<Map<String, Object>> scenarios, Impact impact) {
    }

    private final RulesetChanges changes;

    ValidationController(RulesetChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "Check files without proposing", description = "The same checks a proposal runs: "
            + "compile errors with file and line, scenario results, and the impact against the active version.")
    @PostMapping("/validate")
    ValidationResponse validate(@RequestBody ValidationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        RulesetFiles.checkPaths(request.files(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Some paths are not valid rule file paths.", errors);
        }
        Validation validation = changes.validate(changes.candidate(request.restoreVersion(), request.files()));
        return new ValidationResponse(validation.valid(), validation.revision(), validation.problems(),
                validation.scenarios().stream().map(Validation::view).toList(), validation.impact());
    }
}
