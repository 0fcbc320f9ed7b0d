package io.jurist.ruleset;

import java.util.ArrayList;
import java.util.List;

/**
 * Line numbers of a rule file's text, counted as the checker and its authors count them: a line ends at
 * {@code \n} (a lone {@code \r} is refused before anything else, see {@link #loneCarriageReturn}).
 */
final class SourceLines {

    private final String text;
    private final int[] starts;

    SourceLines(String text) {
        this.text = text;
        List<Integer> found = new ArrayList<>();
        found.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                found.add(i + 1);
            }
        }
        this.starts = found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of an offset. */
    int lineOf(int offset) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    /** Where a 1-based line starts (the last line's start past the end). */
    int offsetOf(int line) {
        return line <= 1 ? 0 : starts[Math.min(line, starts.length) - 1];
    }

    /** The line of the first occurrence of the word at or after the offset, or 0 when there is none. */
    int lineContaining(String word, int from) {
        int at = text.indexOf(word, Math.max(from, 0));
        return at < 0 ? 0 : lineOf(at);
    }

    /** The offset of a carriage return not followed by a line feed, or -1. */
    int loneCarriageReturn() {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                return i;
            }
        }
        return -1;
    }
}
