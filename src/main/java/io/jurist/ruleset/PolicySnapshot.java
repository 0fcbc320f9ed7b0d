package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Effect;
import io.jurist.facts.Obligation;
import io.jurist.facts.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every answer one ruleset version gives for one purpose, class by class: for every assigned country, every
 * consent setting, every range of ages (and unknown) and every range of instants, the decision, its reason
 * codes and its obligations, exactly as the rules give them.
 *
 * <p>The classes are those of {@link InputClasses}: within one, nothing a rule can test changes, so the
 * answer for its first age and first instant, decided by the rules themselves, is the answer for every
 * request in it. Adjacent ranges with the same answer are merged (instants first, then ages with the same
 * answers over time), which keeps the snapshot at a few thousand rows.
 */
final class PolicySnapshot {

    private static final int CHUNK = 1_000;

    /**
     * An obligation a permit carries.
     *
     * @param code        its stable code
     * @param description what it asks
     */
    public record SnapshotObligation(String code, String description) {
    }

    /**
     * What the rules answer.
     *
     * @param decision    PERMIT or DENY
     * @param reasonCodes the codes of the decisive reasons, sorted
     * @param obligations the obligations of a permit, sorted by code
     */
    public record Answer(Effect decision, List<String> reasonCodes, List<SnapshotObligation> obligations) {

        /** The answer of a decided case, in the snapshot's form. */
        public static Answer of(DecisionCase decided) {
            List<String> codes = new ArrayList<>();
            for (Reason reason : decided.decisiveReasons()) {
                codes.add(reason.code());
            }
            codes.sort(Comparator.naturalOrder());
            List<SnapshotObligation> obligations = new ArrayList<>();
            for (Obligation obligation : decided.decisiveObligations()) {
                obligations.add(new SnapshotObligation(obligation.code(), obligation.description()));
            }
            obligations.sort(Comparator.comparing(SnapshotObligation::code)
                    .thenComparing(SnapshotObligation::description, Comparator.nullsFirst(Comparator.naturalOrder())));
            return new Answer(decided.getEffect(), List.copyOf(codes), List.copyOf(obligations));
        }
    }

    /**
     * One class of inputs and its answer.
     *
     * @param country     an assigned ISO 3166-1 alpha-2 code
     * @param consent     the member's setting (a missing setting is NOT_SET)
     * @param ageMin      the youngest age of the range, or null for an unknown age
     * @param ageMax      the first age past the range, or null for an unknown age
     * @param from        the first instant of the range
     * @param to          the first instant past the range
     * @param decision    PERMIT or DENY
     * @param reasonCodes the decisive reason codes, sorted
     * @param obligations the obligations of a permit
     * @param version     the ruleset version
     * @param revision    its revision
     */
    public record Row(String country, Consent consent, Integer ageMin, Integer ageMax, Instant from, Instant to,
                      Effect decision, List<String> reasonCodes, List<SnapshotObligation> obligations,
                      int version, String revision) {

        Answer answer() {
            return new Answer(decision, reasonCodes, obligations);
        }

        boolean covers(Integer age, Instant at) {
            boolean ageMatches = age == null ? ageMin == null : ageMin != null && age >= ageMin && age < ageMax;
            return ageMatches && !at.isBefore(from) && at.isBefore(to);
        }
    }

    private final int version;
    private final String revision;
    private final String purpose;
    private final List<Row> rows;
    private final Map<String, List<Row>> byCountryAndConsent = new HashMap<>();

    private PolicySnapshot(int version, String revision, String purpose, List<Row> rows) {
        this.version = version;
        this.revision = revision;
        this.purpose = purpose;
        this.rows = List.copyOf(rows);
        for (Row row : this.rows) {
            byCountryAndConsent.computeIfAbsent(key(row.country(), row.consent()), k -> new ArrayList<>()).add(row);
        }
    }

    /** Decides every class of inputs of the purpose under the ruleset. */
    public static PolicySnapshot of(CompiledRuleset ruleset, String purpose) {
        if (!ruleset.reference().purposes().containsKey(purpose)) {
            throw new IllegalArgumentException("Version " + ruleset.version() + " knows no purpose " + purpose);
        }
        List<InputClasses.AgeRange> ageRanges = InputClasses.ageRanges(ruleset.ageThresholds());
        List<InputClasses.AgeRange> ageClasses = new ArrayList<>();
        ageClasses.add(null);
        ageClasses.addAll(ageRanges);
        // country -> its periods; the queries in order country, consent, age class, period
        Map<String, List<InputClasses.Period>> periodsOf = new HashMap<>();
        List<DecisionQuery> queries = new ArrayList<>();
        for (String country : Countries.assigned()) {
            List<InputClasses.Period> periods = InputClasses.periods(
                    ruleset.reference().history(country).getOrDefault(purpose, List.of()));
            periodsOf.put(country, periods);
            for (Consent consent : Consent.values()) {
                for (InputClasses.AgeRange ages : ageClasses) {
                    for (InputClasses.Period period : periods) {
                        queries.add(new DecisionQuery("snapshot-" + country, country,
                                ages == null ? null : ages.min(), purpose, consent, period.from()));
                    }
                }
            }
        }
        List<Answer> answers = new ArrayList<>(queries.size());
        for (int from = 0; from < queries.size(); from += CHUNK) {
            for (DecisionCase decided : ruleset.decideAll(queries.subList(from, Math.min(queries.size(), from + CHUNK)))) {
                answers.add(Answer.of(decided));
            }
        }
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (String country : Countries.assigned()) {
            List<InputClasses.Period> periods = periodsOf.get(country);
            for (Consent consent : Consent.values()) {
                List<List<Timed>> byAge = new ArrayList<>();
                for (int a = 0; a < ageClasses.size(); a++) {
                    byAge.add(mergeInTime(periods, answers.subList(next, next + periods.size())));
                    next += periods.size();
                }
                emit(rows, country, consent, null, byAge.get(0), ruleset);
                int start = 1;
                for (int a = 2; a <= ageClasses.size(); a++) {
                    if (a == ageClasses.size() || !byAge.get(a).equals(byAge.get(start))) {
                        InputClasses.AgeRange merged = new InputClasses.AgeRange(ageClasses.get(start).min(),
                                ageClasses.get(a - 1).max());
                        emit(rows, country, consent, merged, byAge.get(start), ruleset);
                        start = a;
                    }
                }
            }
        }
        return new PolicySnapshot(ruleset.version(), ruleset.revision(), purpose, rows);
    }

    /** An answer over a range of instants. */
    private record Timed(InputClasses.Period period, Answer answer) {
    }

    private static List<Timed> mergeInTime(List<InputClasses.Period> periods, List<Answer> answers) {
        List<Timed> merged = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            Timed last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.answer().equals(answers.get(i))) {
                merged.set(merged.size() - 1, new Timed(new InputClasses.Period(last.period().from(),
                        periods.get(i).to()), last.answer()));
            } else {
                merged.add(new Timed(periods.get(i), answers.get(i)));
            }
        }
        return merged;
    }

    private static void emit(List<Row> rows, String country, Consent consent, InputClasses.AgeRange ages,
                             List<Timed> timeline, CompiledRuleset ruleset) {
        for (Timed timed : timeline) {
            rows.add(new Row(country, consent, ages == null ? null : ages.min(), ages == null ? null : ages.max(),
                    timed.period().from(), timed.period().to(), timed.answer().decision(),
                    timed.answer().reasonCodes(), timed.answer().obligations(), ruleset.version(), ruleset.revision()));
        }
    }

    private static String key(String country, Consent consent) {
        return country + ":" + consent.name();
    }

    public int version() {
        return version;
    }

    public String revision() {
        return revision;
    }

    public String purpose() {
        return purpose;
    }

    /** Every class with its answer: by country, consent, unknown age first then ages upwards, then time. */
    public List<Row> rows() {
        return rows;
    }

    /**
     * The answer the snapshot gives for a request, looked up as a caller of the snapshot would.
     *
     * @param country a country code or alias, any case
     * @param age     an age within 0..{@value QueryCheck#MAX_AGE}, or null when unknown
     * @param consent the setting, or null for NOT_SET
     * @param at      an accepted instant
     * @throws IllegalArgumentException when the snapshot has no class for it (an input the service refuses)
     */
    public Answer answer(String country, Integer age, Consent consent, Instant at) {
        String code = Countries.normalize(country).orElseThrow(() ->
                new IllegalArgumentException("Not an assigned country code: " + country));
        List<Row> candidates = byCountryAndConsent.get(key(code, consent == null ? Consent.NOT_SET : consent));
        for (Row row : candidates) {
            if (row.covers(age, at)) {
                return row.answer();
            }
        }
        throw new IllegalArgumentException("No class for age " + age + " at " + at);
    }
}
