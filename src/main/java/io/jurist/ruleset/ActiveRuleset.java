package io.jurist.ruleset;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The compiled ruleset decisions are made with on this node: one immutable object behind one
 * reference, swapped atomically. A request that took the reference finishes on that version.
 * The node follows the active version recorded in the database.
 */
@Component
public class ActiveRuleset {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleset.class);

    private final AtomicReference<CompiledRuleset> current = new AtomicReference<>();
    private final RulesetStore store;
    private final RulesetCompiler compiler;
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();

    ActiveRuleset(RulesetStore store, RulesetCompiler compiler) {
        this.store = store;
        this.compiler = compiler;
    }

    /** The ruleset to decide with now; throws when there is none. */
    public CompiledRuleset current() {
        CompiledRuleset ruleset = current.get();
        if (ruleset == null) {
            throw new RulesetUnavailableException("No active ruleset is loaded on this node yet");
        }
        return ruleset;
    }

    public Optional<CompiledRuleset> peek() {
        return Optional.ofNullable(current.get());
    }

    /** Loads the database's active version if this node does not serve it yet. */
    @Scheduled(fixedDelayString = "${jurist.rules.follow-interval:2s}", initialDelayString = "${jurist.rules.follow-interval:2s}")
    public void follow() {
        try {
            store.activeVersion().ifPresent(this::load);
        } catch (RuntimeException e) {
            // Keep serving the version we have; the next round tries again.
            log.error("Could not follow the active ruleset version", e);
        }
    }

    /**
     * Compiles and publishes the given stored version unless it is already being served. A version the
     * rule language's checker (or the compiler) refuses is never served: the node keeps the version it
     * serves, or at start-up the newest earlier version that was once active and is still accepted, and
     * logs each refusal with its file and line, once per version.
     */
    synchronized void load(int version) {
        CompiledRuleset served = current.get();
        if ((served != null && served.version() == version) || refused.contains(version)) {
            return;
        }
        RulesetVersion stored = store.find(version).orElseThrow();
        Optional<CompiledRuleset> compiled = compile(stored);
        if (compiled.isPresent()) {
            publish(compiled.get());
        } else if (served == null) {
            loadLastGood(version);
        }
    }

    private Optional<CompiledRuleset> compile(RulesetVersion stored) {
        try {
            return Optional.of(compiler.compile(stored.version(), store.files(stored.version()), stored.activatedAt()));
        } catch (InvalidRulesetException e) {
            refused.add(stored.version());
            CompiledRuleset served = current.get();
            log.error("Ruleset version {} ({}) is refused and will not be served; this node serves {}. Problems: {}",
                    stored.version(), stored.revision(), served == null ? "no version yet" : "version " + served.version(),
                    e.problems());
            return Optional.empty();
        }
    }

    private void loadLastGood(int refusedVersion) {
        for (RulesetVersion earlier : store.list()) {
            if (earlier.version() < refusedVersion && earlier.activatedAt() != null && !refused.contains(earlier.version())) {
                Optional<CompiledRuleset> compiled = compile(earlier);
                if (compiled.isPresent()) {
                    log.warn("Serving ruleset version {}, the newest earlier version that is accepted, instead of the "
                            + "refused active version {}", earlier.version(), refusedVersion);
                    publish(compiled.get());
                    return;
                }
            }
        }
        log.error("No accepted ruleset version to serve: decisions are refused (503) until one is activated");
    }

    /** Versions this node refused to serve (logged once each). */
    Set<Integer> refused() {
        return Set.copyOf(refused);
    }

    /** Publishes an already compiled version, unless this node already serves a later one. */
    synchronized void publish(CompiledRuleset compiled) {
        CompiledRuleset served = current.get();
        if (served != null && served.version() >= compiled.version()) {
            return;
        }
        current.set(compiled);
        log.info("Serving ruleset version {} ({})", compiled.version(), compiled.revision());
    }
}
