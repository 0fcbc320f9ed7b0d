package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * A rule that keeps firing, compiled below the checker (the rule language cannot express it): decisions
 * still end, within the firing limit, and fail closed.
 */
class FiringLimitTests {

    private static final String RUNAWAY = """
            package io.jurist.rules;
            import io.jurist.facts.DecisionCase;

            rule "Fires again and again for members in the United Kingdom"
            when
                $case : DecisionCase( country == "GB" )
            then
                $case.permit("AGAIN", "Once more.");
                update($case);
            end
            """;

    private static KieBase unchecked(String drl) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        files.write("src/main/resources/io/jurist/rules/Runaway.drl", drl);
        KieBuilder builder = services.newKieBuilder(files).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        return services.newKieContainer(services.getRepository().getDefaultReleaseId()).getKieBase();
    }

    private static DecisionQuery member(String country) {
        return new DecisionQuery("m-" + country, country, 30, "GENAI_TRAINING", Consent.NOT_SET,
                Instant.parse("2025-06-01T00:00:00Z"));
    }

    private final LongAdder failedClosed = new LongAdder();
    private final CompiledRuleset runaway = new CompiledRuleset(1, Rules.files(), Rules.compiled().reference(),
            List.of(), unchecked(RUNAWAY), null, Set.of(), new CompiledRuleset.FiringLimit(50, failedClosed));

    @Test
    void aDecisionUnderARunawayRuleEndsWithinTheLimitAndFailsClosed() {
        DecisionCase decided = runaway.decide(member("GB"));
        assertThat(decided.firings()).isEqualTo(51);
        assertThat(decided.getEffect().name()).isEqualTo("DENY");
        assertThat(decided.decisiveReasons()).containsExactly(DecisionCase.FIRING_LIMIT_EXCEEDED);
        assertThat(decided.decisiveObligations()).isEmpty();
        assertThat(failedClosed.sum()).isEqualTo(1);
    }

    @Test
    void inABatchOnlyTheRunawayCaseFailsClosedAndTheOthersAreDecided() {
        List<DecisionCase> decided = runaway.decideAll(List.of(member("US"), member("GB"), member("FR")));
        assertThat(decided.get(1).decisiveReasons()).containsExactly(DecisionCase.FIRING_LIMIT_EXCEEDED);
        assertThat(decided.get(0).decisiveReasons()).extracting(r -> r.code()).containsExactly("NO_RULE_PERMITS");
        assertThat(decided.get(2).decisiveReasons()).extracting(r -> r.code()).containsExactly("NO_RULE_PERMITS");
        assertThat(decided).allSatisfy(c -> assertThat(c.firings()).isLessThanOrEqualTo(51));
        assertThat(failedClosed.sum()).isEqualTo(1);
    }

    @Test
    void rulesThatSettleAreNotTouchedByTheLimit() {
        DecisionCase decided = Rules.compiled().decide(member("US"));
        assertThat(decided.getEffect().name()).isEqualTo("PERMIT");
        assertThat(decided.firings()).isEqualTo(2);
        assertThat(decided.getRulesFired()).containsExactlyInAnyOrder(
                "Under an opt-out model, members who have not opted out may be used",
                "Personal data is redacted before generative-AI training");
    }
}
