package io.jurist.decision;

import io.jurist.api.FieldError;
import io.jurist.audit.DecisionLog;
import io.jurist.facts.DecisionCase;
import io.jurist.api.InvalidRequestException;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.QueryCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Checks requests, decides them with the active ruleset, and hands each decision to the decision log. */
@Service
public class Decider {

    private final ActiveRuleset active;
    private final Clock clock;
    private final DecisionLog log;

    Decider(ActiveRuleset active, Clock clock, DecisionLog log) {
        this.active = active;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Decides one request and logs the decision; throws {@link InvalidRequestException} naming every bad field
     * (nothing is decided or logged then).
     *
     * @param client who asks: the authenticated user or token client name, as the log records it
     */
    public DecisionResponse decide(DecisionRequest request, String client) {
        Made made = make(request);
        record(made, client);
        return made.answer();
    }

    /** A decision and its answer, not yet handed to the decision log. */
    record Made(DecisionQuery query, DecisionCase decided, DecisionResponse answer) {
    }

    /**
     * Checks and decides one request without logging it (the first half of {@link #decide}); throws
     * {@link InvalidRequestException} naming every bad field.
     */
    Made make(DecisionRequest request) {
        CompiledRuleset ruleset = active.current();
        List<FieldError> errors = new ArrayList<>(2);
        Optional<DecisionQuery> query = check(request, ruleset, clock.instant(), errors);
        if (query.isEmpty()) {
            throw new InvalidRequestException("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + "; nothing was decided.", errors);
        }
        DecisionQuery checked = query.get();
        DecisionCase decided = ruleset.decide(checked);
        return new Made(checked, decided, Evaluation.answer(checked, decided, ruleset, clock.instant()));
    }

    /** Hands a decision to the decision log (the second half of {@link #decide}), unless the log is off. */
    void record(Made made, String client) {
        if (log.enabled()) {
            log.record(LogRecords.of(made.query(), made.decided(), made.answer(), client, null));
        }
    }

    static Optional<DecisionQuery> check(DecisionRequest request, CompiledRuleset ruleset, Instant now,
                                         List<FieldError> errors) {
        if (request == null) {
            errors.add(new FieldError("(body)", "a JSON object is required"));
            return Optional.empty();
        }
        if (request.subject() == null) {
            errors.add(new FieldError("subject", "is required: { \"id\": ..., \"country\": ... }"));
            QueryCheck.check("-", "GB", null, request.purpose(), request.consent(), request.at(),
                    ruleset.reference(), now, errors);
            return Optional.empty();
        }
        DecisionRequest.Subject subject = request.subject();
        return QueryCheck.check(subject.id(), subject.country(), subject.age(), request.purpose(),
                request.consent(), request.at(), ruleset.reference(), now, errors);
    }
}
