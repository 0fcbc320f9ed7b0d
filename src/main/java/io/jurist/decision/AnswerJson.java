package io.jurist.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes a {@link DecisionResponse} with Jackson's streaming API, field for field as the mapper
 * writes it for the single endpoint (instants as ISO-8601 text, nulls kept). Serialization through
 * the data-binding layer was the largest cost of a bulk decision; {@code AnswerJsonTests} keeps the
 * two identical.
 */
final class AnswerJson {

    private static final SerializedString DECISION_ID = new SerializedString("decisionId");
    private static final SerializedString DECISION = new SerializedString("decision");
    private static final SerializedString OBLIGATIONS = new SerializedString("obligations");
    private static final SerializedString CODE = new SerializedString("code");
    private static final SerializedString RULE = new SerializedString("rule");
    private static final SerializedString DESCRIPTION = new SerializedString("description");
    private static final SerializedString REASONS = new SerializedString("reasons");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString JURISDICTION = new SerializedString("jurisdiction");
    private static final SerializedString COUNTRY = new SerializedString("country");
    private static final SerializedString REGION = new SerializedString("region");
    private static final SerializedString SUBJECT_ID = new SerializedString("subjectId");
    private static final SerializedString PURPOSE = new SerializedString("purpose");
    private static final SerializedString CONSENT = new SerializedString("consent");
    private static final SerializedString AT = new SerializedString("at");
    private static final SerializedString RULESET = new SerializedString("ruleset");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString REVISION = new SerializedString("revision");
    private static final SerializedString EVALUATED_AT = new SerializedString("evaluatedAt");

    private AnswerJson() {
    }

    static void write(JsonGenerator g, DecisionResponse r) throws IOException {
        write(g, r, null);
    }

    /**
     * Writes the answer; {@code texts}, when given, supplies the text of instants that repeat from answer to answer
     * (a batch writer's own cache).
     */
    static void write(JsonGenerator g, DecisionResponse r, SharedTexts texts) throws IOException {
        g.writeStartObject();
        field(g, DECISION_ID, r.decisionId());
        field(g, DECISION, r.decision(), texts);
        g.writeFieldName(OBLIGATIONS);
        g.writeStartArray();
        for (DecisionResponse.ObligationView o : r.obligations()) {
            g.writeStartObject();
            field(g, CODE, o.code(), texts);
            field(g, RULE, o.rule(), texts);
            field(g, DESCRIPTION, o.description(), texts);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(REASONS);
        g.writeStartArray();
        for (DecisionResponse.ReasonView reason : r.reasons()) {
            g.writeStartObject();
            field(g, CODE, reason.code(), texts);
            field(g, RULE, reason.rule(), texts);
            field(g, MESSAGE, reason.message(), texts);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(JURISDICTION);
        g.writeStartObject();
        field(g, COUNTRY, r.jurisdiction().country());
        field(g, REGION, r.jurisdiction().region(), texts);
        g.writeEndObject();
        field(g, SUBJECT_ID, r.subjectId());
        field(g, PURPOSE, r.purpose());
        field(g, CONSENT, r.consent(), texts);
        instant(g, AT, r.at(), texts);
        g.writeFieldName(RULESET);
        g.writeStartObject();
        g.writeFieldName(VERSION);
        g.writeNumber(r.ruleset().version());
        field(g, REVISION, r.ruleset().revision());
        g.writeEndObject();
        instant(g, EVALUATED_AT, r.evaluatedAt(), texts);
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** A text that repeats from answer to answer (the same instance), written from its cached encoding. */
    private static void field(JsonGenerator g, SerializedString name, String value, SharedTexts texts)
            throws IOException {
        g.writeFieldName(name);
        if (value == null || texts == null) {
            g.writeString(value);
        } else {
            g.writeString(texts.encoded(value));
        }
    }

    private static void instant(JsonGenerator g, SerializedString field, Instant value, SharedTexts texts)
            throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(texts == null ? value.toString() : texts.of(value));
        }
    }

    /**
     * For one writer thread: the ISO-8601 text of recently written instants (a batch's answers repeat the chunk's
     * evaluatedAt and, mostly, a few instants asked about; {@link Instant#toString()} was the largest single cost of
     * writing an answer), and the encoded JSON of texts that answers share by instance (the reasons, rules and
     * messages of a memoised decision), written without escaping them again.
     */
    static final class SharedTexts {

        private static final int SLOTS = 64;
        private static final int MAX_ENCODED = 4_096;
        private final Instant[] instants = new Instant[SLOTS];
        private final String[] texts = new String[SLOTS];
        private final java.util.IdentityHashMap<String, SerializedString> encoded = new java.util.IdentityHashMap<>();

        SerializedString encoded(String value) {
            SerializedString known = encoded.get(value);
            if (known == null) {
                if (encoded.size() >= MAX_ENCODED) {
                    encoded.clear();
                }
                known = new SerializedString(value);
                encoded.put(value, known);
            }
            return known;
        }

        String of(Instant value) {
            // Instants at midnight differ only in high bits of their seconds: mix before taking a slot.
            long mixed = (value.getEpochSecond() + value.getNano()) * 0x9E3779B97F4A7C15L;
            int slot = (int) (mixed >>> 58);
            Instant known = instants[slot];
            if (value.equals(known)) {
                return texts[slot];
            }
            String text = value.toString();
            instants[slot] = value;
            texts[slot] = text;
            return text;
        }
    }
}
