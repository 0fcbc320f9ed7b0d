package io.jurist.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.api.FieldError;
import io.jurist.audit.DecisionLog;
import io.jurist.decision.DecisionRequest;
import io.jurist.decision.DecisionResponse;
import io.jurist.decision.Evaluation;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.QueryCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The warm-up's first step: decision requests read by the application's ObjectMapper, checked, decided by the
 * active ruleset's Drools session over a spread of countries, purposes, consents, ages and instants, answered
 * and written back to JSON, as {@code POST /api/v1/decisions} does, but in process. The answers are thrown
 * away: nothing goes to the decision log (whose pseudonymiser is exercised on its own) and no meter counts them.
 */
@Component
@Order(1)
class InProcessWarmup implements WarmupStep {

    /** A spread of jurisdictions with policies of their own and without; unknown ones are refused by the check. */
    static final List<String> COUNTRIES = List.of("US", "GB", "DE", "FR", "JP", "BR", "IN", "CH", "NO", "CA", "AU",
            "ES", "IT", "NL", "SE", "PL", "MX", "ZA", "KR", "UK", "IE", "CN", "SG", "AE", "NZ", "AR");
    static final List<String> CONSENTS = List.of("NOT_SET", "OPTED_IN", "OPTED_OUT");
    static final List<String> INSTANTS = List.of("2019-06-01T00:00:00Z", "2023-01-15T12:00:00Z",
            "2024-11-25T00:00:00Z", "2025-03-01T00:00:00Z");

    private final WarmupProperties properties;
    private final ActiveRuleset active;
    private final ObjectMapper json;
    private final DecisionLog log;
    private final Clock clock;

    InProcessWarmup(WarmupProperties properties, ActiveRuleset active, ObjectMapper json, DecisionLog log,
                    Clock clock) {
        this.properties = properties;
        this.active = active;
        this.json = json;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "in-process decisions";
    }

    @Override
    public String run(Instant deadline) throws Exception {
        CompiledRuleset ruleset = active.current();
        List<String> purposes = new ArrayList<>(ruleset.reference().purposes().keySet());
        int decided = 0;
        int refused = 0;
        long bytes = 0;
        for (int i = 0; i < properties.decisions(); i++) {
            if ((i & 255) == 0 && Instant.now().isAfter(deadline)) {
                break;
            }
            byte[] body = json.writeValueAsBytes(request(i, purposes));
            DecisionRequest request = json.readValue(body, DecisionRequest.class);
            List<FieldError> errors = new ArrayList<>(2);
            Optional<DecisionQuery> query = QueryCheck.check(request.subject().id(), request.subject().country(),
                    request.subject().age(), request.purpose(), request.consent(), request.at(),
                    ruleset.reference(), clock.instant(), errors);
            if (query.isEmpty()) {
                refused++;
                bytes += json.writeValueAsBytes(errors).length;
                continue;
            }
            DecisionResponse answer = Evaluation.decide(ruleset, query.get(), clock.instant());
            bytes += json.writeValueAsBytes(answer).length;
            if ((i & 15) == 0) {
                bytes += log.pseudonym(request.subject().id()).length();
            }
            decided++;
        }
        return decided + " decided and " + refused + " refused by ruleset v" + ruleset.version() + " (" + bytes
                + " bytes of JSON), none logged";
    }

    /** The i-th request of the spread: every 16th has no age, every 7th no instant. */
    static DecisionRequest request(int i, List<String> purposes) {
        String country = COUNTRIES.get(i % COUNTRIES.size());
        String purpose = purposes.isEmpty() ? "GENAI_TRAINING" : purposes.get((i / COUNTRIES.size()) % purposes.size());
        Integer age = i % 16 == 0 ? null : 10 + (i * 7) % 70;
        String at = i % 7 == 0 ? null : INSTANTS.get(i % INSTANTS.size());
        return new DecisionRequest(new DecisionRequest.Subject("warm-up-" + (i % 1000), country, age), purpose,
                CONSENTS.get((i / 3) % CONSENTS.size()), at);
    }
}
