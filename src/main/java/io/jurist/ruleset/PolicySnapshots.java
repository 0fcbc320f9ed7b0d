package io.jurist.ruleset;

import io.jurist.api.ApiException;
import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The policy snapshots of stored versions, computed once per version and purpose and kept (versions never change,
 * so a kept one stays right). Callers that miss the same version and purpose at the same time share one
 * computation.
 */
@Component
public class PolicySnapshots {

    /** How many snapshots (version and purpose) are kept. */
    static final int CACHED = 32;

    private record Key(int version, String purpose) {
    }

    private final RulesetStore store;
    private final ActiveRuleset active;
    private final RulesetCompiler compiler;
    /** How many snapshots were computed (a cached one is not computed again). */
    private final LongAdder computed = new LongAdder();
    private final OnceCache<Key, PolicySnapshot> cache = new OnceCache<>(CACHED);

    PolicySnapshots(RulesetStore store, ActiveRuleset active, RulesetCompiler compiler) {
        this.store = store;
        this.active = active;
        this.compiler = compiler;
    }

    /**
     * The snapshot of a stored version for a purpose.
     *
     * @throws ApiException 404 for an unknown version, 400 for a missing or unknown purpose, 409 for a version
     *                      that does not compile under this release
     */
    public PolicySnapshot of(int version, String purpose) {
        RulesetVersion stored = store.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "No such ruleset version", "There is no ruleset version " + version
                + "; GET /api/v1/rulesets lists them."));
        if (purpose == null) {
            throw new InvalidRequestException("The purpose is required", List.of(new FieldError("purpose",
                    "is required: a purpose of version " + version)));
        }
        return cache.get(new Key(version, purpose), key -> {
            CompiledRuleset ruleset = compiled(stored);
            List<FieldError> errors = new ArrayList<>();
            QueryCheck.checkPurpose(purpose, ruleset.reference(), errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequestException("Unknown purpose", errors);
            }
            PolicySnapshot snapshot = PolicySnapshot.of(ruleset, purpose);
            computed.increment();
            return snapshot;
        });
    }

    long computed() {
        return computed.sum();
    }

    private CompiledRuleset compiled(RulesetVersion stored) {
        CompiledRuleset served = active.peek().orElse(null);
        if (served != null && served.version() == stored.version()) {
            return served;
        }
        try {
            return compiler.compile(stored.version(), store.files(stored.version()), stored.activatedAt());
        } catch (InvalidRulesetException e) {
            throw new ApiException(HttpStatus.CONFLICT, "Version does not compile",
                    "Version " + stored.version() + " does not compile under this release, so it has no snapshot.");
        }
    }
}
