package io.jurist.bench;

import io.jurist.decision.DecisionResponse;
import io.jurist.decision.DecisionResponse.ObligationView;
import io.jurist.decision.DecisionResponse.ReasonView;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The alternative a user of this stack would reach for: Camunda's DMN engine evaluating the starting
 * policy as one decision table ({@code bench/policy.dmn}, hit policy COLLECT), with the same
 * jurisdiction table lookup before it and the same answer objects after it.
 */
final class DmnPolicy {

    private final ReferenceData reference;
    private final DecisionResponse.RulesetRef ruleset;
    private final DmnEngine engine;
    private final DmnDecision decision;

    DmnPolicy(CompiledRuleset compiled) {
        this.reference = compiled.reference();
        this.ruleset = new DecisionResponse.RulesetRef(compiled.version(), compiled.revision());
        this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream dmn = DmnPolicy.class.getResourceAsStream("/bench/policy.dmn")) {
            this.decision = engine.parseDecision("Decision_Policy", dmn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DecisionResponse decide(DecisionQuery q, Instant evaluatedAt) {
        JurisdictionPolicy p = reference.policies(q.country()).get(q.purpose());
        VariableMap variables = Variables.createVariables()
                .putValue("status", p == null ? null : p.status().name())
                .putValue("beforeSince", p != null && q.at().isBefore(p.since()))
                .putValue("consentModel", p == null ? null : p.model().name())
                .putValue("consent", q.consent().name())
                .putValue("purpose", q.purpose())
                .putValue("age", q.age());
        DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
        List<ReasonView> deny = new ArrayList<>(2);
        List<ReasonView> permit = new ArrayList<>(1);
        List<ObligationView> obligations = new ArrayList<>(1);
        for (Map<String, Object> row : result.getResultList()) {
            String code = (String) row.get("code");
            String rule = (String) row.get("rule");
            switch ((String) row.get("kind")) {
                case "DENY" -> deny.add(new ReasonView(code, rule, message(code, q, p)));
                case "PERMIT" -> permit.add(new ReasonView(code, rule, message(rule, q, p)));
                default -> obligations.add(new ObligationView(code, rule,
                        "Redact personal data from the record before it enters a training set."));
            }
        }
        String verdict;
        List<ReasonView> reasons;
        if (!deny.isEmpty()) {
            verdict = "DENY";
            reasons = deny;
            obligations = List.of();
        } else if (!permit.isEmpty()) {
            verdict = "PERMIT";
            reasons = permit;
        } else {
            verdict = "DENY";
            reasons = List.of(new ReasonView("NO_RULE_PERMITS", null, "No rule permits this use, so it is denied."));
            obligations = List.of();
        }
        return new DecisionResponse(HandWrittenPolicy.decisionId(), verdict, obligations, reasons,
                new DecisionResponse.JurisdictionView(q.country(), reference.regionOf(q.country())),
                q.subjectId(), q.purpose(), q.consent().name(), q.at(), ruleset, evaluatedAt);
    }

    /** The texts the DRL rules write, keyed by reason code (or, for permits, by rule). */
    private static String message(String key, DecisionQuery q, JurisdictionPolicy p) {
        return switch (key) {
            case "JURISDICTION_SUSPENDED" -> "The purpose " + q.purpose() + " is suspended in " + q.country()
                    + " since " + p.since() + " (" + p.reference() + ").";
            case "PURPOSE_NOT_ENABLED" -> "The purpose " + q.purpose() + " was not enabled in " + q.country()
                    + " before " + p.since() + ".";
            case "NO_POLICY" -> "No policy for " + q.purpose() + " covers " + q.country() + ".";
            case "CONSENT_OPTED_OUT" -> "The member opted out of " + q.purpose() + ".";
            case "CONSENT_REQUIRED" -> "In " + q.country() + " the member must opt in to " + q.purpose()
                    + ", and has not.";
            case "MINOR_EXCLUDED" -> "The member is known to be under 18.";
            case HandWrittenPolicy.OPT_OUT_PERMIT -> "Enabled in " + q.country()
                    + " under an opt-out model and the member has not opted out.";
            case HandWrittenPolicy.OPT_IN_PERMIT -> "Enabled in " + q.country()
                    + " under an opt-in model and the member opted in.";
            default -> throw new IllegalStateException("No message for " + key + " (status "
                    + (p == null ? null : p.status() == PurposeStatus.ENABLED) + ")");
        };
    }
}
