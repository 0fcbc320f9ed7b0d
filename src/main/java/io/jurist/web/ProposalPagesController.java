package io.jurist.web;

import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.jurist.workflow.ProcessViews;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Following a change: my proposals, one proposal's approval state, the version history and diffs. */
@Controller
class ProposalPagesController {

    private final RulesetStore store;
    private final ProcessViews processes;

    ProposalPagesController(RulesetStore store, ProcessViews processes) {
        this.store = store;
        this.processes = processes;
    }

    @GetMapping("/proposals")
    String mine(Authentication user, Model model) {
        model.addAttribute("versions", store.list().stream()
                .filter(v -> user.getName().equals(v.proposedBy()) && v.baseVersion() != null).toList());
        return "proposals";
    }

    /** A proposal's page: its version's state, the process, who must act, and each approval with its comment. */
    @GetMapping({"/proposals/{version}", "/versions/{version}"})
    String proposal(@PathVariable int version, Model model) {
        RulesetVersion stored = find(version);
        model.addAttribute("v", stored);
        var process = stored.processInstanceId() == null ? null
                : processes.of(stored.processInstanceId()).orElse(null);
        model.addAttribute("process", process);
        model.addAttribute("outcome", stored.baseVersion() == null ? null : ProposalOutcome.of(stored, process));
        return "proposal";
    }

    @GetMapping("/versions")
    String history(Model model) {
        model.addAttribute("versions", store.list());
        return "versions";
    }

    /** One changed file between two versions. */
    record FileDiff(String path, String change, List<String> lines) {
    }

    @GetMapping("/versions/diff")
    String diff(@RequestParam int from, @RequestParam int to, Model model) {
        find(from);
        find(to);
        List<FileDiff> files = store.files(from).changesTo(store.files(to)).stream()
                .map(c -> new FileDiff(c.path(), c.change().toLowerCase(java.util.Locale.ROOT),
                        List.of(c.diff().split("\n")))).toList();
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("diffs", files);
        model.addAttribute("versions", store.list());
        return "diff";
    }

    private RulesetVersion find(int version) {
        return store.find(version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no ruleset version " + version));
    }
}
