package io.jurist.ruleset;

import io.jurist.facts.DecisionCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.kie.api.KieBase;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.Match;

/**
 * One ruleset version, compiled and immutable: what every decision is evaluated against.
 *
 * <p>The stateless session keeps no globals, so one instance serves every thread; each call inserts
 * its own {@link DecisionCase} facts and reads the reasons from them.
 *
 * <p>Rules fire within a bound: a case for which rules fired more than {@link FiringLimit#perDecision()}
 * times halts the execution and is answered DENY {@code FIRING_LIMIT_EXCEEDED} (fail closed); the
 * other cases of a halted batch chunk are decided again one by one, each within the same bound.
 */
public final class CompiledRuleset {

    private final int version;
    private final RulesetFiles files;
    private final ReferenceData reference;
    private final List<RuleInfo> rules;
    private final KieBase kieBase;
    private final StatelessKieSession session;
    private final Instant activatedAt;
    private final Set<Integer> ageThresholds;
    private final FiringLimit limit;

    /**
     * How often rules may fire for one case, and where the cases that went past it are counted.
     *
     * @param perDecision  the most firings one decision may take
     * @param failedClosed counts the decisions answered DENY because they went past it
     */
    public record FiringLimit(int perDecision, LongAdder failedClosed) {

        /** The default: far more than any ruleset in the rule language fires for one case. */
        public static FiringLimit standard() {
            return new FiringLimit(100, new LongAdder());
        }
    }

    CompiledRuleset(int version, RulesetFiles files, ReferenceData reference, List<RuleInfo> rules,
                    KieBase kieBase, Instant activatedAt, Set<Integer> ageThresholds, FiringLimit limit) {
        this.version = version;
        this.files = files;
        this.reference = reference;
        this.rules = List.copyOf(rules);
        this.kieBase = kieBase;
        this.session = kieBase.newStatelessKieSession();
        this.session.addEventListener(new Firings(limit.perDecision()));
        this.activatedAt = activatedAt;
        this.ageThresholds = Set.copyOf(ageThresholds);
        this.limit = limit;
    }

    /** The same compiled rules under another version number and activation time. */
    CompiledRuleset as(int newVersion, Instant newActivatedAt) {
        return new CompiledRuleset(newVersion, files, reference, rules, kieBase, newActivatedAt, ageThresholds, limit);
    }

    /** Every whole number a rule of this version compares the member's age with. */
    public Set<Integer> ageThresholds() {
        return ageThresholds;
    }

    public int version() {
        return version;
    }

    public String revision() {
        return files.revision();
    }

    public RulesetFiles files() {
        return files;
    }

    public ReferenceData reference() {
        return reference;
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    /** When this version became active, or null for a candidate. */
    public Instant activatedAt() {
        return activatedAt;
    }

    /** Decides one query. */
    public DecisionCase decide(DecisionQuery query) {
        DecisionCase decisionCase = toCase(query);
        session.execute(decisionCase);
        if (decisionCase.firings() > limit.perDecision()) {
            decisionCase.failClosed();
            limit.failedClosed().increment();
        }
        return decisionCase;
    }

    /** Decides many queries in one execution; the answers are in the order of the queries. */
    public List<DecisionCase> decideAll(List<DecisionQuery> queries) {
        List<DecisionCase> cases = new ArrayList<>(queries.size());
        for (DecisionQuery query : queries) {
            cases.add(toCase(query));
        }
        session.execute(cases);
        for (DecisionCase decided : cases) {
            if (decided.firings() > limit.perDecision()) {
                // The execution halted with other cases perhaps not yet decided: decide each on its own.
                List<DecisionCase> again = new ArrayList<>(queries.size());
                for (DecisionQuery query : queries) {
                    again.add(decide(query));
                }
                return again;
            }
        }
        return cases;
    }

    /** Names the firing rule on its case, counts the firing, and halts a case past the limit. */
    private static final class Firings extends DefaultAgendaEventListener {

        private final int perDecision;

        Firings(int perDecision) {
            this.perDecision = perDecision;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            Match match = event.getMatch();
            String rule = match.getRule().getName();
            for (Object fact : match.getObjects()) {
                if (fact instanceof DecisionCase decisionCase) {
                    decisionCase.firing(rule);
                    if (decisionCase.firings() > perDecision) {
                        event.getKieRuntime().halt();
                    }
                }
            }
        }
    }

    private DecisionCase toCase(DecisionQuery query) {
        return new DecisionCase(query.subjectId(), query.country(), query.age(), query.purpose(),
                query.consent(), query.at(), reference.policyOrNull(query.country(), query.purpose(), query.at()));
    }
}
