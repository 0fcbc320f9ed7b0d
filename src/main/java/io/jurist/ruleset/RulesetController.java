package io.jurist.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.api.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.SortedMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rulesets")
@Tag(name = "Rulesets", description = "Ruleset versions: their files, status, impact and history")
class RulesetController {

    /** A version with its files. */
    record RulesetView(int version, String revision, RulesetStatus status, String statusReason, String summary,
                       String proposedBy, Integer baseVersion, java.time.Instant createdAt,
                       java.time.Instant activatedAt, String activatedBy, String processInstanceId,
                       String changeKind, JsonNode impact, List<RuleInfo> rules, SortedMap<String, String> files) {
    }

    /** One changed file between two versions. */
    record FileDiff(String path, String change, String diff) {
    }

    /** The file-by-file difference between two versions. */
    record VersionDiff(int from, int to, String fromRevision, String toRevision, List<FileDiff> files) {
    }

    private final RulesetStore store;
    private final ActiveRuleset active;
    private final ObjectMapper json;

    RulesetController(RulesetStore store, ActiveRuleset active, ObjectMapper json) {
        this.store = store;
        this.active = active;
        this.json = json;
    }

    @Operation(summary = "Every version, newest first, without files", description = "Each version's number, "
            + "revision, status (PROPOSED, ACTIVE, SUPERSEDED, REJECTED, FAILED), summary and who proposed and "
            + "activated it. Any authenticated caller.")
    @GetMapping
    List<RulesetVersion> list() {
        return store.list();
    }

    @Operation(summary = "The active version, with its files and rules", description = "The version this node "
            + "decides with: its files (DRL, reference tables, scenarios) and the rules compiled from them. 503 "
            + "while no version is loaded.")
    @GetMapping("/active")
    RulesetView active() {
        CompiledRuleset served = active.current();
        return view(find(served.version()), served.files().files(), served.rules());
    }

    @Operation(summary = "Any version, with its files, status and impact", description = "A stored version by "
            + "number, with its files and, for a proposal, the impact analysis it was approved on. 404 when there "
            + "is no such version.")
    @GetMapping("/{version}")
    RulesetView version(@PathVariable int version) {
        RulesetVersion stored = find(version);
        CompiledRuleset served = active.peek().orElse(null);
        List<RuleInfo> rules = served != null && served.version() == version ? served.rules() : null;
        return view(stored, store.files(version).files(), rules);
    }

    @Operation(summary = "File-by-file diff from one version to another, in unified form", description = "Each file "
            + "added, removed or changed between the two versions, with a unified diff. 404 when either version "
            + "does not exist.")
    @GetMapping("/{from}/diff/{to}")
    VersionDiff diff(@PathVariable int from, @PathVariable int to) {
        RulesetVersion a = find(from);
        RulesetVersion b = find(to);
        List<FileDiff> files = store.files(from).changesTo(store.files(to)).stream()
                .map(c -> new FileDiff(c.path(), c.change(), c.diff())).toList();
        return new VersionDiff(from, to, a.revision(), b.revision(), files);
    }

    private RulesetVersion find(int version) {
        return store.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "No such ruleset version", "There is no ruleset version " + version
                + "; GET /api/v1/rulesets lists them."));
    }

    private RulesetView view(RulesetVersion v, SortedMap<String, String> files, List<RuleInfo> rules) {
        JsonNode impact = store.impactJson(v.version()).map(text -> {
            try {
                return json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null);
        return new RulesetView(v.version(), v.revision(), v.status(), v.statusReason(), v.summary(), v.proposedBy(),
                v.baseVersion(), v.createdAt(), v.activatedAt(), v.activatedBy(), v.processInstanceId(),
                v.changeKind(), impact, rules, files);
    }
}
