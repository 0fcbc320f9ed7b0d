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

    private RequestLines() {
    }

    /** The request on {@code buffer[start, start + length)}, or {@code null} when databind must judge the line. */
    static DecisionRequest read(JsonFactory json, byte[] buffer, int start, int length) {
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
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        purpose = parser.getText();
                    }
                    case "consent" -> {
                        field = CONSENT;
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        consent = parser.getText();
                    }
                    case "at" -> {
                        field = AT;
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        at = parser.getText();
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
            // Bad JSON, numbers out of range, limits: databind reads the line again and words the error.
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
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    id = parser.getText();
                }
                case "country" -> {
                    field = COUNTRY;
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    country = parser.getText();
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
