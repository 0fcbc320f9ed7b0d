package io.jurist.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CSV reader for the reference tables: a header row, then rows; lines starting with
 * {@code #} and blank lines are comments; fields may be quoted with {@code "}. Every row keeps its
 * line number so that problems point at it.
 */
final class CsvTable {

    /** One data row and the line it stands on. */
    record Row(int line, Map<String, String> values) {
        String get(String column) {
            return values.getOrDefault(column, "");
        }
    }

    private CsvTable() {
    }

    static List<Row> parse(String file, String content, List<String> requiredColumns,
                           List<RulesetProblem> problems) {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields == null) {
                problems.add(new RulesetProblem(file, number, "Unclosed quote"));
                continue;
            }
            if (header == null) {
                header = fields.stream().map(String::trim).toList();
                for (String column : requiredColumns) {
                    if (!header.contains(column)) {
                        problems.add(new RulesetProblem(file, number, "Missing column '" + column
                                + "'; the header must name " + String.join(", ", requiredColumns)));
                    }
                }
                continue;
            }
            if (fields.size() != header.size()) {
                problems.add(new RulesetProblem(file, number, "Expected " + header.size()
                        + " fields (" + String.join(", ", header) + ") but found " + fields.size()));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), fields.get(c).trim());
            }
            rows.add(new Row(number, values));
        }
        if (header == null) {
            problems.add(new RulesetProblem(file, 0, "The table has no header row"));
        }
        return rows;
    }

    /** Splits one line into fields, or returns null when a quote is left open. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
