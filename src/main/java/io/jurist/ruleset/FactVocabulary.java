package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.ConsentModel;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.PurposeStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule may name of the fact model: the one fact type, the properties its conditions may test
 * and its messages may quote, the enums whose constants it may compare with, and the actions a
 * consequence may take. Everything not listed here is refused by {@link RuleChecker}.
 */
final class FactVocabulary {

    /** The fact type every rule matches: one member's question. */
    static final String FACT_TYPE = DecisionCase.class.getSimpleName();

    /** The types a rule file may import, by simple name. */
    static final Map<String, Class<?>> IMPORTABLE = Map.of(
            "DecisionCase", DecisionCase.class,
            "Consent", Consent.class,
            "ConsentModel", ConsentModel.class,
            "PurposeStatus", PurposeStatus.class);

    /** The enums whose constants a condition may name, as {@code Consent.OPTED_IN}. */
    static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of(
            "Consent", Consent.class,
            "ConsentModel", ConsentModel.class,
            "PurposeStatus", PurposeStatus.class);

    /** Actions a consequence may call on the case, each with a code and a message. */
    static final Set<String> ACTIONS = Set.of("deny", "permit", "oblige");

    /** Codes the engine itself gives; a rule may not give them. */
    static final Set<String> RESERVED_CODES = Set.of(DecisionCase.NO_RULE_PERMITS.code(),
            DecisionCase.FIRING_LIMIT_EXCEEDED.code());

    /** The kind of value a property holds, which decides what it may be compared with. */
    enum Type {
        TEXT, WHOLE_NUMBER, YES_NO, INSTANT, CONSENT, CONSENT_MODEL, PURPOSE_STATUS, NULL;

        static Optional<Type> ofEnum(Class<?> type) {
            if (type == Consent.class) {
                return Optional.of(CONSENT);
            } else if (type == ConsentModel.class) {
                return Optional.of(CONSENT_MODEL);
            } else if (type == PurposeStatus.class) {
                return Optional.of(PURPOSE_STATUS);
            }
            return Optional.empty();
        }

        boolean ordered() {
            return this == WHOLE_NUMBER || this == INSTANT;
        }

        String words() {
            return switch (this) {
                case TEXT -> "text";
                case WHOLE_NUMBER -> "a whole number";
                case YES_NO -> "true or false";
                case INSTANT -> "an instant";
                case CONSENT -> "a Consent";
                case CONSENT_MODEL -> "a ConsentModel";
                case PURPOSE_STATUS -> "a PurposeStatus";
                case NULL -> "null";
            };
        }
    }

    /**
     * A property of the case.
     *
     * @param type     what it holds
     * @param nullable whether it may be unknown (null)
     * @param getter   the getter a message calls to quote it
     */
    record Property(Type type, boolean nullable, String getter) {
    }

    /**
     * The properties a condition may test. Not the member's id (rules are about kinds of members, and
     * the id must not reach a reason's text), nor the table row's free text.
     */
    static final Map<String, Property> CONDITION_PROPERTIES = Map.ofEntries(
            Map.entry("country", new Property(Type.TEXT, false, "getCountry")),
            Map.entry("region", new Property(Type.TEXT, true, "getRegion")),
            Map.entry("purpose", new Property(Type.TEXT, false, "getPurpose")),
            Map.entry("consent", new Property(Type.CONSENT, false, "getConsent")),
            Map.entry("age", new Property(Type.WHOLE_NUMBER, true, "getAge")),
            Map.entry("at", new Property(Type.INSTANT, false, "getAt")),
            Map.entry("since", new Property(Type.INSTANT, true, "getSince")),
            Map.entry("status", new Property(Type.PURPOSE_STATUS, true, "getStatus")),
            Map.entry("consentModel", new Property(Type.CONSENT_MODEL, true, "getConsentModel")),
            Map.entry("beforeSince", new Property(Type.YES_NO, false, "isBeforeSince")),
            Map.entry("policyKnown", new Property(Type.YES_NO, false, "isPolicyKnown")));

    /** The getters a message may quote: the condition properties and the policy's reference. */
    static final Set<String> MESSAGE_GETTERS;

    static {
        java.util.Set<String> getters = new java.util.TreeSet<>();
        CONDITION_PROPERTIES.values().forEach(p -> getters.add(p.getter()));
        getters.add("getReference");
        MESSAGE_GETTERS = Set.copyOf(getters);
    }

    private FactVocabulary() {
    }
}
