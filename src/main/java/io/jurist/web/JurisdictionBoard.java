package io.jurist.web;

import io.jurist.facts.JurisdictionPolicy;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** The jurisdiction table as the board shows it: each row, the countries it governs, and the version that set it. */
@Component
class JurisdictionBoard {

    private static final String TABLE = "reference/jurisdictions.csv";

    private final RulesetStore store;

    JurisdictionBoard(RulesetStore store) {
        this.store = store;
    }

    /**
     * One row of the table in force.
     *
     * @param jurisdiction the jurisdiction as written (country, region or *)
     * @param purpose      the purpose
     * @param status       ENABLED or SUSPENDED
     * @param model        OPT_IN or OPT_OUT
     * @param since        when it took effect
     * @param reference    the engagement, change or document behind it
     * @param countries    the countries it decides for (a country row beats its region, which beats *)
     * @param setInVersion the version from which the row stands unchanged, or null when unknown
     */
    record Row(String jurisdiction, String purpose, String status, String model, Instant since, String reference,
               List<String> countries, Integer setInVersion) {

        private static final java.util.regex.Pattern ENGAGEMENT = java.util.regex.Pattern.compile("ENG-[A-Z0-9]{8}");

        /** The engagement the reference names (suspensions and re-enablements write it there), or null. */
        public String engagementId() {
            java.util.regex.Matcher matcher = ENGAGEMENT.matcher(reference == null ? "" : reference);
            return matcher.find() ? matcher.group() : null;
        }

        /** The date alone when the row took effect at midnight UTC, as the table usually says it. */
        public String sinceText() {
            String text = since.toString();
            return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
        }
    }

    List<Row> rows(CompiledRuleset served) {
        Map<String, List<JurisdictionPolicy>> byRow = new LinkedHashMap<>();
        for (String country : io.jurist.facts.Countries.assigned()) {
            for (JurisdictionPolicy policy : served.reference().policies(country).values()) {
                byRow.computeIfAbsent(policy.row() + "\u0000" + policy.purpose() + "\u0000" + policy.since(),
                        k -> new ArrayList<>()).add(policy);
            }
        }
        Map<String, Integer> origins = origins(served.version());
        List<Row> rows = new ArrayList<>();
        byRow.forEach((key, policies) -> {
            JurisdictionPolicy first = policies.get(0);
            List<String> countries = new ArrayList<>(new TreeSet<>(policies.stream()
                    .map(JurisdictionPolicy::country).toList()));
            rows.add(new Row(first.row(), first.purpose(), first.status().name(), first.model().name(), first.since(),
                    first.reference(), countries, origins.get(key)));
        });
        // Specific rows first (countries, then regions), the catch-all last, as a reader scans them.
        rows.sort(Comparator.comparing((Row r) -> r.jurisdiction().equals("*") ? 2 : r.countries().size() == 1 ? 0 : 1)
                .thenComparing(Row::jurisdiction).thenComparing(Row::purpose));
        return rows;
    }

    /** For each (jurisdiction, purpose, since) of the active table: the first version since which its row stands as is. */
    private Map<String, Integer> origins(int activeVersion) {
        List<RulesetVersion> history = new ArrayList<>(store.list().stream()
                .filter(v -> v.status() == RulesetStatus.ACTIVE || v.status() == RulesetStatus.SUPERSEDED)
                .filter(v -> v.version() <= activeVersion).toList());
        history.sort(Comparator.comparingInt(RulesetVersion::version));
        Map<String, Integer> since = new HashMap<>();
        for (RulesetVersion version : history) {
            Map<String, String> lines = rowLines(store.files(version.version()).files().get(TABLE));
            since.keySet().removeIf(line -> !lines.containsKey(line));
            lines.keySet().forEach(line -> since.putIfAbsent(line, version.version()));
        }
        Map<String, Integer> byKey = new HashMap<>();
        Map<String, String> current = rowLines(store.files(activeVersion).files().get(TABLE));
        current.forEach((line, key) -> {
            if (since.containsKey(line)) {
                byKey.put(key, since.get(line));
            }
        });
        return byKey;
    }

    /** Each data line of the table and its (jurisdiction, purpose, since) key: a row per period. */
    private static Map<String, String> rowLines(String content) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (content == null) {
            return lines;
        }
        CsvGrid grid = CsvGrid.parse(content);
        for (List<String> row : grid.rows()) {
            if (row.size() >= 5) {
                String line = String.join(",", row);
                lines.put(line, row.get(0).strip().toUpperCase(Locale.ROOT) + "\u0000" + row.get(1).strip()
                        + "\u0000" + since(row.get(4).strip()));
            }
        }
        return lines;
    }

    /** A since cell as the instant the table reads it as (a date is midnight UTC). */
    private static String since(String value) {
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant().toString() : Instant.parse(value).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return value;
        }
    }
}
