package io.jurist.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diff for people: the edit script of two lists (of lines or table rows), and hunks of lines with both sides' line
 * numbers, for DRL named by the rule each falls in.
 */
final class LineDiff {

    /** Lines of context around a change. */
    private static final int CONTEXT = 3;
    /** The largest comparison table (lines before × lines after, between the shared start and end) worked out. */
    static final long MAX_CELLS = 4_000_000;
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private LineDiff() {
    }

    /** A line diff in hunks with their line numbers, each named by the rule it falls in (for DRL). */
    static List<ChangesInWords.Hunk> hunks(String old, String now, boolean drl) {
        List<String> left = old.isEmpty() ? List.of() : List.of(old.split("\n", -1));
        List<String> right = now.isEmpty() ? List.of() : List.of(now.split("\n", -1));
        List<Edit> edits = edits(left, right);
        List<ChangesInWords.Hunk> hunks = new ArrayList<>();
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).op == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int lastChange = k;
            int end = k;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            List<ChangesInWords.Line> lines = new ArrayList<>();
            for (int e = start; e < end; e++) {
                Edit edit = edits.get(e);
                lines.add(switch (edit.op) {
                    case '+' -> new ChangesInWords.Line("+", 0, edit.after + 1, right.get(edit.after));
                    case '-' -> new ChangesInWords.Line("-", edit.before + 1, 0, left.get(edit.before));
                    default -> new ChangesInWords.Line(" ", edit.before + 1, edit.after + 1, left.get(edit.before));
                });
            }
            String rule = null;
            if (drl) {
                Edit first = edits.get(k);
                rule = first.op == '-' ? ruleAt(left, first.before) : ruleAt(right, Math.min(first.after, right.size() - 1));
            }
            hunks.add(new ChangesInWords.Hunk(rule, lines));
            k = end;
        }
        return hunks;
    }

    /** The name of the rule a line falls in: the last rule declared at or before it. */
    private static String ruleAt(List<String> lines, int index) {
        for (int i = Math.min(index, lines.size() - 1); i >= 0; i--) {
            Matcher matcher = RULE.matcher(lines.get(i));
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (i < index && lines.get(i).strip().equals("end")) {
                return null;
            }
        }
        return null;
    }

    record Edit(char op, int before, int after) {
    }

    /**
     * The shortest edit script turning a into b: kept, removed and added items with their indexes. The lines both
     * sides share at their start and end are kept as they are; what lies between is compared line by line when the
     * comparison's table stays within {@link #MAX_CELLS}, and otherwise shown as removed and added whole, so that a
     * very long file cannot make the page take the service's memory.
     */
    static <T> List<Edit> edits(List<T> a, List<T> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            edits.add(new Edit(' ', k, k));
        }
        List<T> midA = a.subList(head, a.size() - tail);
        List<T> midB = b.subList(head, b.size() - tail);
        if ((long) (midA.size() + 1) * (midB.size() + 1) > MAX_CELLS) {
            for (int k = 0; k < midA.size(); k++) {
                edits.add(new Edit('-', head + k, head));
            }
            for (int k = 0; k < midB.size(); k++) {
                edits.add(new Edit('+', head + midA.size(), head + k));
            }
        } else {
            for (Edit edit : shortest(midA, midB)) {
                edits.add(new Edit(edit.op, head + edit.before, head + edit.after));
            }
        }
        for (int k = tail; k > 0; k--) {
            edits.add(new Edit(' ', a.size() - k, b.size() - k));
        }
        return edits;
    }

    private static <T> List<Edit> shortest(List<T> a, List<T> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', i++, j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', i++, j));
            } else {
                edits.add(new Edit('+', i, j++));
            }
        }
        return edits;
    }
}
