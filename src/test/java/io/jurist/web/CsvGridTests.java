package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jurist.ruleset.CsvTable;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvGridTests {

    @Test
    void keepsTheCommentsAboveTheTableAndQuotesCellsThatNeedIt() {
        String content = "# How to read this table\n\ncode,description\nA,\"One, two\"\nB,\"Say \"\"hi\"\"\"\n";
        CsvGrid grid = CsvGrid.parse(content);
        assertThat(grid.preamble()).containsExactly("# How to read this table", "");
        assertThat(grid.header()).containsExactly("code", "description");
        assertThat(grid.rows()).containsExactly(List.of("A", "One, two"), List.of("B", "Say \"hi\""));
        assertThat(grid.lines()).containsExactly(4, 5);
        assertThat(grid.format()).isEqualTo(content);
        assertThat(grid.format(grid.rows(), List.of())).isEqualTo(content);
    }

    @Test
    void readsAnEmptyFileAsAnEmptyTable() {
        CsvGrid grid = CsvGrid.parse("");
        assertThat(grid.header()).isEmpty();
        assertThat(grid.rows()).isEmpty();
    }

    @Test
    void writesChangedRowsQuotedAndKeepsCommentsBetweenRowsAndUnchangedRowsAsWritten() {
        String content = "code,description\n\"A\",  one\n# B is new\nB,two\n";
        CsvGrid grid = CsvGrid.parse(content);
        List<List<String>> edited = new ArrayList<>(grid.rows());
        edited.set(1, List.of("B", "two, three"));
        assertThat(grid.format(edited, List.of(List.of("C", " #x ")))).isEqualTo(
                "code,description\n\"A\",  one\n# B is new\nB,\"two, three\"\nC,\"#x\"\n");
        edited.set(0, null);
        assertThat(grid.format(edited, List.of())).isEqualTo("code,description\n# B is new\nB,\"two, three\"\n");
    }

    /** The reported case: a reference with an unquoted comma, 7 fields for 6. */
    @Test
    void refusesATableWithARowItCannotShowExactly() {
        String row = "BR,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,ANPD note of 15 May, 2026: opt-in required";
        CsvGrid grid = CsvGrid.parse("jurisdiction,purpose,status,consent_model,since,reference\n" + row + "\n");
        assertThat(grid.representable()).isFalse();
        assertThat(grid.malformed()).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(2);
            assertThat(m.text()).isEqualTo(row);
        });
        assertThat(grid.rows()).isEmpty();
        assertThatThrownBy(() -> grid.format(List.of(), List.of())).isInstanceOf(IllegalStateException.class);
    }

    /**
     * raw → grid → raw is the identity for every valid table: the cells shown, sent back as a browser
     * sends them (a text area's line breaks as CR LF), write the file as it was, byte for byte.
     */
    @Property(tries = 300)
    void aTableShownInTheGridAndSavedUnchangedIsWrittenExactlyAsItWas(@ForAll("tables") String content) {
        CsvGrid grid = CsvGrid.parse(content);
        assertThat(grid.representable()).isTrue();
        List<List<String>> posted = grid.rows().stream()
                .map(row -> row.stream().map(cell -> grid.multiline(cell)
                        ? cell.replace("\r\n", "\n").replace("\n", "\r\n") : cell).toList())
                .toList();
        assertThat(grid.format(posted, List.of())).isEqualTo(content);
    }

    /** A row typed into the grid reads back as the cells typed (trimmed, as the compiler reads them). */
    @Property(tries = 300)
    void aRowAddedInTheGridReadsBackAsTyped(@ForAll("tables") String content, @ForAll("cellTexts") String cell) {
        CsvGrid grid = CsvGrid.parse(content);
        List<String> typed = new ArrayList<>();
        for (int c = 0; c < grid.header().size(); c++) {
            typed.add(c == 0 ? "X" + cell : cell);
        }
        CsvGrid saved = CsvGrid.parse(grid.format(grid.rows(), List.of(typed)));
        assertThat(saved.representable()).isTrue();
        assertThat(saved.rows()).hasSize(grid.rows().size() + 1);
        assertThat(saved.rows().get(saved.rows().size() - 1))
                .isEqualTo(typed.stream().map(String::strip).toList());
    }

    /**
     * Valid tables as people write them: comment and blank lines anywhere, cells quoted when they
     * must be and sometimes when they need not, commas, quotes and line breaks in quoted cells,
     * unicode, CR LF or LF line ends, with or without a final line break.
     */
    @Provide
    Arbitrary<String> tables() {
        Arbitrary<String> end = Arbitraries.of("\n", "\r\n");
        return Arbitraries.integers().between(1, 6).flatMap(width -> Combinators.combine(
                line(width).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.of("# How to read this table", "", "   ", "  # indented note", "#,\"odd\"")
                        .list().ofMaxSize(3).list().ofSize(9),
                end, Arbitraries.of(true, false)).as((lines, comments, newline, last) -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < lines.size(); i++) {
                        comments.get(i).forEach(c -> out.append(c).append(newline));
                        out.append(lines.get(i));
                        if (i < lines.size() - 1 || last) {
                            out.append(newline);
                        }
                    }
                    return out.toString();
                }));
    }

    private static Arbitrary<String> line(int width) {
        return Combinators.combine(cellTexts(), Arbitraries.of(true, false)).as(CsvGridTests::written)
                .list().ofSize(width).map(cells -> String.join(",", cells))
                .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"));
    }

    /** A cell as a person may write it: plain when it can be, quoted when it must or when they like. */
    private static String written(String cell, boolean quoteAnyway) {
        String quoted = CsvTable.quote(cell);
        return quoteAnyway || !quoted.equals(cell) ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    @Provide
    static Arbitrary<String> cellTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(",\"\n# aZ09é€😀ü-:").ofMaxLength(20),
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.of("", "ANPD note of 15 May, 2026: opt-in required", "Say \"hi\"", "São Paulo",
                        "line one\nline two", "北京", "Ελλάδα"));
    }
}
