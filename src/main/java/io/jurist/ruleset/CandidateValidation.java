package io.jurist.ruleset;

import io.jurist.audit.RecentDecisions;
import io.jurist.facts.Consent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks candidate files: the rule language's refusals and compile errors, failing scenarios, and the impact
 * against the active version (weighted by recent decisions) when they compile, within the validation budget.
 */
@Component
class CandidateValidation {

    private final RulesetCompiler compiler;
    private final ActiveRuleset active;
    private final RecentDecisions recent;
    private final int recentDays;
    private final Clock clock;
    private final ValidationBudget budget;

    CandidateValidation(RulesetCompiler compiler, ActiveRuleset active, RecentDecisions recent,
                        @Value("${jurist.rules.impact-recent-days:30}") int recentDays, Clock clock,
                        ValidationBudget budget) {
        this.compiler = compiler;
        this.active = active;
        this.recent = recent;
        this.recentDays = recentDays;
        this.clock = clock;
        this.budget = budget;
    }

    /** Off the caller's thread, within the budget (past it: 422). */
    Validation validate(RulesetFiles candidate) {
        return budget.run(() -> validateNow(candidate));
    }

    private Validation validateNow(RulesetFiles candidate) {
        CompiledRuleset base = active.current();
        CompiledRuleset compiled;
        try {
            compiled = compiler.compile(0, candidate, null);
        } catch (InvalidRulesetException e) {
            return new Validation(candidate.revision(), e.problems(), List.of(), null);
        }
        List<RulesetProblem> problems = new ArrayList<>();
        List<ScenarioResult> scenarios = ScenarioRunner.runAll(compiled, problems);
        Instant now = clock.instant();
        List<ImpactAnalysis.Weighted> recent = this.recent.since(now.minus(Duration.ofDays(recentDays))).stream()
                .map(c -> new ImpactAnalysis.Weighted(new DecisionQuery("recent", c.country(), c.representativeAge(),
                        c.purpose(), Consent.valueOf(c.consent()), now), c.decisions()))
                .toList();
        Impact impact = ImpactAnalysis.compare(base, compiled, now, recentDays, recent);
        return new Validation(candidate.revision(), problems, scenarios, impact);
    }
}
