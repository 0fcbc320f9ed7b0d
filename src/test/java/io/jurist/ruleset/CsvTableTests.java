package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvTableTests {

    static final String HEADER = "jurisdiction,purpose,status,consent_model,since,reference\n";

    @Test
    void aRowWithAnUnquotedCommaIsMalformedAndKeepsItsRawText() {
        String content = "# comment\n" + HEADER
                + "BR,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,ANPD note of 15 May, 2026: opt-in required\n"
                + "*,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,User agreement\n";
        CsvTable.Document document = CsvTable.read(content);
        assertThat(document.malformed()).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(3);
            assertThat(row.text()).endsWith("ANPD note of 15 May, 2026: opt-in required");
            assertThat(row.problem()).isEqualTo("Expected 6 fields (jurisdiction, purpose, status, consent_model, "
                    + "since, reference) but found 7");
        });
        assertThat(document.raw()).isEqualTo(content);
        List<RulesetProblem> problems = new ArrayList<>();
        assertThat(CsvTable.parse("reference/jurisdictions.csv", content, List.of("jurisdiction"), problems))
                .hasSize(1);
        assertThat(problems).containsExactly(new RulesetProblem("reference/jurisdictions.csv", 3, "Expected 6 fields "
                + "(jurisdiction, purpose, status, consent_model, since, reference) but found 7"));
    }

    @Test
    void anUnclosedQuoteSpoilsOnlyItsOwnLine() {
        String content = HEADER + "GB,GENAI_TRAINING,SUSPENDED,OPT_IN,2024-09-18,\"ICO\n"
                + "*,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,User agreement\n";
        List<RulesetProblem> problems = new ArrayList<>();
        List<CsvTable.Row> rows = CsvTable.parse("t.csv", content, List.of("jurisdiction"), problems);
        assertThat(problems).containsExactly(new RulesetProblem("t.csv", 2, "Unclosed quote"));
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.line()).isEqualTo(3));
        assertThat(CsvTable.read(content).raw()).isEqualTo(content);
    }

    @Test
    void aQuotedCellMaySpanLinesAndLineNumbersFollowTheFile() {
        String content = "a,b\r\n1,\"two\r\nlines\"\r\n# note\r\n3,4";
        List<RulesetProblem> problems = new ArrayList<>();
        List<CsvTable.Row> rows = CsvTable.parse("t.csv", content, List.of("a", "b"), problems);
        assertThat(problems).isEmpty();
        assertThat(rows).extracting(CsvTable.Row::line).containsExactly(2, 5);
        assertThat(rows.get(0).get("b")).isEqualTo("two\r\nlines");
        assertThat(rows.get(1).get("b")).isEqualTo("4");
    }

    @Property(tries = 300)
    void readingIsLosslessForEveryText(@ForAll("texts") String content) {
        assertThat(CsvTable.read(content).raw()).isEqualTo(content);
    }

    @Property(tries = 300)
    void aFormattedTableReadsBackToTheSameCells(@ForAll("tables") List<List<String>> table) {
        StringBuilder content = new StringBuilder("# generated\n");
        table.forEach(row -> content.append(CsvTable.format(row)).append('\n'));
        CsvTable.Document document = CsvTable.read(content.toString());
        assertThat(document.malformed()).isEmpty();
        List<List<String>> read = document.entries().stream()
                .filter(e -> e.kind() == CsvTable.Kind.HEADER || e.kind() == CsvTable.Kind.ROW)
                .map(CsvTable.Entry::fields).toList();
        assertThat(read).isEqualTo(table);
    }

    /** Any text made of the characters that matter to CSV, and some that do not. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(",\"\n\r# aé€😀x").ofMaxLength(80);
    }

    /** A header and rows of the same width, whose cells hold anything a lawyer might type. */
    @Provide
    Arbitrary<List<List<String>>> tables() {
        return Arbitraries.integers().between(1, 6).flatMap(width -> {
            Arbitrary<List<String>> row = cells().list().ofSize(width);
            return Combinators.combine(row, row.list().ofMaxSize(8)).as((header, rows) -> {
                List<List<String>> table = new ArrayList<>();
                table.add(header);
                table.addAll(rows);
                return table;
            });
        });
    }

    static Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(",\"\n\r# aZ09é€😀ü-:").ofMaxLength(20),
                Arbitraries.strings().alpha().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(10),
                Arbitraries.of("", " ", "#", "ANPD note of 15 May, 2026: opt-in required", "Say \"hi\"", "São Paulo"));
    }
}
