package io.jurist.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One question put to the rules, with the policy that governs it, and the reasons the rules give.
 *
 * <p>Each evaluation inserts its own cases, so the reasons collected here belong to exactly one
 * request. The combining algorithm is deny-overrides: any deny reason makes the decision DENY, and
 * a case that no rule permitted is denied too (fail closed).
 */
public final class DecisionCase {

    /** The reason given when no rule permitted and none denied: nothing is permitted by default. */
    public static final Reason NO_RULE_PERMITS = new Reason("NO_RULE_PERMITS", null,
            "No rule permits this use, so it is denied.", Effect.DENY);

    private final String subjectId;
    private final String country;
    private final Integer age;
    private final String purpose;
    private final Consent consent;
    private final Instant at;
    private final JurisdictionPolicy policy;

    /**
     * The reason given when the rules fired more often than one decision may take (a rule that keeps
     * re-firing): the decision fails closed.
     */
    public static final Reason FIRING_LIMIT_EXCEEDED = new Reason("FIRING_LIMIT_EXCEEDED", null,
            "The rules did not settle within the firing limit for one decision, so it is denied.", Effect.DENY);

    private final List<Reason> reasons = new ArrayList<>(2);
    private String firingRule;
    private int firings;
    private final List<Obligation> obligations = new ArrayList<>(1);
    private final List<String> rulesFired = new ArrayList<>(3);
    private volatile boolean sealed;

    public DecisionCase(String subjectId, String country, Integer age, String purpose, Consent consent,
                        Instant at, JurisdictionPolicy policy) {
        this.subjectId = subjectId;
        this.country = country;
        this.age = age;
        this.purpose = purpose;
        this.consent = consent == null ? Consent.NOT_SET : consent;
        this.at = at;
        this.policy = policy;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public String getCountry() {
        return country;
    }

    /** The member's age in years, or null when unknown. */
    public Integer getAge() {
        return age;
    }

    public String getPurpose() {
        return purpose;
    }

    public Consent getConsent() {
        return consent;
    }

    /** The moment the decision is about. */
    public Instant getAt() {
        return at;
    }

    /**
     * The governing policy: the period of the reference table in force at {@link #getAt()}, or the first
     * period when the instant precedes them all; null when the table has none for this country and purpose.
     */
    public JurisdictionPolicy getPolicy() {
        return policy;
    }

    public boolean isPolicyKnown() {
        return policy != null;
    }

    public PurposeStatus getStatus() {
        return policy == null ? null : policy.status();
    }

    public ConsentModel getConsentModel() {
        return policy == null ? null : policy.model();
    }

    /** When the governing policy's status took effect, or null without a policy. */
    public Instant getSince() {
        return policy == null ? null : policy.since();
    }

    /**
     * True when the decision is about a moment before the governing status took effect, which happens
     * only before every period of the country's policy for the purpose.
     */
    public boolean isBeforeSince() {
        return policy != null && at.isBefore(policy.since());
    }

    public String getRegion() {
        return policy == null ? null : policy.region();
    }

    public String getReference() {
        return policy == null ? null : policy.reference();
    }

    /** Records a reason to deny: a reason code and a message for people. */
    public void deny(String code, String message) {
        checkOpen();
        reasons.add(new Reason(code, firingRule, message, Effect.DENY));
        rulesFired.add(firingRule);
    }

    /** Records a reason to permit: a reason code and a message for people. */
    public void permit(String code, String message) {
        checkOpen();
        reasons.add(new Reason(code, firingRule, message, Effect.PERMIT));
        rulesFired.add(firingRule);
    }

    /** Records an obligation that applies if the decision is PERMIT: a code and what to do. */
    public void oblige(String code, String description) {
        checkOpen();
        obligations.add(new Obligation(code, firingRule, description));
        rulesFired.add(firingRule);
    }

    /** The form of rules written before the rule language, which passed their own name: kept for stored versions. */
    public void deny(String code, String rule, String message) {
        deny(code, message);
    }

    /** The form of rules written before the rule language, which passed their own name: kept for stored versions. */
    public void permit(String code, String rule, String message) {
        permit(code, message);
    }

    /** The form of rules written before the rule language, which passed their own name: kept for stored versions. */
    public void oblige(String code, String rule, String description) {
        oblige(code, description);
    }

    /**
     * Called by the engine just before a rule fires for this case: names the rule whose reasons follow
     * and counts the firing. Not for rules (the rule language does not let them call it).
     */
    public void firing(String rule) {
        checkOpen();
        firingRule = rule;
        firings++;
    }

    /**
     * Fixes the outcome: from now on every call that would change it throws. A decided case is sealed before
     * it is shared (the ruleset's memo answers later queries of the same class with it).
     */
    public void seal() {
        sealed = true;
    }

    /** True once {@link #seal()} was called. */
    public boolean isSealed() {
        return sealed;
    }

    private void checkOpen() {
        if (sealed) {
            throw new IllegalStateException("This decided case is shared and cannot change");
        }
    }

    /** How many times rules fired for this case. */
    public int firings() {
        return firings;
    }

    /**
     * Replaces whatever the rules said with the fail-closed answer for a case whose rules did not settle
     * within the firing limit.
     */
    public void failClosed() {
        checkOpen();
        reasons.clear();
        obligations.clear();
        reasons.add(FIRING_LIMIT_EXCEEDED);
    }

    /** Deny-overrides: DENY when any rule denied or when no rule permitted. */
    public Effect getEffect() {
        boolean permitted = false;
        for (Reason reason : reasons) {
            if (reason.effect() == Effect.DENY) {
                return Effect.DENY;
            }
            permitted = true;
        }
        return permitted ? Effect.PERMIT : Effect.DENY;
    }

    /**
     * The reasons that carry the decision: the deny reasons of a DENY, the permit reasons of a PERMIT,
     * and for a case no rule spoke about, the fail-closed reason.
     */
    public List<Reason> decisiveReasons() {
        if (reasons.isEmpty()) {
            return List.of(NO_RULE_PERMITS);
        }
        Effect effect = getEffect();
        List<Reason> decisive = new ArrayList<>(reasons.size());
        for (Reason reason : reasons) {
            if (reason.effect() == effect) {
                decisive.add(reason);
            }
        }
        return decisive;
    }

    /** Obligations bind only a permit. */
    public List<Obligation> decisiveObligations() {
        return getEffect() == Effect.PERMIT ? Collections.unmodifiableList(obligations) : List.of();
    }

    public List<Reason> getReasons() {
        return Collections.unmodifiableList(reasons);
    }

    /** Names of every rule that fired, in firing order. */
    public List<String> getRulesFired() {
        return Collections.unmodifiableList(rulesFired);
    }
}
