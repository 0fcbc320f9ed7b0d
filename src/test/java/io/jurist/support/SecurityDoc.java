package io.jurist.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access matrix as docs/security.md declares it: its Markdown tables, found by the title of
 * their first column, so that the tests compare the running application with the document itself
 * and the two cannot drift apart.
 */
public final class SecurityDoc {

    private static final Path FILE = Path.of("docs", "security.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** One row: the routes named in code in its first cell, and the cell of each further column by title. */
    public record Row(String first, List<String> routes, Map<String, String> cells) {

        public String cell(String column) {
            String cell = cells.get(column);
            if (cell == null) {
                throw new IllegalStateException("No column '" + column + "' in the row " + first);
            }
            return cell;
        }
    }

    /** A table: the titles of its columns after the first, and its rows. */
    public record Table(List<String> columns, List<Row> rows) {
    }

    private SecurityDoc() {
    }

    /** The table whose first column has this title. */
    public static Table table(String firstColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            List<String> header = cells(lines.get(i));
            if (header.isEmpty() || !header.get(0).equals(firstColumn)) {
                continue;
            }
            List<String> columns = header.subList(1, header.size());
            List<Row> rows = new ArrayList<>();
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                List<String> cells = cells(lines.get(j));
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    byColumn.put(columns.get(c), c + 1 < cells.size() ? cells.get(c + 1) : "");
                }
                List<String> routes = new ArrayList<>();
                Matcher code = CODE.matcher(cells.get(0));
                while (code.find()) {
                    routes.add(code.group(1));
                }
                rows.add(new Row(cells.get(0), routes, byColumn));
            }
            return new Table(columns, rows);
        }
        throw new IllegalStateException("docs/security.md has no table whose first column is '" + firstColumn + "'");
    }

    private static List<String> cells(String line) {
        if (!line.startsWith("|")) {
            return List.of();
        }
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}
