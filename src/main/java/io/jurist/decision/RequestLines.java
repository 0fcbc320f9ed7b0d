package io.jurist.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one batch line into a {@link DecisionRequest} with Jackson's streaming parser, without databind, for the
 * common case only: one JSON object holding the known fields once each, text as JSON strings, the age as a JSON
 * whole number that fits an {@code int}, nothing after the object. Anything else (a null, an unknown or repeated
 * field, another type, bad JSON, trailing tokens) is not judged here: {@link #read} answers {@code null} and the
 * caller reads the line again with the configured {@code ObjectReader}, so every error text and every coercion
 * rule stays the one databind gives.
 */
final class RequestLines {

    private static final int SUBJECT = 1;
    private static final int PURPOSE = 2;
    private static final int CONSENT = 4;
    private static final int AT = 8;
    private static final int ID = 1;
    private static final int COUNTRY = 2;
    private static final int AGE = 4;

    /** Thrown when a value is not what the common case holds; {@link #read} then answers {@code null}. */
    private static final RuntimeException NOT_COMMON = new RuntimeException("not the common case", null, false, false) {
    };

    private RequestLines() {
    }

    /** The text of a JSON string value; anything else is left to databind. */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw NOT_COMMON;
        }
        return parser.getText();
    }

    /** The request on {@code buffer[start, start + length)}, or {@code null} when databind must judge the line. */
    static DecisionRequest read(JsonFactory json, byte[] buffer, int start, int length) {
        DecisionRequest compact = readCompact(buffer, start, length);
        return compact != null ? compact : stream(json, buffer, start, length);
    }

    /** The usual line read byte by byte ({@link Compact}), or {@code null} when it is anything else. */
    static DecisionRequest readCompact(byte[] buffer, int start, int length) {
        return new Compact(buffer, start, start + length).read();
    }

    /** The request as Jackson's streaming parser reads it, or {@code null} when databind must judge the line. */
    private static DecisionRequest stream(JsonFactory json, byte[] buffer, int start, int length) {
        try (JsonParser parser = json.createParser(buffer, start, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            DecisionRequest.Subject subject = null;
            String purpose = null;
            String consent = null;
            String at = null;
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int field;
                switch (name) {
                    case "subject" -> {
                        field = SUBJECT;
                        if (value != JsonToken.START_OBJECT || (subject = subject(parser)) == null) {
                            return null;
                        }
                    }
                    case "purpose" -> {
                        field = PURPOSE;
                        purpose = text(parser, value);
                    }
                    case "consent" -> {
                        field = CONSENT;
                        consent = text(parser, value);
                    }
                    case "at" -> {
                        field = AT;
                        at = text(parser, value);
                    }
                    default -> {
                        return null;
                    }
                }
                if ((seen & field) != 0) {
                    return null;
                }
                seen |= field;
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            return new DecisionRequest(subject, purpose, consent, at);
        } catch (IOException | RuntimeException e) {
            // Bad JSON, numbers out of range, limits, a value of another type: databind reads the line again and
            // words the error.
            return null;
        }
    }

    private static DecisionRequest.Subject subject(JsonParser parser) throws IOException {
        String id = null;
        String country = null;
        Integer age = null;
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int field;
            switch (name) {
                case "id" -> {
                    field = ID;
                    id = text(parser, value);
                }
                case "country" -> {
                    field = COUNTRY;
                    country = text(parser, value);
                }
                case "age" -> {
                    field = AGE;
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                        return null;
                    }
                    age = parser.getIntValue();
                }
                default -> {
                    return null;
                }
            }
            if ((seen & field) != 0) {
                return null;
            }
            seen |= field;
        }
        return token == JsonToken.END_OBJECT ? new DecisionRequest.Subject(id, country, age) : null;
    }

    /**
     * The usual line, read byte by byte: the common case above written compactly (no whitespace), its texts plain
     * printable ASCII (no escapes), its age 0 or a whole number of at most nine digits without a sign or leading zero.
     * {@link #read()} answers {@code null} for anything else, which then goes to the streaming parser: it never reads
     * a line differently, it only reads fewer.
     */
    private static final class Compact {

        private static final byte[][] TOP = {bytes("subject"), bytes("purpose"), bytes("consent"), bytes("at")};
        private static final int[] TOP_FIELDS = {SUBJECT, PURPOSE, CONSENT, AT};
        private static final byte[][] IN_SUBJECT = {bytes("id"), bytes("country"), bytes("age")};
        private static final int[] SUBJECT_FIELDS = {ID, COUNTRY, AGE};

        private final byte[] b;
        private final int end;
        private int pos;

        Compact(byte[] buffer, int start, int end) {
            this.b = buffer;
            this.pos = start;
            this.end = end;
        }

        private static byte[] bytes(String name) {
            return name.getBytes(StandardCharsets.US_ASCII);
        }

        DecisionRequest read() {
            if (!take('{')) {
                return null;
            }
            DecisionRequest.Subject subject = null;
            String purpose = null;
            String consent = null;
            String at = null;
            int seen = 0;
            if (!take('}')) {
                do {
                    int field = name(TOP, TOP_FIELDS);
                    if (field == 0 || (seen & field) != 0) {
                        return null;
                    }
                    seen |= field;
                    if (field == SUBJECT) {
                        if ((subject = subject()) == null) {
                            return null;
                        }
                    } else {
                        String text = text();
                        if (text == null) {
                            return null;
                        }
                        if (field == PURPOSE) {
                            purpose = text;
                        } else if (field == CONSENT) {
                            consent = text;
                        } else {
                            at = text;
                        }
                    }
                } while (take(','));
                if (!take('}')) {
                    return null;
                }
            }
            return pos == end ? new DecisionRequest(subject, purpose, consent, at) : null;
        }

        private DecisionRequest.Subject subject() {
            if (!take('{')) {
                return null;
            }
            String id = null;
            String country = null;
            Integer age = null;
            int seen = 0;
            if (!take('}')) {
                do {
                    int field = name(IN_SUBJECT, SUBJECT_FIELDS);
                    if (field == 0 || (seen & field) != 0) {
                        return null;
                    }
                    seen |= field;
                    if (field == AGE) {
                        if ((age = age()) == null) {
                            return null;
                        }
                    } else {
                        String text = text();
                        if (text == null) {
                            return null;
                        }
                        if (field == ID) {
                            id = text;
                        } else {
                            country = text;
                        }
                    }
                } while (take(','));
                if (!take('}')) {
                    return null;
                }
            }
            return new DecisionRequest.Subject(id, country, age);
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
            int from = pos + 1;
            int to = plainTo();
            if (to < 0 || to + 1 >= end || b[to + 1] != ':') {
                return 0;
            }
            for (int i = 0; i < names.length; i++) {
                if (Arrays.equals(b, from, to, names[i], 0, names[i].length)) {
                    pos = to + 2;
                    return fields[i];
                }
            }
            return 0;
        }

        /** A JSON string of plain printable ASCII: its text, or null for anything else. */
        private String text() {
            int from = pos + 1;
            int to = plainTo();
            if (to < 0) {
                return null;
            }
            pos = to + 1;
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
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

        /** 0, or 1 to 9 digits without a leading zero, followed by a comma or brace; null for anything else. */
        private Integer age() {
            int from = pos;
            int value = 0;
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                value = value * 10 + (b[pos] - '0');
                pos++;
            }
            int digits = pos - from;
            if (digits == 0 || digits > 9 || (digits > 1 && b[from] == '0')
                    || pos >= end || (b[pos] != ',' && b[pos] != '}')) {
                return null;
            }
            return value;
        }
    }
}
