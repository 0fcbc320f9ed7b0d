package io.jurist.ruleset;

import io.jurist.api.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rulesets")
@Tag(name = "Rulesets", description = "Ruleset versions: their files, status and history")
class RulesetController {

    /** A version with its files. */
    record RulesetView(int version, String revision, RulesetStatus status, String summary, String proposedBy,
                       Integer baseVersion, Instant createdAt, Instant activatedAt, String activatedBy,
                       String processInstanceId, List<RuleInfo> rules, SortedMap<String, String> files) {
    }

    private final RulesetStore store;
    private final ActiveRuleset active;

    RulesetController(RulesetStore store, ActiveRuleset active) {
        this.store = store;
        this.active = active;
    }

    @Operation(summary = "The active version, with its files and rules")
    @GetMapping("/active")
    RulesetView active() {
        CompiledRuleset served = active.current();
        return view(store.find(served.version()).orElseThrow(), served.files().files(), served.rules());
    }

    @Operation(summary = "Any version, with its files and status")
    @GetMapping("/{version}")
    RulesetView version(@PathVariable int version) {
        RulesetVersion stored = store.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "No such ruleset version", "There is no ruleset version " + version
                + "; GET /api/v1/rulesets/active names the current one."));
        CompiledRuleset served = active.peek().orElse(null);
        List<RuleInfo> rules = served != null && served.version() == version ? served.rules() : null;
        return view(stored, store.files(version).files(), rules);
    }

    static RulesetView view(RulesetVersion v, SortedMap<String, String> files, List<RuleInfo> rules) {
        return new RulesetView(v.version(), v.revision(), v.status(), v.summary(), v.proposedBy(), v.baseVersion(),
                v.createdAt(), v.activatedAt(), v.activatedBy(), v.processInstanceId(), rules, files);
    }
}
