package io.jurist.web;

import io.jurist.ruleset.RulesetProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table's validation problems placed on the grid: each problem's row, and the cell it is about when
 * the message quotes the cell's value ("status 'Enabled'") or names its column ("Every row needs a
 * reference"), so that the editor can highlight them and link each problem to its row.
 *
 * @param byLine the problems of this table by line
 * @param cells  the cells to highlight, as "line:column"
 */
record CellProblems(Map<Integer, List<String>> byLine, Set<String> cells) {

    static CellProblems of(String file, CsvGrid grid, List<RulesetProblem> problems) {
        Map<Integer, List<String>> byLine = new LinkedHashMap<>();
        Set<String> cells = new HashSet<>();
        List<String> header = grid.header();
        for (RulesetProblem problem : problems) {
            if (!problem.file().equals(file) || problem.line() <= 0) {
                continue;
            }
            byLine.computeIfAbsent(problem.line(), l -> new ArrayList<>()).add(problem.message());
            int index = grid.lines().indexOf(problem.line());
            if (index < 0) {
                continue;
            }
            List<String> row = grid.rows().get(index);
            String message = problem.message();
            String lower = message.toLowerCase(Locale.ROOT);
            boolean found = false;
            for (int c = 0; c < row.size() && c < header.size(); c++) {
                if (!row.get(c).isEmpty() && message.contains("'" + row.get(c) + "'")) {
                    cells.add(problem.line() + ":" + c);
                    found = true;
                }
            }
            for (int c = 0; !found && c < header.size(); c++) {
                String column = header.get(c).toLowerCase(Locale.ROOT);
                if (lower.startsWith(column + " ") || lower.contains("needs a " + column)) {
                    cells.add(problem.line() + ":" + c);
                    found = true;
                }
            }
        }
        return new CellProblems(byLine, cells);
    }

    public boolean rowHasProblem(int line) {
        return byLine.containsKey(line);
    }

    public boolean bad(int line, int column) {
        return cells.contains(line + ":" + column);
    }

    public boolean isEmpty() {
        return byLine.isEmpty();
    }
}
