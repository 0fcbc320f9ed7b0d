package io.jurist.decision;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a stream into lines as byte ranges of one reused buffer, so memory stays flat however many
 * lines come. A line longer than the limit is skipped to its end and reported as too long, rather than
 * buffered. A final line without a newline counts; the newline that ends the body opens no new line.
 */
final class NdjsonLines {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private final int maxLine;
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean eof;

    private long number;
    private int start;
    private int length;
    private boolean tooLong;

    NdjsonLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.buffer = new byte[Math.min(64 * 1024, maxLine + 1)];
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        boolean skipping = false;
        while (true) {
            int newline = indexOfNewline(position, limit);
            if (newline >= 0) {
                int end = newline > position && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                return found(position, skipping ? 0 : end - position, skipping, newline + 1);
            }
            if (eof) {
                if (position < limit || skipping) {
                    return found(position, skipping ? 0 : limit - position, skipping, limit);
                }
                return false;
            }
            if (limit - position > maxLine) {
                // Too long to answer: drop what we have and read on to its newline.
                skipping = true;
                position = limit;
            }
            compactAndFill();
        }
    }

    private boolean found(int from, int len, boolean skipped, int nextPosition) {
        number++;
        start = from;
        length = len;
        tooLong = skipped;
        position = nextPosition;
        return true;
    }

    /**
     * The first newline in {@code buffer[from, to)}, or -1: eight bytes at a time (a byte equal to the newline is a
     * zero byte of the word XOR eight newlines; the lowest flagged byte is the first such byte), the rest one by one.
     */
    private int indexOfNewline(int from, int to) {
        byte[] b = buffer;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) WORDS.get(b, i) ^ NEWLINES;
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void compactAndFill() throws IOException {
        int remaining = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, remaining);
            position = 0;
            limit = remaining;
        }
        if (limit == buffer.length) {
            byte[] larger = new byte[Math.min(buffer.length * 2, maxLine + 2)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** The 1-based number of the current line. */
    long number() {
        return number;
    }

    byte[] buffer() {
        return buffer;
    }

    int start() {
        return start;
    }

    int length() {
        return length;
    }

    /** True when the current line passed the limit; its content is not kept. */
    boolean tooLong() {
        return tooLong;
    }

    /** True when the current line holds nothing but white space. */
    boolean blank() {
        for (int i = start; i < start + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
