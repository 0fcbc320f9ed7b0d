package io.jurist.ruleset;

import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rulesets")
@Tag(name = "Rule changes", description = "Validate and propose rule changes; approval happens in Camunda")
class ProposalController {

    static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(drl|csv|yaml|yml|md)");
    static final int MAX_SUMMARY = 4000;

    /**
     * A proposal.
     *
     * @param summary        what changes and why, for the approvers
     * @param files          path under rules/ to new content; null removes the file; others stay
     * @param restoreVersion start from this version's files instead of the active one (a rollback)
     */
    record ProposalRequest(String summary, Map<String, String> files, Integer restoreVersion) {
    }

    /** Files to check without proposing. */
    record ValidationRequest(Map<String, String> files, Integer restoreVersion) {
    }

    /** The answer to a proposal. */
    record ProposalResponse(String id, int version, int baseVersion, String processInstanceId, String businessKey,
                            String status, String changeKind, Impact impact) {
    }

    /** The answer to a validation. */
    record ValidationResponse(boolean valid, String revision, List<RulesetProblem> errors,
                              List<Map<String, Object>> scenarios, Impact impact) {
    }

    private final RulesetChanges changes;

    ProposalController(RulesetChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "Propose a rule change", description = "Compiles the candidate (422 with each error's "
            + "file and line), runs the scenarios (422 listing failures), analyses the impact, then starts the "
            + "RuleChangeApproval process. Only rule authors may propose.")
    @PostMapping("/proposals")
    ResponseEntity<ProposalResponse> propose(@RequestBody ProposalRequest request, Principal principal) {
        List<FieldError> errors = new ArrayList<>();
        if (request.summary() == null || request.summary().isBlank()) {
            errors.add(new FieldError("summary", "is required: say what changes and why"));
        } else if (request.summary().length() > MAX_SUMMARY) {
            errors.add(new FieldError("summary", "must be at most " + MAX_SUMMARY + " characters"));
        }
        if ((request.files() == null || request.files().isEmpty()) && request.restoreVersion() == null) {
            errors.add(new FieldError("files", "is required: map each changed path under rules/ to its content"));
        }
        checkPaths(request.files(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The proposal is incomplete; nothing was submitted.", errors);
        }
        RulesetFiles candidate = changes.candidate(request.restoreVersion(), request.files());
        RulesetChanges.Proposed proposed = changes.propose(request.summary(), candidate, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/rulesets/proposals/" + proposed.version()))
                .body(new ProposalResponse(String.valueOf(proposed.version()), proposed.version(),
                        proposed.baseVersion(), proposed.processInstanceId(), proposed.businessKey(),
                        RulesetStatus.PROPOSED.name(), proposed.impact().kind().name(), proposed.impact()));
    }

    @Operation(summary = "Check files without proposing", description = "The same checks a proposal runs: "
            + "compile errors with file and line, scenario results, and the impact against the active version.")
    @PostMapping("/validate")
    ValidationResponse validate(@RequestBody ValidationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        checkPaths(request.files(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Some paths are not valid rule file paths.", errors);
        }
        Validation validation = changes.validate(changes.candidate(request.restoreVersion(), request.files()));
        return new ValidationResponse(validation.valid(), validation.revision(), validation.problems(),
                validation.scenarios().stream().map(Validation::view).toList(), validation.impact());
    }

    static void checkPaths(Map<String, String> files, List<FieldError> errors) {
        if (files == null) {
            return;
        }
        for (String path : files.keySet()) {
            if (path.length() > 256 || !PATH.matcher(path).matches()) {
                errors.add(new FieldError("files." + path, "is not a path under rules/ such as "
                        + "consent/ConsentModels.drl (letters, digits, - and _; ending .drl, .csv, .yaml or .md)"));
            }
        }
    }
}
