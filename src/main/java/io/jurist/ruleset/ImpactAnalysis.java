package io.jurist.ruleset;

import io.jurist.api.InstantRange;
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
 * Decides the same population under two versions and counts what flips.
 *
 * <p>The population is exhaustive, not a sample. A decision depends only on the country, the purpose,
 * the consent setting, the age and the instant asked about, and the rule language lets rules compare
 * these only with values written in the rules or the tables. So every assigned country, every purpose
 * both versions know and every consent value are taken, every age on either side of and at each age a
 * rule of either version compares with (and 0 and the oldest age accepted, and unknown), and every
 * instant a nanosecond either side of and at each date a table row of either version takes effect (and
 * the far past, the far future and now). Between two such points nothing the rules can test changes,
 * so each class of inputs is decided at least once. The scenarios of both versions are added too.
 * Where the population would be larger than {@link #MAX_POPULATION}, the comparison is not made and the
 * change counts as PERMISSIVE. Decisions about days before today (UTC) that change (answer or reasons)
 * are counted apart: a change from a date should alter none of them.
 */
final class ImpactAnalysis {

    static final int MAX_POPULATION = 2_000_000;
    static final Instant FAR_PAST = InstantRange.EARLIEST;
    static final Instant FAR_FUTURE = InstantRange.END.minusNanos(1);
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
        return compare(base, candidate, now, recentDays, recentRequests, MAX_POPULATION);
    }

    static Impact compare(CompiledRuleset base, CompiledRuleset candidate, Instant now, Integer recentDays,
                          List<Weighted> recentRequests, int maxPopulation) {
        Impact.Coverage coverage = populationSize(base, candidate, now) <= maxPopulation
                ? Impact.Coverage.EXHAUSTIVE : Impact.Coverage.INCOMPLETE;
        List<DecisionQuery> population = coverage == Impact.Coverage.EXHAUSTIVE
                ? population(base, candidate, now) : List.of();
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
                || coverage == Impact.Coverage.INCOMPLETE ? Impact.ChangeKind.PERMISSIVE : Impact.ChangeKind.RESTRICTIVE;
        return new Impact(base.version(), population.size(), permitToDeny, denyToPermit, reasonsChanged, kind,
                byCountry, byPurpose, examples, recent, coverage, pastAltered);
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

    /** Each side of and at every age threshold of either version, 0, the oldest age accepted, and unknown. */
    static List<Integer> ages(CompiledRuleset base, CompiledRuleset candidate) {
        // Both ends of each class of ages (see InputClasses): each side of and at every threshold.
        Set<Integer> thresholds = new TreeSet<>(base.ageThresholds());
        thresholds.addAll(candidate.ageThresholds());
        TreeSet<Integer> points = new TreeSet<>();
        for (InputClasses.AgeRange range : InputClasses.ageRanges(thresholds)) {
            points.add(range.min());
            points.add(range.max() - 1);
        }
        List<Integer> ages = new ArrayList<>();
        ages.add(null);
        ages.addAll(points);
        return ages;
    }

    /** Each side of and at every date a table row of either version takes effect, the far past and future, now. */
    static Set<Instant> instants(CompiledRuleset base, CompiledRuleset candidate, Instant now) {
        Set<Instant> instants = new TreeSet<>(List.of(FAR_PAST, FAR_FUTURE, now));
        for (CompiledRuleset ruleset : List.of(base, candidate)) {
            for (String country : Countries.assigned()) {
                for (List<JurisdictionPolicy> periods : ruleset.reference().history(country).values()) {
                    for (JurisdictionPolicy policy : periods) {
                        instants.add(policy.since().minusNanos(1));
                        instants.add(policy.since());
                        instants.add(policy.since().plusNanos(1));
                    }
                }
            }
        }
        return instants;
    }

    private static Set<String> purposes(CompiledRuleset base, CompiledRuleset candidate) {
        Set<String> purposes = new LinkedHashSet<>(base.reference().purposes().keySet());
        purposes.retainAll(candidate.reference().purposes().keySet());
        return purposes;
    }

    static long populationSize(CompiledRuleset base, CompiledRuleset candidate, Instant now) {
        return (long) Countries.assigned().size() * purposes(base, candidate).size() * Consent.values().length
                * ages(base, candidate).size() * instants(base, candidate, now).size();
    }

    static List<DecisionQuery> population(CompiledRuleset base, CompiledRuleset candidate, Instant now) {
        Set<String> purposes = purposes(base, candidate);
        List<Integer> ages = ages(base, candidate);
        Set<Instant> instants = instants(base, candidate, now);
        List<DecisionQuery> population = new ArrayList<>();
        for (String country : Countries.assigned()) {
            for (String purpose : purposes) {
                for (Consent consent : Consent.values()) {
                    for (Integer age : ages) {
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
