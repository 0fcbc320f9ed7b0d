package io.jurist.ruleset;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two texts in unified form, for people comparing two versions of a file. */
final class LineDiff {

    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The unified diff of a and b (no file headers); empty when they are equal. */
    static String unified(String a, String b) {
        String[] left = a.isEmpty() ? new String[0] : a.split("\n", -1);
        String[] right = b.isEmpty() ? new String[0] : b.split("\n", -1);
        int[][] lcs = new int[left.length + 1][right.length + 1];
        for (int i = left.length - 1; i >= 0; i--) {
            for (int j = right.length - 1; j >= 0; j--) {
                lcs[i][j] = left[i].equals(right[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Edit script: ' ' keep, '-' remove, '+' add, with the line numbers on each side.
        List<Object[]> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.length || j < right.length) {
            if (i < left.length && j < right.length && left[i].equals(right[j])) {
                edits.add(new Object[] {' ', left[i], i, j});
                i++;
                j++;
            } else if (j < right.length && (i == left.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                edits.add(new Object[] {'+', right[j], i, j});
                j++;
            } else {
                edits.add(new Object[] {'-', left[i], i, j});
                i++;
            }
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < edits.size()) {
            if ((char) edits.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while changes are within 2 * CONTEXT lines of each other.
            int lastChange = k;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if ((char) edits.get(end)[0] != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int leftStart = (int) edits.get(start)[2];
            int rightStart = (int) edits.get(start)[3];
            int leftCount = 0;
            int rightCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int e = start; e < end; e++) {
                char op = (char) edits.get(e)[0];
                hunk.append(op).append(edits.get(e)[1]).append('\n');
                if (op != '+') {
                    leftCount++;
                }
                if (op != '-') {
                    rightCount++;
                }
            }
            out.append("@@ -").append(leftStart + 1).append(',').append(leftCount)
                    .append(" +").append(rightStart + 1).append(',').append(rightCount).append(" @@\n").append(hunk);
            k = end;
        }
        return out.toString();
    }
}
