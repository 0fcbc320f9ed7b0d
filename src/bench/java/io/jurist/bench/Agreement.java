package io.jurist.bench;

import io.jurist.decision.DecisionResponse;
import io.jurist.decision.DecisionResponse.ReasonView;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Compares the answers of the implementations on one population before anything is timed, so that a
 * fast wrong answer cannot count. Ids and evaluation times differ by design and are left out; the
 * order of several deny reasons is not part of the contract.
 */
final class Agreement {

    private Agreement() {
    }

    static String essence(DecisionResponse r) {
        List<ReasonView> reasons = r.reasons().stream()
                .sorted(Comparator.comparing(ReasonView::code).thenComparing(v -> String.valueOf(v.rule()))).toList();
        return String.join("|", r.decision(), reasons.toString(), r.obligations().toString(),
                r.jurisdiction().toString(), r.subjectId(), r.purpose(), r.consent(), String.valueOf(r.at()),
                r.ruleset().toString());
    }

    /** Throws naming the first difference, unless every answer of {@code other} equals the reference. */
    static void check(String name, List<DecisionResponse> reference, List<DecisionResponse> other) {
        if (reference.size() != other.size()) {
            throw new IllegalStateException(name + " gave " + other.size() + " answers for " + reference.size());
        }
        for (int i = 0; i < reference.size(); i++) {
            String expected = essence(reference.get(i));
            String actual = essence(other.get(i));
            if (!expected.equals(actual)) {
                throw new IllegalStateException(name + " differs from Jurist at case " + i + ":\n  jurist: "
                        + expected + "\n  " + name + ": " + actual);
            }
        }
    }

    /** Checks Jurist single and the baselines (DMN when given) against Jurist batched on the population. */
    static void checkAll(io.jurist.ruleset.CompiledRuleset ruleset, HandWrittenPolicy handWritten, DmnPolicy dmn,
                         List<io.jurist.ruleset.DecisionQuery> population, java.time.Instant now) {
        List<DecisionResponse> jurist = io.jurist.decision.Evaluation.decideAll(ruleset, population, now);
        check("jurist-single", jurist, each(population, q -> io.jurist.decision.Evaluation.decide(ruleset, q, now)));
        check("hand-written", jurist, each(population, q -> handWritten.decide(q, now)));
        if (dmn != null) {
            check("camunda-dmn", jurist, each(population, q -> dmn.decide(q, now)));
        }
    }

    static List<DecisionResponse> each(List<io.jurist.ruleset.DecisionQuery> queries,
                                       Function<io.jurist.ruleset.DecisionQuery, DecisionResponse> decide) {
        return queries.stream().map(decide).toList();
    }
}
