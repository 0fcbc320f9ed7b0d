package io.jurist.web;

import io.jurist.ruleset.CsvTable;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.RulesetProblem;
import io.jurist.ruleset.Scenario;
import io.jurist.ruleset.ScenarioRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two sets of rule files, for people: a reference table's changed rows as
 * before/after tables with the changed cells marked, a rule file's lines with their numbers on both
 * sides and the rule each change is in, a scenario file's scenarios by name. Review, proposal and
 * diff pages show the same thing.
 */
final class ChangesInWords {


    private ChangesInWords() {
    }

    /** One changed file. Exactly one of table, rules, scenarios is set; text for any other file. */
    record FileChange(String path, String change, TableChange table, List<Hunk> rules, ScenarioChange scenarios,
                      List<Hunk> text) {
    }

    /** A table's changed rows under its header. */
    record TableChange(List<String> header, List<RowChange> rows) {
    }

    /**
     * A row added, removed or changed.
     *
     * @param kind    added, removed or changed
     * @param before  its cells before (empty when added)
     * @param after   its cells after (empty when removed)
     * @param changed by column, whether the cell differs (all true when added or removed)
     * @param lineBefore the line it stood on before, 0 when added
     * @param lineAfter  the line it stands on after, 0 when removed
     */
    record RowChange(String kind, List<String> before, List<String> after, List<Boolean> changed, int lineBefore,
                     int lineAfter) {
    }

    /** A run of changed lines with some context, and the rule it falls in. */
    record Hunk(String rule, List<Line> lines) {
    }

    /** One line of a diff: op is " " kept, "-" removed, "+" added; a number is 0 on the side it is absent. */
    record Line(String op, int before, int after, String text) {
        public String cssClass() {
            return op.equals("+") ? "line-add" : op.equals("-") ? "line-del" : "line-keep";
        }
    }

    /** Scenarios by name. */
    record ScenarioChange(List<String> added, List<String> removed, List<String> changed, List<String> problems) {
    }

    /** Every file that differs, in path order. */
    static List<FileChange> between(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            String old = before.get(path);
            String now = after.get(path);
            if (!Objects.equals(old, now)) {
                changes.add(of(path, old, now));
            }
        }
        return changes;
    }

    static FileChange of(String path, String old, String now) {
        String change = old == null ? "added" : now == null ? "removed" : "changed";
        String a = old == null ? "" : old;
        String b = now == null ? "" : now;
        if (path.endsWith(".csv")) {
            return new FileChange(path, change, table(a, b), null, null, null);
        }
        if (path.endsWith(".drl")) {
            return new FileChange(path, change, null, LineDiff.hunks(a, b, true), null, null);
        }
        if (path.startsWith("scenarios/") && (path.endsWith(".yaml") || path.endsWith(".yml"))) {
            return new FileChange(path, change, null, null, scenarios(path, a, b), null);
        }
        return new FileChange(path, change, null, null, null, LineDiff.hunks(a, b, false));
    }

    /** Rows matched by their whole text; a removed and an added row that share most cells are one changed row. */
    static TableChange table(String old, String now) {
        CsvTable.Document before = CsvTable.read(old);
        CsvTable.Document after = CsvTable.read(now);
        List<CsvTable.Entry> left = rows(before);
        List<CsvTable.Entry> right = rows(after);
        List<String> header = after.header().isEmpty() ? before.header() : after.header();
        List<RowChange> rows = new ArrayList<>();
        List<LineDiff.Edit> edits = LineDiff.edits(left.stream().map(ChangesInWords::cells).toList(),
                right.stream().map(ChangesInWords::cells).toList());
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).op() == ' ') {
                k++;
                continue;
            }
            List<CsvTable.Entry> removed = new ArrayList<>();
            List<CsvTable.Entry> added = new ArrayList<>();
            while (k < edits.size() && edits.get(k).op() != ' ') {
                LineDiff.Edit edit = edits.get(k);
                if (edit.op() == '-') {
                    removed.add(left.get(edit.before()));
                } else {
                    added.add(right.get(edit.after()));
                }
                k++;
            }
            pair(removed, added, header.size(), rows);
        }
        return new TableChange(header, rows);
    }

    private static void pair(List<CsvTable.Entry> removed, List<CsvTable.Entry> added, int width, List<RowChange> rows) {
        List<CsvTable.Entry> unmatched = new ArrayList<>(added);
        for (CsvTable.Entry gone : removed) {
            CsvTable.Entry best = null;
            int bestSame = 0;
            for (CsvTable.Entry candidate : unmatched) {
                int same = same(cells(gone), cells(candidate));
                if (same > bestSame) {
                    best = candidate;
                    bestSame = same;
                }
            }
            int columns = Math.max(width, Math.max(cells(gone).size(), best == null ? 0 : cells(best).size()));
            if (best != null && bestSame * 2 >= columns && sameFirst(gone, best)) {
                unmatched.remove(best);
                List<Boolean> changed = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    changed.add(!cell(cells(gone), c).equals(cell(cells(best), c)));
                }
                rows.add(new RowChange("changed", padded(cells(gone), columns), padded(cells(best), columns), changed,
                        gone.line(), best.line()));
            } else {
                rows.add(new RowChange("removed", padded(cells(gone), width), List.of(), all(width, cells(gone)),
                        gone.line(), 0));
            }
        }
        for (CsvTable.Entry fresh : unmatched) {
            rows.add(new RowChange("added", List.of(), padded(cells(fresh), width), all(width, cells(fresh)), 0,
                    fresh.line()));
        }
    }

    /** A changed row keeps its first column (the jurisdiction, the code, the region). */
    private static boolean sameFirst(CsvTable.Entry a, CsvTable.Entry b) {
        return cell(cells(a), 0).equals(cell(cells(b), 0));
    }

    private static List<Boolean> all(int width, List<String> cells) {
        List<Boolean> flags = new ArrayList<>();
        for (int c = 0; c < Math.max(width, cells.size()); c++) {
            flags.add(true);
        }
        return flags;
    }

    private static List<String> padded(List<String> cells, int width) {
        List<String> out = new ArrayList<>(cells);
        while (out.size() < width) {
            out.add("");
        }
        return out;
    }

    private static int same(List<String> a, List<String> b) {
        int same = 0;
        for (int c = 0; c < Math.min(a.size(), b.size()); c++) {
            if (a.get(c).equals(b.get(c))) {
                same++;
            }
        }
        return same;
    }

    private static String cell(List<String> cells, int c) {
        return c < cells.size() ? cells.get(c) : "";
    }

    private static List<CsvTable.Entry> rows(CsvTable.Document document) {
        return document.entries().stream()
                .filter(e -> e.kind() == CsvTable.Kind.ROW || e.kind() == CsvTable.Kind.MALFORMED).toList();
    }

    private static List<String> cells(CsvTable.Entry entry) {
        return entry.kind() == CsvTable.Kind.MALFORMED ? List.of(entry.text())
                : entry.fields().stream().map(String::strip).toList();
    }

    /** Scenarios added, removed and changed, by name. */
    static ScenarioChange scenarios(String path, String old, String now) {
        List<RulesetProblem> problems = new ArrayList<>();
        Map<String, Scenario> before = byName(path, old, problems);
        Map<String, Scenario> after = byName(path, now, problems);
        List<String> added = after.keySet().stream().filter(n -> !before.containsKey(n)).toList();
        List<String> removed = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
        List<String> changed = after.keySet().stream().filter(before::containsKey)
                .filter(n -> !before.get(n).request().equals(after.get(n).request())
                        || !before.get(n).expect().equals(after.get(n).expect())).toList();
        return new ScenarioChange(added, removed, changed, problems.stream().map(RulesetProblem::toString).toList());
    }

    private static Map<String, Scenario> byName(String path, String content, List<RulesetProblem> problems) {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        if (!content.isEmpty()) {
            ScenarioRunner.read(new RulesetFiles(Map.of(path, content)), problems)
                    .forEach(s -> scenarios.put(s.name(), s));
        }
        return scenarios;
    }
}
