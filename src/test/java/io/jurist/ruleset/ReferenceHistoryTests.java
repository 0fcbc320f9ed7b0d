package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policies with history (issue 17): jurisdiction rows are periods, so a change from a date leaves every
 * decision about an earlier instant as it was. The example is the one of docs/rules.md: Brazil moves
 * from opt-out (inherited from *) to opt-in on 2026-12-02.
 */
class ReferenceHistoryTests {

    static final String TABLE = "reference/jurisdictions.csv";
    static final String BRAZIL_OPT_IN =
            "BR,GENAI_TRAINING,ENABLED,OPT_IN,2026-12-02,\"ANPD decision of 2026: opt-in required from 2026-12-02\"\n";
    static final Instant BEFORE = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant FROM = Instant.parse("2026-12-02T00:00:00Z");
    static final Instant AFTER = Instant.parse("2027-01-15T00:00:00Z");
    /** When the change is proposed: before it takes effect. */
    static final Instant PROPOSED = Instant.parse("2026-11-25T09:00:00Z");

    static CompiledRuleset withRows(String rows) {
        return new RulesetCompiler().compile(2, Rules.files().with(Map.of(TABLE,
                Rules.files().files().get(TABLE) + rows)), null);
    }

    static String decide(CompiledRuleset ruleset, String country, Consent consent, Instant at) {
        DecisionCase decided = ruleset.decide(new DecisionQuery("member-1", country, 30, "GENAI_TRAINING", consent, at));
        return decided.getEffect() + " " + decided.decisiveReasons().stream().map(Reason::code).toList();
    }

    @Test
    void brazilIsOptOutUntilTheDateAndOptInFromIt() {
        CompiledRuleset brazil = withRows(BRAZIL_OPT_IN);
        CompiledRuleset starting = Rules.compiled();
        for (Consent consent : Consent.values()) {
            for (Instant at : List.of(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-11-20T00:00:00Z"),
                    BEFORE, FROM.minusSeconds(1))) {
                assertThat(decide(brazil, "BR", consent, at)).as(consent + " at " + at)
                        .isEqualTo(decide(starting, "BR", consent, at));
            }
        }
        assertThat(decide(brazil, "BR", Consent.NOT_SET, BEFORE)).isEqualTo("PERMIT [PERMITTED]");
        assertThat(decide(brazil, "BR", Consent.NOT_SET, FROM)).isEqualTo("DENY [CONSENT_REQUIRED]");
        assertThat(decide(brazil, "BR", Consent.NOT_SET, AFTER)).isEqualTo("DENY [CONSENT_REQUIRED]");
        assertThat(decide(brazil, "BR", Consent.OPTED_IN, AFTER)).isEqualTo("PERMIT [PERMITTED]");
        assertThat(decide(brazil, "BR", Consent.OPTED_OUT, AFTER)).isEqualTo("DENY [CONSENT_OPTED_OUT]");
        assertThat(decide(brazil, "BR", Consent.NOT_SET, Instant.parse("2024-06-01T00:00:00Z")))
                .isEqualTo("DENY [PURPOSE_NOT_ENABLED]");
        assertThat(decide(brazil, "AR", Consent.NOT_SET, AFTER)).isEqualTo("PERMIT [PERMITTED]");
    }

    @Test
    void thePolicyAtAnInstantIsThePeriodThatContainsIt() {
        ReferenceData reference = withRows(BRAZIL_OPT_IN).reference();
        JurisdictionPolicy before = reference.policy("BR", "GENAI_TRAINING", BEFORE).orElseThrow();
        assertThat(before.row()).isEqualTo("*");
        assertThat(before.model().name()).isEqualTo("OPT_OUT");
        assertThat(before.since()).isEqualTo(Instant.parse("2024-11-20T00:00:00Z"));
        assertThat(before.until()).isEqualTo(FROM);
        JurisdictionPolicy after = reference.policy("BR", "GENAI_TRAINING", AFTER).orElseThrow();
        assertThat(after.row()).isEqualTo("BR");
        assertThat(after.model().name()).isEqualTo("OPT_IN");
        assertThat(after.until()).isNull();
        assertThat(reference.history("BR").get("GENAI_TRAINING")).extracting(JurisdictionPolicy::row)
                .containsExactly("*", "BR");
        assertThat(reference.history("AR").get("GENAI_TRAINING")).extracting(JurisdictionPolicy::row)
                .containsExactly("*");
    }

    @Test
    void aJurisdictionMayHaveSeveralPeriodsAndACountryRowBeatsItsRegionOnlyWhileInForce() {
        CompiledRuleset ruleset = withRows("""
                GB,GENAI_TRAINING,ENABLED,OPT_IN,2025-06-01,Re-enablement under opt-in (test)
                GB,GENAI_TRAINING,SUSPENDED,OPT_IN,2026-03-01,Suspended again (test)
                """);
        assertThat(decide(ruleset, "GB", Consent.OPTED_IN, Instant.parse("2024-10-01T00:00:00Z")))
                .isEqualTo("DENY [JURISDICTION_SUSPENDED]");
        assertThat(decide(ruleset, "GB", Consent.OPTED_IN, Instant.parse("2025-05-31T23:59:59Z")))
                .isEqualTo("DENY [JURISDICTION_SUSPENDED]");
        assertThat(decide(ruleset, "GB", Consent.OPTED_IN, Instant.parse("2025-06-01T00:00:00Z")))
                .isEqualTo("PERMIT [PERMITTED]");
        assertThat(decide(ruleset, "GB", Consent.OPTED_IN, Instant.parse("2026-03-01T00:00:00Z")))
                .isEqualTo("DENY [JURISDICTION_SUSPENDED]");
        assertThat(decide(ruleset, "IE", Consent.OPTED_IN, Instant.parse("2025-07-01T00:00:00Z")))
                .isEqualTo("DENY [JURISDICTION_SUSPENDED]");
    }

    @Test
    void twoRowsForTheSameJurisdictionPurposeAndSinceAreAnError() {
        List<RulesetProblem> problems = new ArrayList<>();
        ReferenceData.read(Rules.files().with(Map.of(TABLE, Rules.files().files().get(TABLE) + BRAZIL_OPT_IN
                + "BR,GENAI_TRAINING,ENABLED,OPT_OUT,2026-12-02T00:00:00Z,Twice\n")).files(), problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(Rules.files().files().get(TABLE).split("\n").length + 2);
            assertThat(p.message()).contains("BR and GENAI_TRAINING from 2026-12-02T00:00:00Z is already in the table");
        });
    }

    @Test
    void aChangeFromADateAltersNoDecisionAboutAnEarlierInstant() {
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), withRows(BRAZIL_OPT_IN), PROPOSED);
        assertThat(impact.pastAltered()).isZero();
        assertThat(impact.altersPast()).isFalse();
        assertThat(impact.permitToDeny()).isPositive();
        assertThat(impact.byCountry()).containsOnlyKeys("BR");
        assertThat(impact.examples()).allSatisfy(flip ->
                assertThat(Instant.parse(flip.at())).isAfterOrEqualTo(FROM));
        assertThat(impact.summary()).doesNotContain("before today");
    }

    /** A suspension takes effect from the moment it is made: the seconds before the analysis are no past day. */
    @Test
    void aChangeFromTheMomentItIsMadeAltersNoPastDay() {
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), withRows(
                "BR,GENAI_TRAINING,SUSPENDED,OPT_OUT," + PROPOSED.minusSeconds(60) + ",Suspension (test)\n"), PROPOSED);
        assertThat(impact.permitToDeny()).isPositive();
        assertThat(impact.pastAltered()).isZero();
    }

    @Test
    void aBackDatedChangeIsCountedAsAlteringThePast() {
        Impact impact = ImpactAnalysis.compare(Rules.compiled(), withRows(
                "BR,GENAI_TRAINING,ENABLED,OPT_IN,2025-01-01,ANPD (back-dated)\n"), PROPOSED);
        assertThat(impact.pastAltered()).isPositive();
        assertThat(impact.altersPast()).isTrue();
        assertThat(impact.summary()).contains(impact.pastAltered() + " decision(s) about days before today (UTC) would change");
    }

    @Test
    void theStartingPolicyHasOnePeriodPerCountryAndPurposeAsBefore() {
        ReferenceData reference = Rules.compiled().reference();
        assertThat(reference.history("FR").get("GENAI_TRAINING")).extracting(JurisdictionPolicy::row)
                .containsExactly("EEA");
        assertThat(reference.history("CH").get("GENAI_TRAINING")).extracting(JurisdictionPolicy::row)
                .containsExactly("CH");
        assertThat(reference.history("US").get("GENAI_TRAINING")).extracting(JurisdictionPolicy::row)
                .containsExactly("*");
    }
}
