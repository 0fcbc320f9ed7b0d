package io.jurist.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

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

    /** The usual line read byte by byte ({@link CompactLine}), or {@code null} when it is anything else. */
    static DecisionRequest readCompact(byte[] buffer, int start, int length) {
        CompactLine line = new CompactLine();
        return line.read(buffer, start, start + length) ? line.request() : null;
    }

    /** The request as Jackson's streaming parser reads it, or {@code null} when databind must judge the line. */
    static DecisionRequest stream(JsonFactory json, byte[] buffer, int start, int length) {
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
}
