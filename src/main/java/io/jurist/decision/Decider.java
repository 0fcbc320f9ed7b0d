package io.jurist.decision;

import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.jurist.facts.DecisionCase;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.QueryCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;

/** Checks requests and decides them with the active ruleset. */
@Service
public class Decider {

    private final ActiveRuleset active;
    private final Clock clock;

    Decider(ActiveRuleset active, Clock clock) {
        this.active = active;
        this.clock = clock;
    }

    /** Decides one request; throws {@link InvalidRequestException} naming every bad field. */
    public DecisionResponse decide(DecisionRequest request) {
        CompiledRuleset ruleset = active.current();
        List<FieldError> errors = new ArrayList<>(2);
        Optional<DecisionQuery> query = check(request, ruleset, clock.instant(), errors);
        if (query.isEmpty()) {
            throw new InvalidRequestException("The request has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s") + "; nothing was decided.", errors);
        }
        return answer(query.get(), ruleset.decide(query.get()), ruleset, clock.instant());
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

    static DecisionResponse answer(DecisionQuery query, DecisionCase decided, CompiledRuleset ruleset,
                                   Instant evaluatedAt) {
        return new DecisionResponse(
                newDecisionId(),
                decided.getEffect().name(),
                decided.decisiveObligations().stream()
                        .map(o -> new DecisionResponse.ObligationView(o.code(), o.rule(), o.description())).toList(),
                decided.decisiveReasons().stream()
                        .map(r -> new DecisionResponse.ReasonView(r.code(), r.rule(), r.message())).toList(),
                new DecisionResponse.JurisdictionView(query.country(), ruleset.reference().regionOf(query.country())),
                query.subjectId(),
                query.purpose(),
                query.consent().name(),
                query.at(),
                new DecisionResponse.RulesetRef(ruleset.version(), ruleset.revision()),
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
