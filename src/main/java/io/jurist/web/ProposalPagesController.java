package io.jurist.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.ruleset.Impact;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.RulesetProblem;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.jurist.ruleset.ScenarioRunner;
import io.jurist.workflow.ProcessView;
import io.jurist.workflow.ProcessViews;
import java.util.ArrayList;
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

    private static final ObjectMapper IMPACT_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    /**
     * A proposal's page, for people: who proposed it and why, where it stands in words, the impact in words
     * and numbers, the scenarios, and what changes (before/after table rows, the rules' lines, scenarios by
     * name). No process, task or definition ids: those are for machines.
     */
    @GetMapping({"/proposals/{version}", "/versions/{version}"})
    String proposal(@PathVariable int version, Model model) {
        RulesetVersion stored = find(version);
        ProcessView process = stored.processInstanceId() == null ? null
                : processes.of(stored.processInstanceId()).orElse(null);
        RulesetFiles files = store.files(version);
        model.addAttribute("v", stored);
        model.addAttribute("process", process);
        model.addAttribute("status", ProposalStatus.of(stored, process));
        model.addAttribute("revisionShort", shortRevision(stored.revision()));
        model.addAttribute("impact", impact(version));
        List<RulesetProblem> unread = new ArrayList<>();
        model.addAttribute("scenarioCount", ScenarioRunner.read(files, unread).size());
        model.addAttribute("reasonMeanings", ReasonGlossary.of(files));
        model.addAttribute("fileChanges", stored.baseVersion() == null ? List.of()
                : ChangesInWords.between(store.files(stored.baseVersion()).files(), files.files()));
        return "proposal";
    }

    /** The impact stored when the version was proposed, or null (the first version, or one stored before). */
    private Impact impact(int version) {
        return store.impactJson(version).map(json -> {
            try {
                return IMPACT_JSON.readValue(json, Impact.class);
            } catch (JsonProcessingException e) {
                return null;
            }
        }).orElse(null);
    }

    /** A revision for people: its first twelve hex digits. */
    static String shortRevision(String revision) {
        if (revision == null) {
            return "";
        }
        String hex = revision.startsWith("sha256:") ? revision.substring("sha256:".length()) : revision;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @GetMapping("/versions")
    String history(Model model) {
        model.addAttribute("versions", store.list());
        return "versions";
    }

    @GetMapping("/versions/diff")
    String diff(@RequestParam int from, @RequestParam int to, Model model) {
        find(from);
        find(to);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("fileChanges", ChangesInWords.between(store.files(from).files(), store.files(to).files()));
        model.addAttribute("versions", store.list());
        return "diff";
    }

    private RulesetVersion find(int version) {
        return store.find(version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no ruleset version " + version));
    }
}
