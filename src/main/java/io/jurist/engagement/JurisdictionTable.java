package io.jurist.engagement;

import io.jurist.ruleset.CsvTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Edits the jurisdiction table (rules/reference/jurisdictions.csv) the way a legal author would: a
 * change to a country's policy for a purpose is a new period, a row from the change's date, so that
 * the rows before it (the country's history) stay and decisions about earlier instants keep their
 * answers. A row from the very same instant is replaced; everything else stays as written.
 */
final class JurisdictionTable {

    static final String PATH = "reference/jurisdictions.csv";

    private JurisdictionTable() {
    }

    /**
     * The table with a period from each row's since for each country and the purpose, placed after
     * the country's last row for the purpose, or at the end.
     *
     * @param table     the current table
     * @param purpose   the purpose
     * @param rows      country -> status, consent model, since, reference
     */
    static String withRows(String table, String purpose, Map<String, List<String>> rows) {
        List<CsvTable.Entry> entries = CsvTable.read(table).entries();
        Map<String, List<String>> remaining = new LinkedHashMap<>(rows);
        Map<Integer, String> replaced = new HashMap<>();
        Map<Integer, List<String>> insertedAfter = new HashMap<>();
        Map<String, Integer> lastRow = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            List<String> fields = entries.get(i).fields();
            if (entries.get(i).kind() != CsvTable.Kind.ROW || fields.size() < 5
                    || !fields.get(1).trim().equals(purpose)) {
                continue;
            }
            String country = fields.get(0).trim().toUpperCase(Locale.ROOT);
            List<String> values = remaining.get(country);
            if (values != null && sameInstant(fields.get(4), values.get(2))) {
                replaced.put(i, row(country, purpose, values));
                remaining.remove(country);
            } else if (values != null) {
                lastRow.put(country, i);
            }
        }
        remaining.forEach((country, values) -> {
            if (lastRow.containsKey(country)) {
                insertedAfter.computeIfAbsent(lastRow.get(country), i -> new ArrayList<>())
                        .add(row(country, purpose, values));
            }
        });
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            CsvTable.Entry entry = entries.get(i);
            String end = entry.raw().endsWith("\r\n") ? "\r\n" : "\n";
            out.append(replaced.containsKey(i) ? replaced.get(i) + end : entry.raw());
            for (String line : insertedAfter.getOrDefault(i, List.of())) {
                if (out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                out.append(line).append(end);
            }
        }
        String kept = out.toString().replaceFirst("(\r?\n)+$", "");
        StringBuilder result = new StringBuilder(kept).append('\n');
        remaining.forEach((country, values) -> {
            if (!lastRow.containsKey(country)) {
                result.append(row(country, purpose, values)).append('\n');
            }
        });
        return result.toString();
    }

    private static boolean sameInstant(String written, String since) {
        Instant a = instant(written.trim());
        return a != null && a.equals(instant(since.trim()));
    }

    /** A since as the table reads it: a date (midnight UTC) or an instant; null when it is neither. */
    private static Instant instant(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String row(String country, String purpose, List<String> values) {
        List<String> fields = new ArrayList<>();
        fields.add(country);
        fields.add(purpose);
        fields.addAll(values);
        return CsvTable.format(fields);
    }
}
