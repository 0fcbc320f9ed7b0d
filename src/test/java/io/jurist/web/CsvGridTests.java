package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvGridTests {

    @Test
    void keepsTheCommentsAboveTheTableAndQuotesCellsThatNeedIt() {
        String content = "# How to read this table\n\ncode,description\nA,\"One, two\"\nB,\"Say \"\"hi\"\"\"\n";
        CsvGrid grid = CsvGrid.parse(content);
        assertThat(grid.preamble()).containsExactly("# How to read this table", "");
        assertThat(grid.header()).containsExactly("code", "description");
        assertThat(grid.rows()).containsExactly(List.of("A", "One, two"), List.of("B", "Say \"hi\""));
        assertThat(grid.format()).isEqualTo(content);
    }

    @Test
    void readsAnEmptyFileAsAnEmptyTable() {
        CsvGrid grid = CsvGrid.parse("");
        assertThat(grid.header()).isEmpty();
        assertThat(grid.rows()).isEmpty();
    }
}
