package io.jurist.workflow;

import io.jurist.api.ApiException;
import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.jurist.ruleset.Impact;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proposals resource: propose a rule change (its version and its approval process start together) and see
 * where each proposal's approval stands. Here rather than in the ruleset module because a proposal is a version with
 * its process, and the ruleset module knows no engine.
 */
@RestController
@RequestMapping("/api/v1/rulesets/proposals")
@Tag(name = "Rule changes")
class ProposalController {

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

    /** The answer to a proposal. */
    record ProposalResponse(String id, int version, int baseVersion, String processInstanceId, String businessKey,
                            String status, String changeKind, Impact impact) {
    }

    /** A proposal and where its approval stands. */
    record ProposalView(String id, RulesetVersion version, String diffLink, ProcessView process) {
    }

    private final RulesetChanges changes;
    private final RulesetStore store;
    private final ProcessViews processes;

    ProposalController(RulesetChanges changes, RulesetStore store, ProcessViews processes) {
        this.changes = changes;
        this.store = store;
        this.processes = processes;
    }

    @Operation(summary = "Propose a rule change", description = "Compiles the candidate (422 with each error's "
            + "file and line), runs the scenarios (422 listing failures), analyses the impact, then starts the "
            + "RuleChangeApproval process. Only rule authors may propose.")
    @PostMapping
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
        RulesetFiles.checkPaths(request.files(), errors);
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

    @Operation(summary = "Every proposal (versions with an approval process), newest first", description = "Each "
            + "proposed version with its status, impact kind and approval process. Any authenticated caller.")
    @GetMapping
    List<ProposalView> list() {
        return store.list().stream().filter(v -> v.processInstanceId() != null).map(this::view).toList();
    }

    @Operation(summary = "A proposal: its version, the state of its approval process, open tasks and approvals",
            description = "Follow a proposal from submission to activation: its RuleChangeApproval process, the "
                    + "tasks open in it, the approvals given and a link to its diff. 404 when the version was no "
                    + "proposal.")
    @GetMapping("/{id}")
    ProposalView get(@PathVariable int id) {
        RulesetVersion version = store.find(id).filter(v -> v.processInstanceId() != null)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "No such proposal",
                        "There is no proposal " + id + "; GET /api/v1/rulesets/proposals lists them."));
        return view(version);
    }

    private ProposalView view(RulesetVersion version) {
        return new ProposalView(String.valueOf(version.version()), version,
                version.baseVersion() == null ? null
                        : RuleChangeVariables.diffLink(version.baseVersion(), version.version()),
                processes.of(version.processInstanceId()).orElse(null));
    }
}
