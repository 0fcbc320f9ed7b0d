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
 * Decisions about days before today (UTC) that change (answer or reasons) are counted apart: a
 * change from a date should alter none of them.
 */
public final class ImpactAnalysis {

    static final Integer[] AGE_BANDS = {null, 12, 17, 18, 40};
    private static final int CHUNK = 1_000;
    private static final int MAX_EXAMPLES = 20;

    private ImpactAnalysis() {
    }

    /**
     * Requests of one kind the data platform really sent, and how many times.
     *
     * @param query  the request, decided now
     * @param weight how many decisions it stands for
     */
    public record Weighted(DecisionQuery query, long weight) {
    }

    /** Compares the candidate with the base (active) version over the synthetic population only. */
    public static Impact compare(CompiledRuleset base, CompiledRuleset candidate, Instant now) {
        return compare(base, candidate, now, null, List.of());
    }

    /**
     * Compares the candidate with the base (active) version over the synthetic population and, when
     * {@code recentDays} is given, over the recent requests of the decision log.
     */
    public static Impact compare(CompiledRuleset base, CompiledRuleset candidate, Instant now, Integer recentDays,
                                 List<Weighted> recentRequests) {
        List<DecisionQuery> population = population(base, candidate, now);
        int permitToDeny = 0;
        int denyToPermit = 0;
        int reasonsChanged = 0;
        int pastAltered = 0;
        // The past is what lies before today (UTC): a row dated today, or from the moment it is approved (as
        // suspensions are), alters no decision already made about an earlier day.
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
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
                if (query.at().isBefore(today) && (b.getEffect() != a.getEffect() || !codes(b).equals(codes(a)))) {
                    pastAltered++;
                }
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
        Impact.Recent recent = recentDays == null ? null : replay(base, candidate, recentDays, recentRequests);
        Impact.ChangeKind kind = denyToPermit > 0 || (recent != null && recent.denyToPermit() > 0)
                ? Impact.ChangeKind.PERMISSIVE : Impact.ChangeKind.RESTRICTIVE;
        return new Impact(base.version(), population.size(), permitToDeny, denyToPermit, reasonsChanged, kind,
                byCountry, byPurpose, examples, recent, pastAltered);
    }

    private static Impact.Recent replay(CompiledRuleset base, CompiledRuleset candidate, int days,
                                        List<Weighted> requests) {
        Set<String> purposes = new LinkedHashSet<>(base.reference().purposes().keySet());
        purposes.retainAll(candidate.reference().purposes().keySet());
        List<Weighted> known = requests.stream().filter(r -> purposes.contains(r.query().purpose())).toList();
        long decisions = requests.stream().mapToLong(Weighted::weight).sum();
        long permitToDeny = 0;
        long denyToPermit = 0;
        Map<String, Map<String, Long>> byCountry = new TreeMap<>();
        for (int from = 0; from < known.size(); from += CHUNK) {
            List<Weighted> chunk = known.subList(from, Math.min(known.size(), from + CHUNK));
            List<DecisionQuery> queries = chunk.stream().map(Weighted::query).toList();
            List<DecisionCase> before = base.decideAll(queries);
            List<DecisionCase> after = candidate.decideAll(queries);
            for (int i = 0; i < chunk.size(); i++) {
                if (before.get(i).getEffect() == after.get(i).getEffect()) {
                    continue;
                }
                String direction = before.get(i).getEffect().name() + "_TO_" + after.get(i).getEffect().name();
                long weight = chunk.get(i).weight();
                if (direction.equals("PERMIT_TO_DENY")) {
                    permitToDeny += weight;
                } else {
                    denyToPermit += weight;
                }
                byCountry.computeIfAbsent(chunk.get(i).query().country(), k -> new TreeMap<>(Map.of(
                        "PERMIT_TO_DENY", 0L, "DENY_TO_PERMIT", 0L))).merge(direction, weight, Long::sum);
            }
        }
        return new Impact.Recent(days, decisions, permitToDeny, denyToPermit, byCountry);
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
                for (List<JurisdictionPolicy> periods : ruleset.reference().history(country).values()) {
                    for (JurisdictionPolicy policy : periods) {
                        instants.add(policy.since().minusSeconds(1));
                        instants.add(policy.since());
                    }
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
