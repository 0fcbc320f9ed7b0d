package io.jurist.decision;

import java.time.Instant;
import java.util.List;

/**
 * The answer to one decision request, in the XACML tradition: a decision, the obligations the
 * caller must carry out, and the reasons, with the ruleset version that made it.
 */
public record DecisionResponse(
        String decisionId,
        String decision,
        List<ObligationView> obligations,
        List<ReasonView> reasons,
        JurisdictionView jurisdiction,
        String subjectId,
        String purpose,
        String consent,
        Instant at,
        RulesetRef ruleset,
        Instant evaluatedAt) {

    /** An obligation: {@code code} is stable; {@code rule} names the DRL rule that imposed it. */
    public record ObligationView(String code, String rule, String description) {
    }

    /** A reason: {@code code} is stable; {@code rule} names the DRL rule that produced it. */
    public record ReasonView(String code, String rule, String message) {
    }

    /** Where the member is, as the rules saw it. */
    public record JurisdictionView(String country, String region) {
    }

    /** The ruleset version that made the decision. */
    public record RulesetRef(int version, String revision) {
    }
}
