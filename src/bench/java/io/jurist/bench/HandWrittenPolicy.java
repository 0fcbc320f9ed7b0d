package io.jurist.bench;

import io.jurist.decision.DecisionResponse;
import io.jurist.decision.DecisionResponse.ObligationView;
import io.jurist.decision.DecisionResponse.ReasonView;
import io.jurist.facts.Consent;
import io.jurist.facts.ConsentModel;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The baseline: the starting policy (rules/ as of version 1) written by hand in plain Java, building
 * the same answer objects as Jurist, with the same jurisdiction table lookup. It exists only here.
 */
final class HandWrittenPolicy {

    static final String SUSPENDED = "Members in a jurisdiction where the purpose is suspended are denied";
    static final String NOT_YET_ENABLED = "Decisions about a time before the purpose was enabled are denied";
    static final String NO_POLICY = "Members in a jurisdiction without a policy for the purpose are denied";
    static final String OPT_OUT_PERMIT = "Under an opt-out model, members who have not opted out may be used";
    static final String OPTED_OUT = "Members who opted out are denied";
    static final String OPT_IN_PERMIT = "Under an opt-in model, members who opted in may be used";
    static final String OPT_IN_DENY = "Under an opt-in model, members who have not opted in are denied";
    static final String MINORS = "Members known to be under 18 are excluded from generative-AI training";
    static final String REDACTION = "Personal data is redacted before generative-AI training";

    private final ReferenceData reference;
    private final DecisionResponse.RulesetRef ruleset;

    HandWrittenPolicy(CompiledRuleset compiled) {
        this.reference = compiled.reference();
        this.ruleset = new DecisionResponse.RulesetRef(compiled.version(), compiled.revision());
    }

    DecisionResponse decide(DecisionQuery q, Instant evaluatedAt) {
        JurisdictionPolicy p = reference.policies(q.country()).get(q.purpose());
        List<ReasonView> deny = new ArrayList<>(2);
        List<ReasonView> permit = new ArrayList<>(1);
        List<ObligationView> obligations = new ArrayList<>(1);
        boolean enabled = p != null && p.status() == PurposeStatus.ENABLED;
        boolean beforeSince = p != null && q.at().isBefore(p.since());
        if (p != null && p.status() == PurposeStatus.SUSPENDED) {
            deny.add(new ReasonView("JURISDICTION_SUSPENDED", SUSPENDED, "The purpose " + q.purpose()
                    + " is suspended in " + q.country() + " since " + p.since() + " (" + p.reference() + ")."));
        }
        if (enabled && beforeSince) {
            deny.add(new ReasonView("PURPOSE_NOT_ENABLED", NOT_YET_ENABLED, "The purpose " + q.purpose()
                    + " was not enabled in " + q.country() + " before " + p.since() + "."));
        }
        if (p == null) {
            deny.add(new ReasonView("NO_POLICY", NO_POLICY,
                    "No policy for " + q.purpose() + " covers " + q.country() + "."));
        }
        if (enabled && !beforeSince && p.model() == ConsentModel.OPT_OUT && q.consent() != Consent.OPTED_OUT) {
            permit.add(new ReasonView("PERMITTED", OPT_OUT_PERMIT, "Enabled in " + q.country()
                    + " under an opt-out model and the member has not opted out."));
        }
        if (enabled && q.consent() == Consent.OPTED_OUT) {
            deny.add(new ReasonView("CONSENT_OPTED_OUT", OPTED_OUT, "The member opted out of " + q.purpose() + "."));
        }
        if (enabled && !beforeSince && p.model() == ConsentModel.OPT_IN && q.consent() == Consent.OPTED_IN) {
            permit.add(new ReasonView("PERMITTED", OPT_IN_PERMIT, "Enabled in " + q.country()
                    + " under an opt-in model and the member opted in."));
        }
        if (enabled && p.model() == ConsentModel.OPT_IN && q.consent() == Consent.NOT_SET) {
            deny.add(new ReasonView("CONSENT_REQUIRED", OPT_IN_DENY, "In " + q.country()
                    + " the member must opt in to " + q.purpose() + ", and has not."));
        }
        boolean training = "GENAI_TRAINING".equals(q.purpose());
        if (training && q.age() != null && q.age() < 18) {
            deny.add(new ReasonView("MINOR_EXCLUDED", MINORS, "The member is known to be under 18."));
        }
        if (training) {
            obligations.add(new ObligationView("REDACT_PERSONAL_DATA", REDACTION,
                    "Redact personal data from the record before it enters a training set."));
        }
        String decision;
        List<ReasonView> reasons;
        if (!deny.isEmpty()) {
            decision = "DENY";
            reasons = deny;
            obligations = List.of();
        } else if (!permit.isEmpty()) {
            decision = "PERMIT";
            reasons = permit;
        } else {
            decision = "DENY";
            reasons = List.of(new ReasonView("NO_RULE_PERMITS", null, "No rule permits this use, so it is denied."));
            obligations = List.of();
        }
        return new DecisionResponse(decisionId(), decision, obligations, reasons,
                new DecisionResponse.JurisdictionView(q.country(), reference.regionOf(q.country())),
                q.subjectId(), q.purpose(), q.consent().name(), q.at(), ruleset, evaluatedAt);
    }

    static String decisionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
