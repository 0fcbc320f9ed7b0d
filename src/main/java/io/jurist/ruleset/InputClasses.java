package io.jurist.ruleset;

import io.jurist.api.InstantRange;
import io.jurist.facts.JurisdictionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The classes of inputs within which nothing a rule can test changes: the reasoning that makes both the
 * impact analysis and the policy snapshot exhaustive.
 *
 * <p>The rule language lets a rule compare the age only with whole numbers ({@link CompiledRuleset#ageThresholds()}),
 * text and enum properties only with literals, and the instant asked about only with the {@code since} of the
 * governing table row. So for a threshold {@code t}, {@code age < t}, {@code age <= t}, {@code age == t} and their
 * converses are constant on {@code [.., t)}, {@code [t, t + 1)} and {@code [t + 1, ..)}; and for one country and
 * purpose the governing row, hence every instant comparison, is constant between two consecutive dates a row of
 * the country's timeline takes effect on.
 */
final class InputClasses {

    /** The first age past the oldest accepted. */
    static final int AGE_END = QueryCheck.MAX_AGE + 1;

    private InputClasses() {
    }

    /**
     * A range of ages {@code [min, max)}.
     *
     * @param min the youngest age in it
     * @param max the first age past it
     */
    record AgeRange(int min, int max) {

        boolean contains(int age) {
            return age >= min && age < max;
        }
    }

    /**
     * A range of instants {@code [from, to)}.
     *
     * @param from the first instant in it
     * @param to   the first instant past it
     */
    record Period(Instant from, Instant to) {

        boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    /** The accepted ages 0..{@link QueryCheck#MAX_AGE} cut at {@code t} and {@code t + 1} for every threshold. */
    static List<AgeRange> ageRanges(Collection<Integer> thresholds) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, AGE_END));
        for (int threshold : thresholds) {
            for (int cut = threshold; cut <= threshold + 1; cut++) {
                if (cut > 0 && cut < AGE_END) {
                    cuts.add(cut);
                }
            }
        }
        List<AgeRange> ranges = new ArrayList<>();
        Integer from = null;
        for (int cut : cuts) {
            if (from != null) {
                ranges.add(new AgeRange(from, cut));
            }
            from = cut;
        }
        return ranges;
    }

    /** The accepted instants cut at the date every given period takes effect on. */
    static List<Period> periods(Collection<JurisdictionPolicy> timeline) {
        TreeSet<Instant> cuts = new TreeSet<>(List.of(InstantRange.EARLIEST, InstantRange.END));
        for (JurisdictionPolicy policy : timeline) {
            if (InstantRange.contains(policy.since()) && policy.since().isAfter(InstantRange.EARLIEST)) {
                cuts.add(policy.since());
            }
        }
        List<Period> periods = new ArrayList<>();
        Instant from = null;
        for (Instant cut : cuts) {
            if (from != null) {
                periods.add(new Period(from, cut));
            }
            from = cut;
        }
        return periods;
    }
}
