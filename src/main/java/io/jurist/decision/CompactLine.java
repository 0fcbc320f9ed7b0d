package io.jurist.decision;

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

    private static final byte[][] TOP = {bytes("subject"), bytes("purpose"), bytes("consent"), bytes("at")};
    private static final int[] TOP_FIELDS = {SUBJECT, PURPOSE, CONSENT, AT};
    private static final byte[][] IN_SUBJECT = {bytes("id"), bytes("country"), bytes("age")};
    private static final int[] SUBJECT_FIELDS = {ID, COUNTRY, AGE};

    private byte[] b;
    private int end;
    private int pos;
    /** The fields present in the line just read. */
    private int present;
    /** Where each text field's characters begin and end (between its quotes), by the field's bit number. */
    private final int[] from = new int[7];
    private final int[] to = new int[7];
    private int age;

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads {@code buffer[start, end)}: true when it is the usual line, whose fields are then at hand. */
    boolean read(byte[] buffer, int start, int end) {
        this.b = buffer;
        this.pos = start;
        this.end = end;
        this.present = 0;
        return object(TOP, TOP_FIELDS) && pos == end;
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
     * object of its own fields. False for anything else.
     */
    private boolean object(byte[][] names, int[] fields) {
        if (!take('{')) {
            return false;
        }
        int seen = 0;
        if (!take('}')) {
            do {
                int field = name(names, fields);
                if (field == 0 || (seen & field) != 0) {
                    return false;
                }
                seen |= field;
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

    /** A field name among {@code names} and its colon: the field's bit, or 0 for anything else. */
    private int name(byte[][] names, int[] fields) {
        int start = pos + 1;
        int close = plainTo();
        if (close < 0 || close + 1 >= end || b[close + 1] != ':') {
            return 0;
        }
        for (int i = 0; i < names.length; i++) {
            if (Arrays.equals(b, start, close, names[i], 0, names[i].length)) {
                pos = close + 2;
                return fields[i];
            }
        }
        return 0;
    }

    /** A JSON string of plain printable ASCII, its range kept under slot {@code i}; false for anything else. */
    private boolean readText(int i) {
        int close = plainTo();
        if (close < 0) {
            return false;
        }
        from[i] = pos + 1;
        to[i] = close;
        pos = close + 1;
        return true;
    }

    /** Where the string at {@code pos} ends (its closing quote) if all of it is plain, else -1. */
    private int plainTo() {
        if (pos >= end || b[pos] != '"') {
            return -1;
        }
        for (int i = pos + 1; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                // Control characters, escapes and (negative here) bytes beyond ASCII are for the parser.
                return -1;
            }
        }
        return -1;
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
