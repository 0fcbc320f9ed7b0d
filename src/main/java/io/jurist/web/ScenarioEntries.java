package io.jurist.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scenario entry of a scenario file replaced or removed as text, so that every other entry and every
 * comment of the file stays exactly as written. An entry is the lines from its {@code - name:} line up to
 * the next entry; blank lines and comment lines at the margin just before the next entry belong to it.
 *
 * <p>A replaced entry keeps the comments written inside it: a comment line goes back before the line of the
 * same key (or the same list item) in the new text, a comment at the end of a line goes back to the end of
 * that key's line, and a comment whose line is gone goes right after the entry's {@code - name:} line.
 */
final class ScenarioEntries {

    private ScenarioEntries() {
    }

    /** A key at the start of a line (after its indentation and a list dash), up to its colon. */
    private static final Pattern KEY = Pattern.compile("^(\\s*(?:- )?[A-Za-z_][\\w-]*)\\s*:");

    /** Comment lines found before a line of the old entry, and the comment at the end of that line. */
    private record Comments(String anchor, List<String> before, String trailing) {
    }

    /**
     * The file with the entry starting at the (1-based) line replaced by the given entry text, the comments
     * inside the old entry carried over.
     */
    static String replace(String content, int line, String entry) {
        List<String> lines = lines(content);
        int[] span = span(lines, line);
        List<String> out = new ArrayList<>(lines.subList(0, span[0]));
        out.addAll(withComments(lines.subList(span[0], span[1]), lines(entry.endsWith("\n") ? entry : entry + "\n")));
        out.addAll(lines.subList(span[1], lines.size()));
        return String.join("", out);
    }

    /** The new entry's lines with the old entry's comments placed as the class comment says. */
    private static List<String> withComments(List<String> old, List<String> entry) {
        List<Comments> found = comments(old);
        if (found.isEmpty()) {
            return entry;
        }
        List<String> out = new ArrayList<>();
        for (String text : entry) {
            Comments match = null;
            String anchor = anchor(text);
            for (Iterator<Comments> it = found.iterator(); it.hasNext() && anchor != null; ) {
                Comments c = it.next();
                if (anchor.equals(c.anchor())) {
                    match = c;
                    it.remove();
                    break;
                }
            }
            if (match != null) {
                out.addAll(match.before());
                if (match.trailing() != null && commentStart(text) < 0) {
                    text = text.stripTrailing() + " " + match.trailing() + "\n";
                }
            }
            out.add(text);
        }
        // What no longer has its line stays with the entry, right under its name.
        List<String> orphans = new ArrayList<>();
        for (Comments c : found) {
            orphans.addAll(c.before());
            if (c.trailing() != null) {
                orphans.add("  " + c.trailing() + "\n");
            }
        }
        out.addAll(Math.min(1, out.size()), orphans);
        return out;
    }

    /** The comments of an entry's lines (its first line, the name, has none before it). */
    private static List<Comments> comments(List<String> entry) {
        List<Comments> found = new ArrayList<>();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < entry.size(); i++) {
            String text = entry.get(i);
            if (i > 0 && text.strip().startsWith("#")) {
                before.add(text.endsWith("\n") ? text : text + "\n");
                continue;
            }
            int start = commentStart(text);
            String trailing = start < 0 ? null : text.substring(start).strip();
            if (!before.isEmpty() || trailing != null) {
                found.add(new Comments(anchor(text), before, trailing));
                before = new ArrayList<>();
            }
        }
        if (!before.isEmpty()) {
            found.add(new Comments(null, before, null));
        }
        return found;
    }

    /** What identifies a line between the old and the new text: its indented key, or its whole text. */
    private static String anchor(String text) {
        if (text.isBlank()) {
            return null;
        }
        Matcher key = KEY.matcher(text);
        if (key.find()) {
            return key.group(1);
        }
        int start = commentStart(text);
        return (start < 0 ? text : text.substring(0, start)).stripTrailing();
    }

    /** Where a comment starts at the end of a YAML line (a # after a space, outside quotes), or -1. */
    static int commentStart(String text) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && dbl) {
                i++;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '#' && !single && !dbl && i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
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
