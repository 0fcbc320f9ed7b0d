package io.jurist.web;

import io.jurist.ruleset.CsvTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference table as a grid for the table editor, read with the one CSV codec of the tables
 * ({@link CsvTable}). The grid never loses a word: a table with a row it cannot show exactly (a
 * field too many, an unclosed quote) is not representable, and writing the grid back keeps every
 * line it did not change (comments included) exactly as it was.
 *
 * @param document the file, read losslessly
 */
record CsvGrid(CsvTable.Document document) {

    static CsvGrid parse(String content) {
        return new CsvGrid(CsvTable.read(content));
    }

    /** The comment and blank lines before the header, as written. */
    public List<String> preamble() {
        List<String> preamble = new ArrayList<>();
        for (CsvTable.Entry entry : document.entries()) {
            if (entry.kind() != CsvTable.Kind.COMMENT) {
                break;
            }
            preamble.add(entry.text());
        }
        return preamble;
    }

    /** The column names. */
    public List<String> header() {
        return document.header();
    }

    /** The data rows, one list of cells each, as read. */
    public List<List<String>> rows() {
        return rowEntries().stream().map(CsvTable.Entry::fields).toList();
    }

    /** The line each data row starts on, in row order. */
    public List<Integer> lines() {
        return rowEntries().stream().map(CsvTable.Entry::line).toList();
    }

    /** The rows the grid cannot show exactly; the grid must not open or save such a table. */
    public List<CsvTable.Entry> malformed() {
        return document.malformed();
    }

    /** True when the grid shows every word of the table. */
    public boolean representable() {
        return malformed().isEmpty();
    }

    /** A cell with a line break is edited in a text area, since a text input drops line breaks. */
    public boolean multiline(String cell) {
        return cell.contains("\n") || cell.contains("\r");
    }

    /** A text area's content: HTML drops one line break right after the tag, so one is added. */
    public String textArea(String cell) {
        return "\n" + cell;
    }

    /** The table exactly as read. */
    public String format() {
        return document.raw();
    }

    /**
     * The table with the grid's edits: {@code edited} holds, for each row of {@link #rows()} in order,
     * its cells as edited or null when it is removed; {@code added} rows go at the end. A row whose
     * cells did not change keeps its text exactly; a changed row is written with its cells trimmed.
     */
    String format(List<List<String>> edited, List<List<String>> added) {
        if (!representable()) {
            throw new IllegalStateException("The table has rows the grid cannot show; edit it as text");
        }
        StringBuilder out = new StringBuilder();
        int row = 0;
        for (CsvTable.Entry entry : document.entries()) {
            if (entry.kind() != CsvTable.Kind.ROW) {
                out.append(entry.raw());
                continue;
            }
            List<String> cells = row < edited.size() ? edited.get(row) : entry.fields();
            row++;
            if (cells == null) {
                continue;
            }
            if (sameCells(cells, entry.fields())) {
                out.append(entry.raw());
            } else {
                out.append(line(cells)).append(entry.raw().endsWith("\r\n") ? "\r\n" : "\n");
            }
        }
        if (!added.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        added.forEach(cells -> out.append(line(cells)).append('\n'));
        return out.toString();
    }

    private static String line(List<String> cells) {
        return CsvTable.format(cells.stream().map(cell -> browserLineBreaks(cell == null ? "" : cell).strip()).toList());
    }

    /** A browser sends a text area's line breaks as CR LF; the table has the ones it was written with. */
    private static boolean sameCells(List<String> posted, List<String> read) {
        if (posted.size() != read.size()) {
            return false;
        }
        for (int c = 0; c < read.size(); c++) {
            String cell = posted.get(c) == null ? "" : posted.get(c);
            if (!browserLineBreaks(cell).equals(browserLineBreaks(read.get(c)))) {
                return false;
            }
        }
        return true;
    }

    private static String browserLineBreaks(String cell) {
        return cell.replace("\r\n", "\n");
    }

    private List<CsvTable.Entry> rowEntries() {
        return document.entries().stream().filter(e -> e.kind() == CsvTable.Kind.ROW).toList();
    }
}
