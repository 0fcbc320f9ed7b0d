package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One version's memo of decisions by input class ({@link CompiledRuleset} says what a class is and why it is exact):
 * the decided, sealed {@link DecisionCase} of each class seen, at most {@link #LIMIT} classes. A query's class is
 * computed from the query and its governing policy row, so a query of a known class costs one small key and one
 * lookup, not a case of its own.
 */
final class DecisionMemo {

    /** The most input classes one version remembers. */
    static final int LIMIT = 50_000;

    /** Age to the age of its class (the youngest of its range, or its own when a message quotes it). */
    private final int[] ageKeys;
    private final ConcurrentHashMap<Key, DecisionCase> cases = new ConcurrentHashMap<>();

    /**
     * A memo for a version whose rules compare ages with {@code thresholds} and whose messages quote the getters in
     * {@code quoted} (but not the instant: such a version is not memoised).
     */
    DecisionMemo(Set<Integer> thresholds, Set<String> quoted) {
        this.ageKeys = new int[InputClasses.AGE_END];
        for (InputClasses.AgeRange range : InputClasses.ageRanges(thresholds)) {
            for (int age = range.min(); age < range.max(); age++) {
                ageKeys[age] = quoted.contains("getAge") ? age : range.min();
            }
        }
    }

    /**
     * The class of a query, under the policy row that governs it: everything a rule of this version can test of its
     * case; null when the query is not memoised (a country, purpose or instant missing, an age out of range).
     */
    Key keyOf(DecisionQuery query, JurisdictionPolicy policy) {
        Integer age = query.age();
        Instant at = query.at();
        if (query.country() == null || query.purpose() == null || at == null
                || (age != null && (age < 0 || age >= ageKeys.length))) {
            return null;
        }
        int atVsSince = policy == null || policy.since() == null ? 2 : Integer.signum(at.compareTo(policy.since()));
        // As the case holds it: no consent is NOT_SET.
        Consent consent = query.consent() == null ? Consent.NOT_SET : query.consent();
        return new Key(query.country(), query.purpose(), consent, age == null ? -1 : ageKeys[age], policy, atVsSince);
    }

    /** The age of the class an age in 0..{@link QueryCheck#MAX_AGE} belongs to (as {@link #keyOf} keys it). */
    int ageKey(int age) {
        return ageKeys[age];
    }

    /** The decided case of a class, or null when it is not known (yet). */
    DecisionCase get(Key key) {
        return cases.get(key);
    }

    /** Remembers a decided (sealed) case under its class, while there is room. */
    void remember(Key key, DecisionCase decided) {
        if (cases.size() < LIMIT) {
            cases.putIfAbsent(key, decided);
        }
    }

    int size() {
        return cases.size();
    }

    /** An input class: the governing row is compared by identity (one version's reference data holds each once). */
    static final class Key {

        private final String country;
        private final String purpose;
        private final Consent consent;
        private final int age;
        private final JurisdictionPolicy policy;
        private final int atVsSince;
        private final int hash;

        Key(String country, String purpose, Consent consent, int age, JurisdictionPolicy policy, int atVsSince) {
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
            return other instanceof Key k && k.hash == hash && k.age == age && k.atVsSince == atVsSince
                    && k.consent == consent && k.policy == policy && k.country.equals(country)
                    && k.purpose.equals(purpose);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
