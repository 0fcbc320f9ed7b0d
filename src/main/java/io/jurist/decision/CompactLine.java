package io.jurist.decision;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The usual batch line, read byte by byte: one JSON object written compactly (no whitespace) holding the known fields
 * of a decision request once each, its texts plain printable ASCII (no escapes), its age 0 or a whole number of at
 * most nine digits without a sign or leading zero, nothing after the object. {@link #read} says whether the line is
 * such a line; anything else goes to the streaming parser (see {@link RequestLines}): this reader never reads a line
 * differently, it only reads fewer.
 *
 * <p>It finds the fields as ranges of the line's bytes and makes no text of its own: {@link #request()} makes the
 * {@link DecisionRequest}, and a caller that knows the values to expect (countries, purposes, instants) may compare
 * the bytes instead ({@link #from}, {@link #to}). One instance is reused line after line by one thread.
 */
final class CompactLine {

    /** The fields, each one bit: the request's own, then the subject's. */
    static final int SUBJECT = 1;
    static final int PURPOSE = 1 << 1;
    static final int CONSENT = 1 << 2;
    static final int AT = 1 << 3;
    static final int ID = 1 << 4;
    static final int COUNTRY = 1 << 5;
    static final int AGE = 1 << 6;

    /** The field names as they are written, quoted and followed by their colon, in the usual order. */
    private static final byte[][] TOP = {name("subject"), name("purpose"), name("consent"), name("at")};
    private static final int[] TOP_FIELDS = {SUBJECT, PURPOSE, CONSENT, AT};
    private static final byte[][] IN_SUBJECT = {name("id"), name("country"), name("age")};
    private static final int[] SUBJECT_FIELDS = {ID, COUNTRY, AGE};

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private byte[] b;
    private int end;
    private int pos;
    /** The fields present in the line just read. */
    private int present;
    /** Where each text field's characters begin and end (between its quotes), by the field's bit number. */
    private final int[] from = new int[7];
    private final int[] to = new int[7];
    private int age;

    private static byte[] name(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads {@code buffer[start, end)}: true when it is the usual line, whose fields are then at hand. */
    boolean read(byte[] buffer, int start, int end) {
        // Every byte of the usual line is plain (its structure and its texts): a line with any other is not one.
        if (!plain(buffer, start, end)) {
            return false;
        }
        this.b = buffer;
        this.pos = start;
        this.end = end;
        this.present = 0;
        return object(TOP, TOP_FIELDS) && pos == end;
    }

    /**
     * True when every byte of {@code b[from, to)} is plain printable ASCII other than the backslash (0x20 to 0x7e):
     * eight bytes at a time, each test exact for "some byte of the word" (bytes from 0x80, below 0x20, 0x7f, 0x5c).
     */
    static boolean plain(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long w = (long) WORDS.get(b, i);
            long del = w ^ 0x7F7F7F7F7F7F7F7FL;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long bad = (w & HIGHS) | ((w - 0x2020202020202020L) & ~w & HIGHS) | ((del - ONES) & ~del & HIGHS)
                    | ((backslash - ONES) & ~backslash & HIGHS);
            if (bad != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The line just read (true) as a request, as databind reads it. */
    DecisionRequest request() {
        DecisionRequest.Subject subject = has(SUBJECT)
                ? new DecisionRequest.Subject(text(ID), text(COUNTRY), has(AGE) ? Integer.valueOf(age) : null)
                : null;
        return new DecisionRequest(subject, text(PURPOSE), text(CONSENT), text(AT));
    }

    /** The line's bytes. */
    byte[] bytes() {
        return b;
    }

    /** True when the line holds the field. */
    boolean has(int field) {
        return (present & field) != 0;
    }

    /** Where the text of a present text field begins in {@link #bytes()}. */
    int from(int field) {
        return from[Integer.numberOfTrailingZeros(field)];
    }

    /** Where the text of a present text field ends in {@link #bytes()}. */
    int to(int field) {
        return to[Integer.numberOfTrailingZeros(field)];
    }

    /** The age, when {@link #has has(AGE)}. */
    int age() {
        return age;
    }

    private String text(int field) {
        if (!has(field)) {
            return null;
        }
        int i = Integer.numberOfTrailingZeros(field);
        return new String(b, from[i], to[i] - from[i], StandardCharsets.ISO_8859_1);
    }

    /**
     * One JSON object of the fields {@code names} (bits {@code fields}), each once, in any order; the subject is an
     * object of its own fields. False for anything else. The line is plain ({@link #plain}).
     */
    private boolean object(byte[][] names, int[] fields) {
        if (!take('{')) {
            return false;
        }
        int seen = 0;
        if (!take('}')) {
            // The field after the one just read is tried first: in the usual order it is the next.
            int next = 0;
            do {
                int index = name(names, next);
                if (index < 0) {
                    return false;
                }
                int field = fields[index];
                if ((seen & field) != 0) {
                    return false;
                }
                seen |= field;
                next = index + 1 == names.length ? 0 : index + 1;
                boolean read = field == SUBJECT ? object(IN_SUBJECT, SUBJECT_FIELDS)
                        : field == AGE ? readAge() : readText(Integer.numberOfTrailingZeros(field));
                if (!read) {
                    return false;
                }
            } while (take(','));
            if (!take('}')) {
                return false;
            }
        }
        present |= seen;
        return true;
    }

    private boolean take(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * The index among {@code names} of the field name (quoted, then its colon) at {@code pos}, trying
     * {@code first} first; -1 for any other. In a plain line a name is its bytes up to the first quote after it.
     */
    private int name(byte[][] names, int first) {
        for (int k = 0, i = first; k < names.length; k++, i = i + 1 == names.length ? 0 : i + 1) {
            byte[] name = names[i];
            if (end - pos >= name.length && same(b, pos, name)) {
                pos += name.length;
                return i;
            }
        }
        return -1;
    }

    /** True when {@code b} holds {@code text} from {@code from} on (which the caller checked it has room for). */
    static boolean same(byte[] b, int from, byte[] text) {
        return Arrays.equals(b, from, from + text.length, text, 0, text.length);
    }

    /** A JSON string (plain, as the whole line is), its range kept under slot {@code i}; false for anything else. */
    private boolean readText(int i) {
        if (pos >= end || b[pos] != '"') {
            return false;
        }
        for (int close = pos + 1; close < end; close++) {
            if (b[close] == '"') {
                from[i] = pos + 1;
                to[i] = close;
                pos = close + 1;
                return true;
            }
        }
        return false;
    }

    /** 0, or 1 to 9 digits without a leading zero, followed by a comma or brace; false for anything else. */
    private boolean readAge() {
        int start = pos;
        int value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            value = value * 10 + (b[pos] - '0');
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > 9 || (digits > 1 && b[start] == '0')
                || pos >= end || (b[pos] != ',' && b[pos] != '}')) {
            return false;
        }
        age = value;
        return true;
    }
}
