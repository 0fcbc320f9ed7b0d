package io.jurist.workflow;

import io.jurist.api.ApiException;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rulesets/proposals")
@Tag(name = "Rule changes")
class ProposalStatusController {

    /** A proposal and where its approval stands. */
    record ProposalView(String id, RulesetVersion version, String diffLink, ProcessView process) {
    }

    private final RulesetStore store;
    private final ProcessViews processes;

    ProposalStatusController(RulesetStore store, ProcessViews processes) {
        this.store = store;
        this.processes = processes;
    }

    @Operation(summary = "Every proposal (versions with an approval process), newest first")
    @GetMapping
    List<ProposalView> list() {
        return store.list().stream().filter(v -> v.processInstanceId() != null).map(this::view).toList();
    }

    @Operation(summary = "A proposal: its version, the state of its approval process, open tasks and approvals")
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
