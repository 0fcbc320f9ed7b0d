package io.jurist.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference table as a grid for the table editor: the comment lines above it (kept as written,
 * since they explain the table to the next reader), the header, and the rows.
 *
 * @param preamble comment and blank lines before the header
 * @param header   the column names
 * @param rows     the data rows, one list of cells each
 */
record CsvGrid(List<String> preamble, List<String> header, List<List<String>> rows) {

    /** Reads a table; comment lines after the header are dropped, as the editor shows rows only. */
    static CsvGrid parse(String content) {
        List<String> preamble = new ArrayList<>();
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        for (String line : content.split("\r?\n")) {
            boolean comment = line.isBlank() || line.stripLeading().startsWith("#");
            if (header == null) {
                if (comment) {
                    preamble.add(line);
                } else {
                    header = split(line);
                }
            } else if (!comment) {
                rows.add(split(line));
            }
        }
        return new CsvGrid(preamble, header == null ? List.of() : header, rows);
    }

    /** Writes the table back, quoting cells that need it. */
    String format() {
        StringBuilder out = new StringBuilder();
        preamble.forEach(line -> out.append(line).append('\n'));
        out.append(join(header)).append('\n');
        rows.forEach(row -> out.append(join(row)).append('\n'));
        return out.toString();
    }

    private static String join(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            String value = cell == null ? "" : cell.strip();
            quoted.add(value.contains(",") || value.contains("\"")
                    ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
        }
        return String.join(",", quoted);
    }

    /** Splits one line; an unclosed quote keeps the rest of the line in the last cell. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
