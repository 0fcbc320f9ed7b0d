package io.jurist.ruleset;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, before requests are served: on an empty database the files under {@code rules/}
 * become version 1, active; otherwise the active version is loaded, and a {@code rules/} that
 * differs from it is reported, not activated.
 */
@Component
class RulesetBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RulesetBootstrap.class);

    private final RulesetStore store;
    private final RulesetCompiler compiler;
    private final ActiveRuleset active;
    private final RulesetProperties properties;

    RulesetBootstrap(RulesetStore store, RulesetCompiler compiler, ActiveRuleset active, RulesetProperties properties) {
        this.store = store;
        this.compiler = compiler;
        this.active = active;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var stored = store.activeVersion();
        if (stored.isPresent()) {
            // A refused active version leaves the newest earlier accepted one served (logged with file and line).
            active.load(stored.get());
            CompiledRuleset served = active.peek().orElseThrow(() -> new IllegalStateException("The active ruleset "
                    + "version " + stored.get() + " is refused and no earlier version is accepted; see the log above"));
            reportDrift(served);
            return;
        }
        if (!Files.isDirectory(properties.directory())) {
            throw new IllegalStateException("The database has no active ruleset and the rules directory "
                    + properties.directory().toAbsolutePath() + " does not exist (set jurist.rules.directory)");
        }
        RulesetFiles files = RulesetFiles.readDirectory(properties.directory());
        // Throws with every file and line when the rules do not compile: the service must not start.
        CompiledRuleset candidate = compiler.compile(1, files, null);
        List<RulesetProblem> problems = new ArrayList<>();
        List<ScenarioResult> failed = ScenarioRunner.runAll(candidate, problems)
                .stream().filter(r -> !r.passed()).toList();
        if (!problems.isEmpty() || !failed.isEmpty()) {
            List<RulesetProblem> all = new ArrayList<>(problems);
            failed.forEach(r -> all.add(new RulesetProblem(r.scenario().file(), r.scenario().line(),
                    "Scenario \"" + r.scenario().name() + "\" fails: " + String.join("; ", r.failures()))));
            throw new InvalidRulesetException(all);
        }
        int version = store.insertInitial(files, "start-up");
        log.info("Empty database: stored the files of {} as ruleset version {} ({}), active",
                properties.directory(), version, files.revision());
        active.publish(candidate.as(version, store.find(version).orElseThrow().activatedAt()));
    }

    private void reportDrift(CompiledRuleset served) {
        if (!Files.isDirectory(properties.directory())) {
            return;
        }
        RulesetFiles onDisk = RulesetFiles.readDirectory(properties.directory());
        if (onDisk.revision().equals(served.revision())) {
            return;
        }
        Set<String> changed = new TreeSet<>();
        Map<String, String> activeFiles = served.files().files();
        Set<String> paths = new TreeSet<>(activeFiles.keySet());
        paths.addAll(onDisk.files().keySet());
        for (String path : paths) {
            if (!Objects.equals(activeFiles.get(path), onDisk.files().get(path))) {
                changed.add(path);
            }
        }
        log.warn("The rules directory {} ({}) differs from the active ruleset version {} ({}) in {}. "
                        + "It is NOT activated: propose the change through POST /api/v1/rulesets/proposals.",
                properties.directory(), onDisk.revision(), served.version(), served.revision(), changed);
    }
}
