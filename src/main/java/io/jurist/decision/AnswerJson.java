package io.jurist.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes a {@link DecisionResponse} with Jackson's streaming API, field for field as the mapper
 * writes it for the single endpoint (instants as ISO-8601 text, nulls kept). Serialization through
 * the data-binding layer was the largest cost of a bulk decision; {@code AnswerJsonTests} keeps the
 * two identical.
 */
final class AnswerJson {

    private AnswerJson() {
    }

    static void write(JsonGenerator g, DecisionResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("decisionId", r.decisionId());
        g.writeStringField("decision", r.decision());
        g.writeArrayFieldStart("obligations");
        for (DecisionResponse.ObligationView o : r.obligations()) {
            g.writeStartObject();
            g.writeStringField("code", o.code());
            g.writeStringField("rule", o.rule());
            g.writeStringField("description", o.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("reasons");
        for (DecisionResponse.ReasonView reason : r.reasons()) {
            g.writeStartObject();
            g.writeStringField("code", reason.code());
            g.writeStringField("rule", reason.rule());
            g.writeStringField("message", reason.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("jurisdiction");
        g.writeStringField("country", r.jurisdiction().country());
        g.writeStringField("region", r.jurisdiction().region());
        g.writeEndObject();
        g.writeStringField("subjectId", r.subjectId());
        g.writeStringField("purpose", r.purpose());
        g.writeStringField("consent", r.consent());
        instant(g, "at", r.at());
        g.writeObjectFieldStart("ruleset");
        g.writeNumberField("version", r.ruleset().version());
        g.writeStringField("revision", r.ruleset().revision());
        g.writeEndObject();
        instant(g, "evaluatedAt", r.evaluatedAt());
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.toString());
        }
    }
}
