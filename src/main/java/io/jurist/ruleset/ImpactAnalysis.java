package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.Reason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the same population under two versions and counts what flips. The population covers every
 * assigned country, every purpose of either version, every consent value, age bands around the
 * minors' line, and instants around each date a status took effect, plus the scenarios of both.
 */
public final class ImpactAnalysis {

    static final Integer[] AGE_BANDS = {null, 12, 17, 18, 40};
    private static final int CHUNK = 1_000;
    private static final int MAX_EXAMPLES = 20;

    private ImpactAnalysis() {
    }

    /** Compares the candidate with the base (active) version. */
    public static Impact compare(CompiledRuleset base, CompiledRuleset candidate, Instant now) {
        List<DecisionQuery> population = population(base, candidate, now);
        int permitToDeny = 0;
        int denyToPermit = 0;
        int reasonsChanged = 0;
        Map<String, Map<String, Integer>> byCountry = new TreeMap<>();
        Map<String, Map<String, Integer>> byPurpose = new TreeMap<>();
        List<Impact.Flip> examples = new ArrayList<>();
        for (int from = 0; from < population.size(); from += CHUNK) {
            List<DecisionQuery> chunk = population.subList(from, Math.min(population.size(), from + CHUNK));
            List<DecisionCase> before = base.decideAll(chunk);
            List<DecisionCase> after = candidate.decideAll(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                DecisionCase b = before.get(i);
                DecisionCase a = after.get(i);
                DecisionQuery query = chunk.get(i);
                if (b.getEffect() != a.getEffect()) {
                    String direction = b.getEffect().name() + "_TO_" + a.getEffect().name();
                    if (direction.equals("PERMIT_TO_DENY")) {
                        permitToDeny++;
                    } else {
                        denyToPermit++;
                    }
                    count(byCountry, query.country(), direction);
                    count(byPurpose, query.purpose(), direction);
                    if (examples.size() < MAX_EXAMPLES) {
                        examples.add(new Impact.Flip(query.country(), query.purpose(), query.consent().name(),
                                query.age(), query.at().toString(), describe(b), describe(a)));
                    }
                } else if (!codes(b).equals(codes(a))) {
                    reasonsChanged++;
                }
            }
        }
        Impact.ChangeKind kind = denyToPermit > 0 ? Impact.ChangeKind.PERMISSIVE : Impact.ChangeKind.RESTRICTIVE;
        return new Impact(base.version(), population.size(), permitToDeny, denyToPermit, reasonsChanged, kind,
                byCountry, byPurpose, examples);
    }

    private static void count(Map<String, Map<String, Integer>> counts, String key, String direction) {
        Map<String, Integer> row = counts.computeIfAbsent(key, k -> new TreeMap<>(Map.of("PERMIT_TO_DENY", 0,
                "DENY_TO_PERMIT", 0)));
        row.merge(direction, 1, Integer::sum);
    }

    private static Set<String> codes(DecisionCase decided) {
        Set<String> codes = new TreeSet<>();
        for (Reason reason : decided.decisiveReasons()) {
            codes.add(reason.code());
        }
        return codes;
    }

    private static String describe(DecisionCase decided) {
        return decided.getEffect().name() + " " + codes(decided);
    }

    static List<DecisionQuery> population(CompiledRuleset base, CompiledRuleset candidate, Instant now) {
        Set<String> purposes = new LinkedHashSet<>(base.reference().purposes().keySet());
        purposes.retainAll(candidate.reference().purposes().keySet());
        Set<Instant> instants = new TreeSet<>();
        instants.add(now.truncatedTo(ChronoUnit.SECONDS));
        for (CompiledRuleset ruleset : List.of(base, candidate)) {
            for (String country : Countries.assigned()) {
                for (JurisdictionPolicy policy : ruleset.reference().policies(country).values()) {
                    instants.add(policy.since().minusSeconds(1));
                    instants.add(policy.since());
                }
            }
        }
        List<DecisionQuery> population = new ArrayList<>();
        for (String country : Countries.assigned()) {
            for (String purpose : purposes) {
                for (Consent consent : Consent.values()) {
                    for (Integer age : AGE_BANDS) {
                        for (Instant at : instants) {
                            population.add(new DecisionQuery("impact-" + country, country, age, purpose, consent, at));
                        }
                    }
                }
            }
        }
        List<RulesetProblem> ignored = new ArrayList<>();
        for (CompiledRuleset ruleset : List.of(base, candidate)) {
            for (Scenario scenario : ScenarioRunner.read(ruleset.files(), ignored)) {
                ScenarioRunner.query(scenario, candidate, now).filter(q -> purposes.contains(q.purpose()))
                        .ifPresent(population::add);
            }
        }
        return population;
    }

}
