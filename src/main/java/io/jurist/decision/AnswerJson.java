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
    static void write(JsonGenerator g, DecisionResponse r, InstantTexts texts) throws IOException {
        g.writeStartObject();
        field(g, DECISION_ID, r.decisionId());
        field(g, DECISION, r.decision());
        g.writeFieldName(OBLIGATIONS);
        g.writeStartArray();
        for (DecisionResponse.ObligationView o : r.obligations()) {
            g.writeStartObject();
            field(g, CODE, o.code());
            field(g, RULE, o.rule());
            field(g, DESCRIPTION, o.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(REASONS);
        g.writeStartArray();
        for (DecisionResponse.ReasonView reason : r.reasons()) {
            g.writeStartObject();
            field(g, CODE, reason.code());
            field(g, RULE, reason.rule());
            field(g, MESSAGE, reason.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(JURISDICTION);
        g.writeStartObject();
        field(g, COUNTRY, r.jurisdiction().country());
        field(g, REGION, r.jurisdiction().region());
        g.writeEndObject();
        field(g, SUBJECT_ID, r.subjectId());
        field(g, PURPOSE, r.purpose());
        field(g, CONSENT, r.consent());
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

    private static void instant(JsonGenerator g, SerializedString field, Instant value, InstantTexts texts)
            throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(texts == null ? value.toString() : texts.of(value));
        }
    }

    /**
     * The ISO-8601 text of recently written instants, for one thread: a batch's answers repeat the chunk's
     * evaluatedAt and, mostly, a few instants asked about, and {@link Instant#toString()} was the largest single
     * cost of writing an answer.
     */
    static final class InstantTexts {

        private static final int SLOTS = 64;
        private final Instant[] instants = new Instant[SLOTS];
        private final String[] texts = new String[SLOTS];

        String of(Instant value) {
            int slot = value.hashCode() & (SLOTS - 1);
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
