package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTests {

    @Test
    void aSmallChangeInAVeryLongFileIsOneHunkWithItsLineNumbers() {
        List<String> before = IntStream.range(0, 200_000).mapToObj(i -> "line " + i).toList();
        List<String> after = new ArrayList<>(before);
        after.set(150_000, "changed");

        List<ChangesInWords.Hunk> hunks = LineDiff.hunks(String.join("\n", before), String.join("\n", after), false);

        assertThat(hunks).hasSize(1);
        assertThat(hunks.get(0).lines()).filteredOn(l -> !l.op().equals(" "))
                .extracting(l -> l.op() + l.before() + ":" + l.after() + " " + l.text())
                .containsExactly("-150001:0 line 150000", "+0:150001 changed");
    }

    @Test
    void twoLongFilesWithNothingInCommonAreShownRemovedAndAddedWithoutTheComparisonTable() {
        List<String> before = IntStream.range(0, 3_000).mapToObj(i -> "old " + i).toList();
        List<String> after = IntStream.range(0, 3_000).mapToObj(i -> "new " + i).toList();
        assertThat((long) before.size() * after.size()).isGreaterThan(LineDiff.MAX_CELLS);

        List<LineDiff.Edit> edits = LineDiff.edits(before, after);

        assertThat(edits).filteredOn(e -> e.op() == '-').extracting(LineDiff.Edit::before)
                .containsExactlyElementsOf(IntStream.range(0, 3_000).boxed().toList());
        assertThat(edits).filteredOn(e -> e.op() == '+').extracting(LineDiff.Edit::after)
                .containsExactlyElementsOf(IntStream.range(0, 3_000).boxed().toList());
    }

    @Test
    void withinTheBoundTheEditScriptIsTheShortestAndReplaysToTheNewFile() {
        List<String> before = List.of("a", "b", "c", "d", "e", "f", "g");
        List<String> after = List.of("a", "x", "c", "d", "y", "f", "g", "h");

        List<LineDiff.Edit> edits = LineDiff.edits(before, after);

        assertThat(edits).filteredOn(e -> e.op() == ' ').hasSize(5);
        assertThat(edits.stream().filter(e -> e.op() != '-')
                .map(e -> e.op() == '+' ? after.get(e.after()) : before.get(e.before()))
                .collect(Collectors.toList())).isEqualTo(after);
    }
}
