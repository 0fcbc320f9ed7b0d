package io.jurist.ruleset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one CSV reader and writer of the reference tables, used by the compiler, the editor's grid and
 * the suspension workflow alike: a header row, then rows; lines whose first non-blank character is
 * {@code #} and blank lines are comments; fields may be quoted with {@code "} (a doubled quote inside
 * quotes is a quote, and a quoted field may span lines).
 *
 * <p>Reading is lossless: the file is cut into {@link Entry entries} (comment lines, the header,
 * rows, malformed rows) whose raw texts, joined, are the file exactly, so that an editor can write
 * back every line it did not change as it was. A row whose fields do not match the header, or whose
 * quote is never closed, is a malformed entry that keeps its raw text and line number.
 *
 * <p>We keep our own codec rather than Apache Commons CSV or Jackson's CSV module: both give the
 * fields of a record but neither the record's exact text (comments are dropped or re-joined), both
 * stop at the first unclosed quote, and neither treats an indented {@code #} line as a comment as
 * these tables always have.
 */
public final class CsvTable {

    /** What an entry of the file is. */
    public enum Kind { COMMENT, HEADER, ROW, MALFORMED }

    /**
     * One piece of the file.
     *
     * @param kind    comment line, header, row or malformed row
     * @param line    the (1-based) line it starts on
     * @param raw     its text exactly as in the file, with its line break
     * @param fields  its fields as read (untrimmed); empty for a comment, partial for a malformed row
     * @param problem why a malformed row cannot be read, null otherwise
     */
    public record Entry(Kind kind, int line, String raw, List<String> fields, String problem) {

        /** The raw text without its final line break, for showing to people. */
        public String text() {
            return raw.endsWith("\r\n") ? raw.substring(0, raw.length() - 2)
                    : raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        }
    }

    /** A file read into entries; {@code header} is empty when it has no header row. */
    public record Document(List<Entry> entries, List<String> header) {

        /** The malformed rows, in file order. */
        public List<Entry> malformed() {
            return entries.stream().filter(e -> e.kind() == Kind.MALFORMED).toList();
        }

        /** The file again, exactly as read. */
        public String raw() {
            StringBuilder out = new StringBuilder();
            entries.forEach(e -> out.append(e.raw()));
            return out.toString();
        }
    }

    /** One data row and the line it stands on, with its values trimmed, by column. */
    record Row(int line, Map<String, String> values) {
        String get(String column) {
            return values.getOrDefault(column, "");
        }
    }

    private CsvTable() {
    }

    /** Reads a file into entries; never fails, a row it cannot read is a malformed entry. */
    public static Document read(String content) {
        List<Entry> entries = new ArrayList<>();
        List<String> header = null;
        int position = 0;
        int line = 1;
        while (position < content.length()) {
            int end = lineEnd(content, position);
            String text = content.substring(position, end).replaceFirst("\r?\n$", "");
            Entry entry;
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                entry = new Entry(Kind.COMMENT, line, content.substring(position, end), List.of(), null);
            } else {
                entry = record(content, position, line, header);
                if (header == null && entry.kind() == Kind.ROW) {
                    header = entry.fields().stream().map(String::trim).toList();
                    entry = new Entry(Kind.HEADER, line, entry.raw(), entry.fields(), null);
                }
            }
            entries.add(entry);
            position += entry.raw().length();
            line += count(entry.raw(), '\n');
        }
        return new Document(Collections.unmodifiableList(entries), header == null ? List.of() : header);
    }

    /** One row as CSV (without a line break), quoting the cells that need it. */
    public static String format(List<String> cells) {
        List<String> quoted = new ArrayList<>(cells.size());
        for (String cell : cells) {
            quoted.add(quote(cell == null ? "" : cell));
        }
        String line = String.join(",", quoted);
        return line.isEmpty() ? "\"\"" : line;
    }

    /**
     * A cell as CSV: quoted when it holds a comma, quote or line break, when blanks around it would
     * be trimmed, or when it could start a comment line.
     */
    public static String quote(String cell) {
        boolean needed = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                || !cell.equals(cell.strip()) || cell.startsWith("#");
        return needed ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** The rows of a table, checking its header; every problem found is added to the list. */
    static List<Row> parse(String file, String content, List<String> requiredColumns,
                           List<RulesetProblem> problems) {
        Document document = read(content);
        List<Row> rows = new ArrayList<>();
        List<String> header = document.header();
        for (Entry entry : document.entries()) {
            switch (entry.kind()) {
                case MALFORMED -> problems.add(new RulesetProblem(file, entry.line(), entry.problem()));
                case HEADER -> {
                    for (String column : requiredColumns) {
                        if (!header.contains(column)) {
                            problems.add(new RulesetProblem(file, entry.line(), "Missing column '" + column
                                    + "'; the header must name " + String.join(", ", requiredColumns)));
                        }
                    }
                }
                case ROW -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int c = 0; c < header.size(); c++) {
                        values.put(header.get(c), entry.fields().get(c).trim());
                    }
                    rows.add(new Row(entry.line(), values));
                }
                case COMMENT -> { }
            }
        }
        if (header.isEmpty()) {
            problems.add(new RulesetProblem(file, 0, "The table has no header row"));
        }
        return rows;
    }

    /** Reads the record starting at {@code start}, which may span lines inside quotes. */
    private static Entry record(String content, int start, int line, List<String> header) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = start;
        for (; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
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
            } else if (c == '\n') {
                break;
            } else if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                i++;
                break;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            // Never closed: the row is its first line alone, and reading goes on at the next line.
            String raw = content.substring(start, lineEnd(content, start));
            return new Entry(Kind.MALFORMED, line, raw, List.of(), "Unclosed quote");
        }
        fields.add(field.toString());
        String raw = content.substring(start, Math.min(i + 1, content.length()));
        if (header != null && fields.size() != header.size()) {
            return new Entry(Kind.MALFORMED, line, raw, List.copyOf(fields), "Expected " + header.size()
                    + " fields (" + String.join(", ", header) + ") but found " + fields.size());
        }
        return new Entry(Kind.ROW, line, raw, Collections.unmodifiableList(fields), null);
    }

    /** The index just after the line break ending the line at {@code start}, or the end of the text. */
    private static int lineEnd(String content, int start) {
        int newline = content.indexOf('\n', start);
        return newline < 0 ? content.length() : newline + 1;
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
