package io.jurist.decision;

import io.jurist.facts.DecisionCase;
import io.jurist.facts.Obligation;
import io.jurist.facts.Reason;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The evaluation path from checked queries to full answers (decision, reasons with rule names,
 * obligations), one at a time or many per Drools execution; shared by the endpoints and the benchmarks.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** Decides one query: one Drools execution. */
    public static DecisionResponse decide(CompiledRuleset ruleset, DecisionQuery query, Instant evaluatedAt) {
        return answer(query, ruleset.decide(query), ruleset, evaluatedAt);
    }

    /** Decides many queries in one Drools execution; the answers are in the order of the queries. */
    public static List<DecisionResponse> decideAll(CompiledRuleset ruleset, List<DecisionQuery> queries,
                                                   Instant evaluatedAt) {
        return answers(ruleset, queries, ruleset.decideAll(queries), evaluatedAt);
    }

    /** The answers to queries the ruleset decided as {@code decided}, in the same order. */
    static List<DecisionResponse> answers(CompiledRuleset ruleset, List<DecisionQuery> queries,
                                          List<DecisionCase> decided, Instant evaluatedAt) {
        List<DecisionResponse> answers = new ArrayList<>(decided.size());
        DecisionResponse.RulesetRef ref = new DecisionResponse.RulesetRef(ruleset.version(), ruleset.revision());
        for (int i = 0; i < decided.size(); i++) {
            answers.add(answer(queries.get(i), decided.get(i), ruleset, ref, evaluatedAt));
        }
        return answers;
    }

    static DecisionResponse answer(DecisionQuery query, DecisionCase decided, CompiledRuleset ruleset,
                                   Instant evaluatedAt) {
        return answer(query, decided, ruleset,
                new DecisionResponse.RulesetRef(ruleset.version(), ruleset.revision()), evaluatedAt);
    }

    private static DecisionResponse answer(DecisionQuery query, DecisionCase decided, CompiledRuleset ruleset,
                                           DecisionResponse.RulesetRef ref, Instant evaluatedAt) {
        // Plain loops rather than streams: this runs once per decision, millions of times a batch.
        List<Obligation> obligations = decided.decisiveObligations();
        List<DecisionResponse.ObligationView> obligationViews = new ArrayList<>(obligations.size());
        for (Obligation o : obligations) {
            obligationViews.add(new DecisionResponse.ObligationView(o.code(), o.rule(), o.description()));
        }
        List<Reason> reasons = decided.decisiveReasons();
        List<DecisionResponse.ReasonView> reasonViews = new ArrayList<>(reasons.size());
        for (Reason r : reasons) {
            reasonViews.add(new DecisionResponse.ReasonView(r.code(), r.rule(), r.message()));
        }
        return new DecisionResponse(
                newDecisionId(),
                decided.getEffect().name(),
                obligationViews,
                reasonViews,
                new DecisionResponse.JurisdictionView(query.country(), ruleset.reference().regionOf(query.country())),
                query.subjectId(),
                query.purpose(),
                query.consent().name(),
                query.at(),
                ref,
                evaluatedAt);
    }

    /** A random (version 4) UUID without the contention of a shared SecureRandom on the hot path. */
    static String newDecisionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
