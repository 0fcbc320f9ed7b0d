package io.jurist.engagement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits the jurisdiction table (rules/reference/jurisdictions.csv) the way a legal author would:
 * a country's row for a purpose is replaced, or added at the end, and everything else stays as written.
 */
final class JurisdictionTable {

    static final String PATH = "reference/jurisdictions.csv";

    private JurisdictionTable() {
    }

    /**
     * The table with one row per country for the purpose.
     *
     * @param table     the current table
     * @param purpose   the purpose
     * @param rows      country -> status, consent model, since, reference
     */
    static String withRows(String table, String purpose, Map<String, List<String>> rows) {
        Map<String, List<String>> remaining = new LinkedHashMap<>(rows);
        List<String> lines = new ArrayList<>();
        for (String line : table.split("\r?\n", -1)) {
            String[] fields = line.split(",", 3);
            if (fields.length == 3 && fields[1].trim().equals(purpose)
                    && remaining.containsKey(fields[0].trim().toUpperCase(java.util.Locale.ROOT))) {
                String country = fields[0].trim().toUpperCase(java.util.Locale.ROOT);
                lines.add(row(country, purpose, remaining.remove(country)));
            } else {
                lines.add(line);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        remaining.forEach((country, values) -> lines.add(row(country, purpose, values)));
        return String.join("\n", lines) + "\n";
    }

    private static String row(String country, String purpose, List<String> values) {
        List<String> fields = new ArrayList<>();
        fields.add(country);
        fields.add(purpose);
        values.forEach(v -> fields.add(quote(v)));
        return String.join(",", fields);
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
