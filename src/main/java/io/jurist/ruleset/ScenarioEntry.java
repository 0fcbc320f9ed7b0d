package io.jurist.ruleset;

import io.jurist.facts.Countries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of a scenario file as written: a scenario, or with {@code countries} (a list of codes) or
 * {@code region} (a region of {@code reference/regions.csv}) the same scenario once per country. An expanded
 * case keeps the entry's line and carries its country in its name: {@code {country}} in the name becomes
 * "Austria (AT)", and a name without it gets " (AT)" appended.
 */
record ScenarioEntry(String name, List<String> countries, String region, Scenario.Request request,
                     Scenario.Expectation expect) {

    static final String PLACEHOLDER = "{country}";

    /** The scenarios this entry stands for; a problem with its countries is added to the list instead. */
    List<Scenario> expand(String path, int line, RulesetFiles files, List<RulesetProblem> problems) {
        if (countries == null && region == null) {
            return List.of(new Scenario(name, request, expect, path, line));
        }
        if (countries != null && region != null) {
            problems.add(new RulesetProblem(path, line, "A scenario names either 'countries' or 'region', not both"));
            return List.of();
        }
        if (request.subject().country() != null) {
            problems.add(new RulesetProblem(path, line, "A scenario for several countries takes them from '"
                    + (region != null ? "region" : "countries") + "'; leave out request.subject.country"));
            return List.of();
        }
        List<String> codes = region != null ? regionCountries(files, path, line, problems) : codes(path, line, problems);
        if (codes.isEmpty()) {
            return List.of();
        }
        List<Scenario> cases = new ArrayList<>();
        for (String code : codes) {
            Scenario.Subject subject = new Scenario.Subject(request.subject().id(), code, request.subject().age());
            Scenario.Request one = new Scenario.Request(subject, request.purpose(), request.consent(), request.at());
            cases.add(new Scenario(nameFor(code), one, expect, path, line));
        }
        return cases;
    }

    private String nameFor(String code) {
        String country = new Locale("", code).getDisplayCountry(Locale.ENGLISH) + " (" + code + ")";
        return name.contains(PLACEHOLDER) ? name.replace(PLACEHOLDER, country) : name + " (" + code + ")";
    }

    private List<String> codes(String path, int line, List<RulesetProblem> problems) {
        if (countries.isEmpty()) {
            problems.add(new RulesetProblem(path, line, "'countries' is empty: name one or more country codes"));
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String given : countries) {
            String code = Countries.normalize(given).orElse(null);
            if (code == null) {
                problems.add(new RulesetProblem(path, line, "'" + given
                        + "' in 'countries' is not an ISO 3166-1 alpha-2 country code"));
                return List.of();
            }
            if (!codes.add(code)) {
                problems.add(new RulesetProblem(path, line, code + " is named twice in 'countries'"));
                return List.of();
            }
        }
        return List.copyOf(codes);
    }

    /** The region's countries in the order of the regions table (its own problems are the compiler's to report). */
    private List<String> regionCountries(RulesetFiles files, String path, int line, List<RulesetProblem> problems) {
        String table = files.files().get(ReferenceData.REGIONS);
        List<String> codes = new ArrayList<>();
        if (table != null) {
            for (CsvTable.Row row : CsvTable.parse(ReferenceData.REGIONS, table, List.of("region", "country"),
                    new ArrayList<>())) {
                if (region.equals(row.get("region"))) {
                    Countries.normalize(row.get("country")).filter(c -> !codes.contains(c)).ifPresent(codes::add);
                }
            }
        }
        if (codes.isEmpty()) {
            problems.add(new RulesetProblem(path, line, "There is no region '" + region + "' in "
                    + ReferenceData.REGIONS));
        }
        return codes;
    }
}
