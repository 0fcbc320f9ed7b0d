package io.jurist.engagement;

import io.jurist.ruleset.CsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        StringBuilder out = new StringBuilder();
        for (CsvTable.Entry entry : CsvTable.read(table).entries()) {
            List<String> fields = entry.fields();
            String country = fields.isEmpty() ? "" : fields.get(0).trim().toUpperCase(Locale.ROOT);
            if (entry.kind() == CsvTable.Kind.ROW && fields.size() > 1 && fields.get(1).trim().equals(purpose)
                    && remaining.containsKey(country)) {
                out.append(row(country, purpose, remaining.remove(country)))
                        .append(entry.raw().endsWith("\r\n") ? "\r\n" : "\n");
            } else {
                out.append(entry.raw());
            }
        }
        String kept = out.toString().replaceFirst("(\r?\n)+$", "");
        StringBuilder result = new StringBuilder(kept).append('\n');
        remaining.forEach((country, values) -> result.append(row(country, purpose, values)).append('\n'));
        return result.toString();
    }

    private static String row(String country, String purpose, List<String> values) {
        List<String> fields = new ArrayList<>();
        fields.add(country);
        fields.add(purpose);
        fields.addAll(values);
        return CsvTable.format(fields);
    }
}
