package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Reason;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The opt-in rules of consent/ConsentModels.drl. The starting policy enables no jurisdiction under
 * opt-in, so these tests add one (Ireland, re-enabled under opt-in) to the table.
 */
class ConsentModelsTests {

    private static final Instant AFTER = Instant.parse("2025-09-01T00:00:00Z");

    private static final CompiledRuleset WITH_OPT_IN = new RulesetCompiler().compile(2, Rules.files().with(Map.of(
            "reference/jurisdictions.csv", Rules.files().files().get("reference/jurisdictions.csv")
                    + "IE,GENAI_TRAINING,ENABLED,OPT_IN,2025-06-01,Re-enablement under opt-in (test)\n")), null);

    private static DecisionCase decide(CompiledRuleset ruleset, String country, Consent consent, Instant at) {
        return ruleset.decide(new DecisionQuery("member-1", country, 30, "GENAI_TRAINING", consent, at));
    }

    @Test
    void underOptInAMemberWhoOptedInMayBeUsed() {
        DecisionCase decided = decide(WITH_OPT_IN, "IE", Consent.OPTED_IN, AFTER);
        assertThat(decided.getEffect().name()).isEqualTo("PERMIT");
        assertThat(decided.decisiveReasons()).extracting(Reason::code).containsExactly("PERMITTED");
        assertThat(decided.getRulesFired()).contains("Under an opt-in model, members who opted in may be used");
        assertThat(decided.decisiveObligations()).extracting(o -> o.code()).containsExactly("REDACT_PERSONAL_DATA");
    }

    @Test
    void underOptInAMemberWhoHasNotOptedInIsDeniedForLackOfConsent() {
        DecisionCase decided = decide(WITH_OPT_IN, "IE", Consent.NOT_SET, AFTER);
        assertThat(decided.getEffect().name()).isEqualTo("DENY");
        assertThat(decided.decisiveReasons()).extracting(Reason::code).containsExactly("CONSENT_REQUIRED");
        assertThat(decided.getRulesFired()).contains("Under an opt-in model, members who have not opted in are denied");
        assertThat(decided.decisiveObligations()).isEmpty();
    }

    @Test
    void underOptInAMemberWhoOptedOutIsDenied() {
        DecisionCase decided = decide(WITH_OPT_IN, "IE", Consent.OPTED_OUT, AFTER);
        assertThat(decided.decisiveReasons()).extracting(Reason::code).containsExactly("CONSENT_OPTED_OUT");
    }

    /** Before its own row takes effect Ireland is governed by the EEA row, as it was: suspended. */
    @Test
    void underOptInBeforeTheReEnablementTheMemberIsDeniedEvenWithConsent() {
        DecisionCase decided = decide(WITH_OPT_IN, "IE", Consent.OPTED_IN, Instant.parse("2025-05-31T23:59:59Z"));
        assertThat(decided.decisiveReasons()).extracting(Reason::code).containsExactly("JURISDICTION_SUSPENDED");
    }

    @Test
    void theRestOfTheEeaStaysSuspendedWhenOneCountryIsReEnabled() {
        DecisionCase decided = decide(WITH_OPT_IN, "FR", Consent.OPTED_IN, AFTER);
        assertThat(decided.decisiveReasons()).extracting(Reason::code).containsExactly("JURISDICTION_SUSPENDED");
    }

    @Test
    void underOptOutNotSettingTheSettingPermits() {
        DecisionCase decided = decide(Rules.compiled(), "US", Consent.NOT_SET, AFTER);
        assertThat(decided.getEffect().name()).isEqualTo("PERMIT");
        assertThat(decided.getRulesFired())
                .contains("Under an opt-out model, members who have not opted out may be used");
    }

    @Test
    void manyCasesInOneExecutionEachGetTheirOwnAnswer() {
        var answers = WITH_OPT_IN.decideAll(java.util.List.of(
                new DecisionQuery("a", "IE", 30, "GENAI_TRAINING", Consent.NOT_SET, AFTER),
                new DecisionQuery("b", "IE", 30, "GENAI_TRAINING", Consent.OPTED_IN, AFTER),
                new DecisionQuery("c", "GB", 30, "GENAI_TRAINING", Consent.OPTED_IN, AFTER),
                new DecisionQuery("d", "US", 12, "GENAI_TRAINING", Consent.NOT_SET, AFTER)));
        assertThat(answers).extracting(c -> c.decisiveReasons().get(0).code())
                .containsExactly("CONSENT_REQUIRED", "PERMITTED", "JURISDICTION_SUSPENDED", "MINOR_EXCLUDED");
    }
}
