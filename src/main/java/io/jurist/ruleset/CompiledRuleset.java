package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Age to the key of its class, or null when this ruleset is not memoised. */
    private final int[] ageKeys;
    private final ConcurrentHashMap<ClassKey, DecisionCase> memo = new ConcurrentHashMap<>();

    /** The most input classes one version remembers. */
    static final int MEMO_LIMIT = 50_000;

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
        this.ageKeys = quoted == null || quoted.contains("getAt") ? null : ageKeys(this.ageThresholds, quoted);
    }

    /** The same compiled rules under another version number and activation time (with a memo of its own). */
    CompiledRuleset as(int newVersion, Instant newActivatedAt) {
        return new CompiledRuleset(newVersion, files, reference, rules, kieBase, newActivatedAt, ageThresholds, limit,
                quoted);
    }

    /** For every accepted age, the youngest age of its class: its own when a message quotes the age. */
    private static int[] ageKeys(Set<Integer> thresholds, Set<String> quoted) {
        int[] keys = new int[InputClasses.AGE_END];
        for (InputClasses.AgeRange range : InputClasses.ageRanges(thresholds)) {
            for (int age = range.min(); age < range.max(); age++) {
                keys[age] = quoted.contains("getAge") ? age : range.min();
            }
        }
        return keys;
    }

    /** The same rules without a memo: every decision runs them (the memo's proof compares with it). */
    public CompiledRuleset unmemoised() {
        return new CompiledRuleset(version, files, reference, rules, kieBase, activatedAt, ageThresholds, limit, null);
    }

    /** True when decisions of this version are memoised by input class. */
    boolean memoised() {
        return ageKeys != null;
    }

    /** How many input classes the memo holds. */
    int memoSize() {
        return memo.size();
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
        ClassKey key = keyOf(decisionCase);
        if (key != null) {
            DecisionCase known = memo.get(key);
            if (known != null) {
                return known;
            }
        }
        return execute(decisionCase, key);
    }

    /** Runs the rules for one case: fails it closed past the firing limit, else remembers it under its key. */
    private DecisionCase execute(DecisionCase decisionCase, ClassKey key) {
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
        List<ClassKey> toRunKeys = new ArrayList<>();
        Map<ClassKey, DecisionCase> running = null;
        for (DecisionQuery query : queries) {
            DecisionCase decisionCase = toCase(query);
            ClassKey key = keyOf(decisionCase);
            if (key != null) {
                DecisionCase known = memo.get(key);
                if (known == null) {
                    if (running == null) {
                        running = new HashMap<>();
                    }
                    known = running.get(key);
                    if (known == null) {
                        running.put(key, decisionCase);
                        toRun.add(decisionCase);
                        toRunKeys.add(key);
                    }
                }
                cases.add(known == null ? decisionCase : known);
            } else {
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

    private void remember(ClassKey key, DecisionCase decided) {
        decided.seal();
        if (key != null && memo.size() < MEMO_LIMIT) {
            memo.putIfAbsent(key, decided);
        }
    }

    /**
     * The class of a case: everything a rule of this version can test of it, and every property its messages
     * quote but the instant; null when it is not memoised.
     */
    private ClassKey keyOf(DecisionCase c) {
        Integer age = c.getAge();
        Instant at = c.getAt();
        if (ageKeys == null || c.getCountry() == null || c.getPurpose() == null || at == null
                || (age != null && (age < 0 || age >= ageKeys.length))) {
            return null;
        }
        JurisdictionPolicy policy = c.getPolicy();
        int atVsSince = policy == null || policy.since() == null ? 2 : Integer.signum(at.compareTo(policy.since()));
        return new ClassKey(c.getCountry(), c.getPurpose(), c.getConsent(), age == null ? -1 : ageKeys[age],
                policy, atVsSince);
    }

    /** An input class: the governing row is compared by identity (one version's reference data holds each once). */
    private static final class ClassKey {

        private final String country;
        private final String purpose;
        private final Consent consent;
        private final int age;
        private final JurisdictionPolicy policy;
        private final int atVsSince;
        private final int hash;

        ClassKey(String country, String purpose, Consent consent, int age, JurisdictionPolicy policy, int atVsSince) {
            this.country = country;
            this.purpose = purpose;
            this.consent = consent;
            this.age = age;
            this.policy = policy;
            this.atVsSince = atVsSince;
            int h = country.hashCode();
            h = 31 * h + purpose.hashCode();
            h = 31 * h + consent.ordinal();
            h = 31 * h + age;
            h = 31 * h + System.identityHashCode(policy);
            this.hash = 31 * h + atVsSince;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ClassKey k && k.hash == hash && k.age == age && k.atVsSince == atVsSince
                    && k.consent == consent && k.policy == policy && k.country.equals(country)
                    && k.purpose.equals(purpose);
        }

        @Override
        public int hashCode() {
            return hash;
        }
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
