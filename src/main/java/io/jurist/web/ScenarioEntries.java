package io.jurist.web;

import java.util.ArrayList;
import java.util.List;

/**
 * One scenario entry of a scenario file replaced or removed as text, so that every other entry and every
 * comment of the file stays exactly as written. An entry is the lines from its {@code - name:} line up to
 * the next entry; blank lines and comment lines at the margin just before the next entry belong to it.
 */
final class ScenarioEntries {

    private ScenarioEntries() {
    }

    /** The file with the entry starting at the (1-based) line replaced by the given entry text. */
    static String replace(String content, int line, String entry) {
        List<String> lines = lines(content);
        int[] span = span(lines, line);
        List<String> out = new ArrayList<>(lines.subList(0, span[0]));
        out.addAll(lines(entry.endsWith("\n") ? entry : entry + "\n"));
        out.addAll(lines.subList(span[1], lines.size()));
        return String.join("", out);
    }

    /** The file without the entry starting at the (1-based) line, and without the blank line that led to it. */
    static String remove(String content, int line) {
        List<String> lines = lines(content);
        int[] span = span(lines, line);
        int start = span[0];
        if (start > 0 && lines.get(start - 1).isBlank()) {
            start--;
        }
        List<String> out = new ArrayList<>(lines.subList(0, start));
        out.addAll(lines.subList(span[1], lines.size()));
        return String.join("", out);
    }

    /** [first, end) of the entry's lines, 0-based. */
    private static int[] span(List<String> lines, int line) {
        int first = line - 1;
        if (first < 0 || first >= lines.size() || !lines.get(first).startsWith("-")) {
            throw new IllegalArgumentException("No scenario entry starts at line " + line);
        }
        int end = first + 1;
        while (end < lines.size() && !lines.get(end).startsWith("-")) {
            end++;
        }
        while (end > first + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
            end--;
        }
        return new int[] {first, end};
    }

    /** The lines with their line breaks. */
    private static List<String> lines(String content) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                lines.add(content.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < content.length()) {
            lines.add(content.substring(start));
        }
        return lines;
    }
}
