package io.jurist.ruleset;

import io.jurist.api.InstantRange;
import io.jurist.facts.ConsentModel;
import io.jurist.facts.Countries;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reference tables of a ruleset, read and checked: purposes, regions, and the status of each
 * purpose in each jurisdiction, resolved per country and instant.
 *
 * <p>A jurisdiction may have several rows for a purpose, one per period: each row holds from its
 * {@code since} until the next row's {@code since} for the same jurisdiction and purpose. At an
 * instant, a country's own row in force beats its region's, which beats *'s; before a jurisdiction's
 * first row, the next broader one governs. So a change from a date is a new row from that date, and
 * every decision about an earlier instant stays as it was. Before every row of a country, the row
 * that takes effect first governs (and the purpose was not enabled yet).
 */
public final class ReferenceData {

    static final String PURPOSES = "reference/purposes.csv";
    static final String REGIONS = "reference/regions.csv";
    static final String JURISDICTIONS = "reference/jurisdictions.csv";
    static final String REST_OF_WORLD = "REST_OF_WORLD";
    static final String EVERYWHERE = "*";

    private final Map<String, Purpose> purposes;
    private final Map<String, String> regionOfCountry;
    /** country -> purpose -> the policy from each instant it changes on, for every assigned country. */
    private final Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> policies;

    private ReferenceData(Map<String, Purpose> purposes, Map<String, String> regionOfCountry,
                          Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> policies) {
        this.purposes = purposes;
        this.regionOfCountry = regionOfCountry;
        this.policies = policies;
    }

    /** Reads the tables, adding every problem found to the list. */
    static ReferenceData read(Map<String, String> files, List<RulesetProblem> problems) {
        Map<String, Purpose> purposes = readPurposes(files, problems);
        Map<String, String> regions = readRegions(files, problems);
        Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> policies =
                readPolicies(files, purposes, regions, problems);
        return new ReferenceData(Collections.unmodifiableMap(purposes), Map.copyOf(regions), policies);
    }

    /** The tables of a stored version's files (which were valid when stored). */
    public static ReferenceData of(RulesetFiles files) {
        List<RulesetProblem> problems = new java.util.ArrayList<>();
        ReferenceData data = read(files.files(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesetException(problems);
        }
        return data;
    }

    private static String required(Map<String, String> files, String path, List<RulesetProblem> problems) {
        String content = files.get(path);
        if (content == null) {
            problems.add(new RulesetProblem(path, 0, "The ruleset must contain " + path));
            return "";
        }
        return content;
    }

    private static Map<String, Purpose> readPurposes(Map<String, String> files, List<RulesetProblem> problems) {
        Map<String, Purpose> purposes = new LinkedHashMap<>();
        String content = required(files, PURPOSES, problems);
        for (CsvTable.Row row : CsvTable.parse(PURPOSES, content,
                List.of("code", "name", "fides_data_use", "description"), problems)) {
            String code = row.get("code");
            if (!code.matches("[A-Z][A-Z0-9_]{0,63}")) {
                problems.add(new RulesetProblem(PURPOSES, row.line(),
                        "Purpose code '" + code + "' must be upper case letters, digits and _"));
            } else if (purposes.putIfAbsent(code, new Purpose(code, row.get("name"),
                    row.get("fides_data_use"), row.get("description"))) != null) {
                problems.add(new RulesetProblem(PURPOSES, row.line(), "Purpose " + code + " is listed twice"));
            }
        }
        return purposes;
    }

    private static Map<String, String> readRegions(Map<String, String> files, List<RulesetProblem> problems) {
        Map<String, String> regions = new HashMap<>();
        String content = required(files, REGIONS, problems);
        for (CsvTable.Row row : CsvTable.parse(REGIONS, content, List.of("region", "country"), problems)) {
            String region = row.get("region");
            Optional<String> country = Countries.normalize(row.get("country"));
            if (country.isEmpty()) {
                problems.add(new RulesetProblem(REGIONS, row.line(),
                        "'" + row.get("country") + "' is not an ISO 3166-1 alpha-2 country code"));
            } else if (!region.matches("[A-Z][A-Z0-9_]*") || region.equals(REST_OF_WORLD)) {
                problems.add(new RulesetProblem(REGIONS, row.line(), "Region '" + region
                        + "' must be upper case letters, digits and _, and not " + REST_OF_WORLD));
            } else {
                String previous = regions.putIfAbsent(country.get(), region);
                if (previous != null) {
                    problems.add(new RulesetProblem(REGIONS, row.line(), country.get()
                            + " is already in region " + previous + "; a country belongs to one region"));
                }
            }
        }
        return regions;
    }

    private static Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> readPolicies(
            Map<String, String> files, Map<String, Purpose> purposes, Map<String, String> regions,
            List<RulesetProblem> problems) {
        Set<String> regionNames = Set.copyOf(regions.values());
        // key: jurisdiction as written -> purpose -> since -> row policy (country filled in on resolution)
        Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> rows = new HashMap<>();
        String content = required(files, JURISDICTIONS, problems);
        for (CsvTable.Row row : CsvTable.parse(JURISDICTIONS, content,
                List.of("jurisdiction", "purpose", "status", "consent_model", "since", "reference"), problems)) {
            int before = problems.size();
            String raw = row.get("jurisdiction");
            String written = raw.toUpperCase(java.util.Locale.ROOT);
            String key = written;
            if (!raw.chars().allMatch(c -> c < 128)) {
                // Upper-casing would turn look-alikes such as 'ıt' into IT: only ASCII letters name a jurisdiction.
                problems.add(new RulesetProblem(JURISDICTIONS, row.line(), "Jurisdiction '" + raw
                        + "' must be written in ASCII letters (a country code such as IT, a region, or *)"));
            } else if (!written.equals(EVERYWHERE) && !regionNames.contains(written)) {
                Optional<String> country = Countries.normalize(written);
                if (country.isPresent()) {
                    key = country.get();
                } else {
                    problems.add(new RulesetProblem(JURISDICTIONS, row.line(), "Jurisdiction '" + written
                            + "' is neither a country code, a region of " + REGIONS + ", nor *"));
                }
            }
            String purpose = row.get("purpose");
            if (!purposes.containsKey(purpose)) {
                problems.add(new RulesetProblem(JURISDICTIONS, row.line(),
                        "Purpose '" + purpose + "' is not listed in " + PURPOSES));
            }
            PurposeStatus status = parseEnum(PurposeStatus.class, row, "status", problems);
            ConsentModel model = parseEnum(ConsentModel.class, row, "consent_model", problems);
            Instant since = parseSince(row, problems);
            String reference = row.get("reference");
            if (reference.isBlank()) {
                problems.add(new RulesetProblem(JURISDICTIONS, row.line(),
                        "Every row needs a reference: the engagement, change or document that set it"));
            }
            if (problems.size() > before) {
                continue;
            }
            JurisdictionPolicy policy = new JurisdictionPolicy(key, null, purpose, status, model, since,
                    reference, written);
            if (rows.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(purpose, p -> new TreeMap<>())
                    .putIfAbsent(since, policy) != null) {
                problems.add(new RulesetProblem(JURISDICTIONS, row.line(), "A row for " + key + " and "
                        + purpose + " from " + since + " is already in the table; a period starts once"));
            }
        }
        Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> resolved = new TreeMap<>();
        for (String country : Countries.assigned()) {
            String region = regions.getOrDefault(country, REST_OF_WORLD);
            Map<String, NavigableMap<Instant, JurisdictionPolicy>> byPurpose = new LinkedHashMap<>();
            for (String purpose : purposes.keySet()) {
                NavigableMap<Instant, JurisdictionPolicy> timeline =
                        PolicyTimeline.of(rows, purpose, country, region, country, region, EVERYWHERE);
                if (!timeline.isEmpty()) {
                    byPurpose.put(purpose, Collections.unmodifiableNavigableMap(timeline));
                }
            }
            resolved.put(country, Collections.unmodifiableMap(byPurpose));
        }
        return Collections.unmodifiableMap(resolved);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, CsvTable.Row row, String column,
                                                   List<RulesetProblem> problems) {
        String value = row.get(column);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.strip())) {
                    problems.add(new RulesetProblem(JURISDICTIONS, row.line(),
                            column + " '" + value + "': did you mean " + constant.name()
                                    + "? Values are written exactly, in capitals"));
                    return null;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name());
            }
            problems.add(new RulesetProblem(JURISDICTIONS, row.line(),
                    column + " '" + value + "' must be one of " + String.join(", ", allowed)));
            return null;
        }
    }

    private static Instant parseSince(CsvTable.Row row, List<RulesetProblem> problems) {
        String value = row.get("since");
        try {
            Instant since = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
            if (!InstantRange.contains(since)) {
                problems.add(new RulesetProblem(JURISDICTIONS, row.line(),
                        "since '" + value + "' must lie " + InstantRange.DESCRIPTION));
                return null;
            }
            return since;
        } catch (DateTimeParseException e) {
            problems.add(new RulesetProblem(JURISDICTIONS, row.line(),
                    "since '" + value + "' must be a date (2024-11-20) or an instant (2024-11-20T00:00:00Z)"));
            return null;
        }
    }

    /** The purposes known, in table order. */
    public Map<String, Purpose> purposes() {
        return purposes;
    }

    /** The region of an assigned country code. */
    public String regionOf(String country) {
        return regionOfCountry.getOrDefault(country, REST_OF_WORLD);
    }

    /** The policy for a country and purpose in force now, if the table covers it. */
    public Optional<JurisdictionPolicy> policy(String country, String purpose) {
        return policy(country, purpose, Instant.now());
    }

    /**
     * The policy for a country and purpose at an instant, if the table covers it: the period that
     * contains the instant, or before every period the first one (whose since is then still to come).
     */
    public Optional<JurisdictionPolicy> policy(String country, String purpose, Instant at) {
        return Optional.ofNullable(policyOrNull(country, purpose, at));
    }

    /** Every purpose's policy in force now in a country, by purpose. */
    public Map<String, JurisdictionPolicy> policies(String country) {
        return policies(country, Instant.now());
    }

    /** Every purpose's policy in a country at an instant, by purpose. */
    public Map<String, JurisdictionPolicy> policies(String country, Instant at) {
        Map<String, JurisdictionPolicy> byPurpose = new LinkedHashMap<>();
        policies.getOrDefault(country, Map.of()).forEach((purpose, timeline) ->
                byPurpose.put(purpose, at(timeline, at)));
        return byPurpose;
    }

    /** Every period of a country's policies, by purpose, oldest first. */
    public Map<String, List<JurisdictionPolicy>> history(String country) {
        Map<String, List<JurisdictionPolicy>> byPurpose = new LinkedHashMap<>();
        policies.getOrDefault(country, Map.of()).forEach((purpose, timeline) ->
                byPurpose.put(purpose, List.copyOf(timeline.values())));
        return byPurpose;
    }

    /** A country's policy for a purpose from each instant it changes on, or null when the table does not cover it. */
    NavigableMap<Instant, JurisdictionPolicy> timeline(String country, String purpose) {
        Map<String, NavigableMap<Instant, JurisdictionPolicy>> byPurpose = policies.get(country);
        return byPurpose == null ? null : byPurpose.get(purpose);
    }

    JurisdictionPolicy policyOrNull(String country, String purpose, Instant at) {
        Map<String, NavigableMap<Instant, JurisdictionPolicy>> byPurpose = policies.get(country);
        NavigableMap<Instant, JurisdictionPolicy> timeline = byPurpose == null ? null : byPurpose.get(purpose);
        return timeline == null ? null : at(timeline, at);
    }

    private static JurisdictionPolicy at(NavigableMap<Instant, JurisdictionPolicy> timeline, Instant at) {
        Map.Entry<Instant, JurisdictionPolicy> period = at == null ? null : timeline.floorEntry(at);
        return period == null ? timeline.firstEntry().getValue() : period.getValue();
    }
}
