package io.jurist.ruleset;

import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Decisions are memoised by input class, per version: within a class nothing a rule can test or a message can
 * quote differs, so the rules run once per class and later queries of the class get the same sealed
 * {@link DecisionCase}. What a rule can see of a case is its country, purpose and consent, its age compared with
 * whole numbers ({@link #ageThresholds()}), the governing policy row (region, status, consent model, since,
 * reference) and the instant asked about compared with that row's {@code since}; the class key is exactly these:
 * country, purpose, consent, the age's range between thresholds (the exact age when a message quotes it), the
 * governing row, and whether the instant is before, at or after its {@code since}. A ruleset whose messages quote
 * the instant itself is not memoised, nor is one not read by the rule checker, nor a decision that failed closed
 * (each such decision runs the rules, and is counted, on its own). The memo holds at most {@link #MEMO_LIMIT}
 * classes; past that, new classes are decided by the rules every time.
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
    private final Set<String> quoted;
    /** The decisions of this version by input class, or null when it is not memoised. */
    private final DecisionMemo memo;
    /** The memo's classes as numbers, made when a batch first asks (null until then, and when not memoised). */
    private volatile ClassCodes classCodes;

    /** The most input classes one version remembers. */
    static final int MEMO_LIMIT = DecisionMemo.LIMIT;

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

    /** A ruleset that was not read by the rule checker: nothing is known of what its rules test, so no memo. */
    CompiledRuleset(int version, RulesetFiles files, ReferenceData reference, List<RuleInfo> rules,
                    KieBase kieBase, Instant activatedAt, Set<Integer> ageThresholds, FiringLimit limit) {
        this(version, files, reference, rules, kieBase, activatedAt, ageThresholds, limit, null);
    }

    /**
     * A ruleset whose rules the checker read.
     *
     * @param quoted the getters a message quotes ({@link RuleChecker.Result#quoted()}), or null when unknown
     *               (then nothing is memoised)
     */
    CompiledRuleset(int version, RulesetFiles files, ReferenceData reference, List<RuleInfo> rules,
                    KieBase kieBase, Instant activatedAt, Set<Integer> ageThresholds, FiringLimit limit,
                    Set<String> quoted) {
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
        this.quoted = quoted == null ? null : Set.copyOf(quoted);
        this.memo = quoted == null || quoted.contains("getAt") ? null : new DecisionMemo(this.ageThresholds, quoted);
    }

    /** The same compiled rules under another version number and activation time (with a memo of its own). */
    CompiledRuleset as(int newVersion, Instant newActivatedAt) {
        return new CompiledRuleset(newVersion, files, reference, rules, kieBase, newActivatedAt, ageThresholds, limit,
                quoted);
    }

    /** The same rules without a memo: every decision runs them (the memo's proof compares with it). */
    public CompiledRuleset unmemoised() {
        return new CompiledRuleset(version, files, reference, rules, kieBase, activatedAt, ageThresholds, limit, null);
    }

    /** True when decisions of this version are memoised by input class. */
    boolean memoised() {
        return memo != null;
    }

    /** How many input classes the memo holds. */
    int memoSize() {
        return memo == null ? 0 : memo.size();
    }

    /**
     * The input classes of this version as numbers, for a batch's request thread ({@link ClassCodes}); null when
     * decisions of this version are not memoised.
     */
    public ClassCodes classCodes() {
        ClassCodes codes = classCodes;
        if (codes == null && memo != null) {
            // Made from immutable data: two threads that race make equal tables, either may stay.
            codes = new ClassCodes(reference, memo);
            classCodes = codes;
        }
        return codes;
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
        JurisdictionPolicy policy = policyOf(query);
        DecisionMemo.Key key = keyOf(query, policy);
        if (key != null) {
            DecisionCase known = memo.get(key);
            if (known != null) {
                return known;
            }
        }
        return execute(toCase(query, policy), key);
    }

    /** Runs the rules for one case: fails it closed past the firing limit, else remembers it under its key. */
    private DecisionCase execute(DecisionCase decisionCase, DecisionMemo.Key key) {
        session.execute(decisionCase);
        if (decisionCase.firings() > limit.perDecision()) {
            decisionCase.failClosed();
            limit.failedClosed().increment();
            return decisionCase;
        }
        remember(key, decisionCase);
        return decisionCase;
    }

    /**
     * Decides many queries, those of classes not yet known in one execution (one case per class); the answers
     * are in the order of the queries.
     */
    public List<DecisionCase> decideAll(List<DecisionQuery> queries) {
        List<DecisionCase> cases = new ArrayList<>(queries.size());
        List<DecisionCase> toRun = new ArrayList<>();
        List<DecisionMemo.Key> toRunKeys = new ArrayList<>();
        Map<DecisionMemo.Key, DecisionCase> running = null;
        for (DecisionQuery query : queries) {
            // A query of a known class costs its key and a lookup: its case is made only when the rules must run.
            JurisdictionPolicy policy = policyOf(query);
            DecisionMemo.Key key = keyOf(query, policy);
            if (key != null) {
                DecisionCase known = memo.get(key);
                if (known == null) {
                    if (running == null) {
                        running = new HashMap<>();
                    }
                    known = running.get(key);
                    if (known == null) {
                        known = toCase(query, policy);
                        running.put(key, known);
                        toRun.add(known);
                        toRunKeys.add(key);
                    }
                }
                cases.add(known);
            } else {
                DecisionCase decisionCase = toCase(query, policy);
                toRun.add(decisionCase);
                toRunKeys.add(null);
                cases.add(decisionCase);
            }
        }
        if (toRun.isEmpty()) {
            return cases;
        }
        session.execute(toRun);
        for (DecisionCase decided : toRun) {
            if (decided.firings() > limit.perDecision()) {
                // The execution halted with other cases perhaps not yet decided: decide each on its own.
                List<DecisionCase> again = new ArrayList<>(queries.size());
                for (DecisionQuery query : queries) {
                    again.add(decide(query));
                }
                return again;
            }
        }
        for (int i = 0; i < toRun.size(); i++) {
            remember(toRunKeys.get(i), toRun.get(i));
        }
        return cases;
    }

    private void remember(DecisionMemo.Key key, DecisionCase decided) {
        decided.seal();
        if (key != null) {
            memo.remember(key, decided);
        }
    }

    /** The class of a query under its governing policy row; null when it is not memoised. */
    private DecisionMemo.Key keyOf(DecisionQuery query, JurisdictionPolicy policy) {
        return memo == null ? null : memo.keyOf(query, policy);
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

    private JurisdictionPolicy policyOf(DecisionQuery query) {
        return reference.policyOrNull(query.country(), query.purpose(), query.at());
    }

    private DecisionCase toCase(DecisionQuery query, JurisdictionPolicy policy) {
        return new DecisionCase(query.subjectId(), query.country(), query.age(), query.purpose(),
                query.consent(), query.at(), policy);
    }
}
