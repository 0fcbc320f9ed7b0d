import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bulk benchmark's checker: reads NDJSON answers on standard input, counts the lines, and counts those that do
 * not contain the given text (the ruleset every answer must name; an error line or an answer of another version
 * lacks it). Prints "lines bad". It does what {@code tee | wc -l} and {@code grep -c -v -F} did together, in one
 * process and one pass, so that less of the machine goes to the client: at a few hundred thousand answers a second
 * the answers are hundreds of megabytes a second.
 *
 * <p>The text is looked for from each line's end, where an answer names its ruleset; a line without it is read
 * whole. Usage: {@code java CountAnswers.java TEXT < answers.ndjson} (or compiled, from a class directory).
 */
public final class CountAnswers {

    private CountAnswers() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || args[0].isEmpty()) {
            System.err.println("usage: CountAnswers TEXT < answers.ndjson");
            System.exit(2);
        }
        long[] counts = count(System.in, args[0].getBytes(StandardCharsets.UTF_8));
        System.out.println(counts[0] + " " + counts[1]);
    }

    /** Lines, and lines without {@code needle} (a last line without its newline counts as one of those). */
    static long[] count(InputStream in, byte[] needle) throws IOException {
        byte[] buffer = new byte[1 << 22];
        int filled = 0;
        long lines = 0;
        long bad = 0;
        while (true) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            int start = 0;
            for (int end = indexOf(buffer, (byte) '\n', start, filled); end >= 0;
                 end = indexOf(buffer, (byte) '\n', start, filled)) {
                lines++;
                if (!containsFromEnd(buffer, start, end, needle)) {
                    bad++;
                }
                start = end + 1;
            }
            // Keep the unfinished line; grow when one line fills the whole buffer.
            filled -= start;
            System.arraycopy(buffer, start, buffer, 0, filled);
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        if (filled > 0) {
            // An answer cut off before its newline is a bad line, whatever it holds.
            lines++;
            bad++;
        }
        return new long[] {lines, bad};
    }

    private static int indexOf(byte[] b, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsFromEnd(byte[] b, int from, int to, byte[] needle) {
        byte first = needle[0];
        for (int i = to - needle.length; i >= from; i--) {
            if (b[i] == first && Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
