package io.jurist.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.jurist.ruleset.DecisionQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;

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
        write(g, r, texts, null);
    }

    /**
     * Writes the answer; {@code marks}, when given, notes where the values that vary from line to line of one
     * decision case begin and end (the decision id, subject id, instant asked about and evaluation time).
     */
    private static void write(JsonGenerator g, DecisionResponse r, SharedTexts texts, Marks marks)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName(DECISION_ID);
        mark(marks, g);
        g.writeString(r.decisionId());
        mark(marks, g);
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
        g.writeFieldName(SUBJECT_ID);
        mark(marks, g);
        g.writeString(r.subjectId());
        mark(marks, g);
        field(g, PURPOSE, r.purpose());
        field(g, CONSENT, r.consent(), texts);
        g.writeFieldName(AT);
        mark(marks, g);
        instant(g, r.at(), texts);
        mark(marks, g);
        g.writeFieldName(RULESET);
        g.writeStartObject();
        g.writeFieldName(VERSION);
        g.writeNumber(r.ruleset().version());
        field(g, REVISION, r.ruleset().revision());
        g.writeEndObject();
        g.writeFieldName(EVALUATED_AT);
        mark(marks, g);
        instant(g, r.evaluatedAt(), texts);
        mark(marks, g);
        g.writeEndObject();
    }

    private static void mark(Marks marks, JsonGenerator g) throws IOException {
        if (marks != null) {
            marks.mark(g);
        }
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

    private static void instant(JsonGenerator g, Instant value, SharedTexts texts) throws IOException {
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
        private final Instant[] quotedInstants = new Instant[SLOTS];
        private final SerializedString[] quotedTexts = new SerializedString[SLOTS];
        private final IdentityHashMap<String, SerializedString> encoded = new IdentityHashMap<>();

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

        /**
         * The instant's ISO-8601 text in quotes, encoded to be written raw (as a template's gap holds it): kept in
         * slots of their own, like {@link #of}'s.
         */
        SerializedString quoted(Instant value) {
            int slot = slot(value);
            Instant known = quotedInstants[slot];
            if (value.equals(known)) {
                return quotedTexts[slot];
            }
            SerializedString text = new SerializedString("\"" + value + "\"");
            quotedInstants[slot] = value;
            quotedTexts[slot] = text;
            return text;
        }

        private static int slot(Instant value) {
            // Instants at midnight differ only in high bits of their seconds: mix before taking a slot.
            long mixed = (value.getEpochSecond() + value.getNano()) * 0x9E3779B97F4A7C15L;
            return (int) (mixed >>> 58);
        }

        String of(Instant value) {
            int slot = slot(value);
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

    /** Where the generator's output stood at each {@link #mark}: the output is flushed to {@code out} first. */
    private static final class Marks {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
        final int[] at = new int[8];
        int count;

        void mark(JsonGenerator g) throws IOException {
            g.flush();
            at[count++] = out.size();
        }
    }

    /**
     * For one writer thread: the answer of a decision case that many lines share (a memoised case) as encoded bytes,
     * with gaps for the four values that vary from line to line: the decision id, the subject id, the instant asked
     * about and the evaluation time. Everything else in such an answer (decision, obligations, reasons, jurisdiction,
     * purpose, consent, ruleset) is the case's, the class key's or the version's, and the same for every line. A
     * case's template is made from the second answer of the case, by {@link AnswerJson#write} itself (so its bytes are
     * the writer's), and used only for values that need no escaping (plain printable ASCII); any other answer is
     * written field by field as before. {@code AnswerJsonTests} compares the two over many varied answers.
     */
    static final class Templates {

        private static final int MAX_CASES = 4_096;
        /** A case seen once: not yet worth a template (a case that is not memoised is never seen again). */
        private static final Template ONCE = new Template(null, null, null, null, null, null);

        private final JsonFactory factory;
        private final SharedTexts texts;
        private final boolean usable;
        private final IdentityHashMap<Object, Template> cases = new IdentityHashMap<>();
        private Instant lastEvaluatedAt;
        private SerializedString lastEvaluatedAtText;

        /** For answers written by {@code generator}, which {@code factory} made. */
        Templates(JsonFactory factory, JsonGenerator generator, SharedTexts texts) {
            this.factory = factory;
            this.texts = texts;
            // Raw bytes are only written where the generator writes plain JSON: no escapes of its own, no indenting.
            this.usable = generator.getCharacterEscapes() == null && generator.getPrettyPrinter() == null;
        }

        /**
         * Writes the answer of decision case {@code decided} from the case's template; false (nothing written) when
         * there is none, or this answer does not fit it: then the caller writes it field by field.
         */
        boolean write(JsonGenerator g, Object decided, DecisionResponse r) throws IOException {
            if (!usable || decided == null) {
                return false;
            }
            Template t = cases.get(decided);
            if (t == null) {
                if (cases.size() >= MAX_CASES) {
                    cases.clear();
                }
                cases.put(decided, ONCE);
                return false;
            }
            if (t == ONCE) {
                t = make(r);
                cases.put(decided, t);
            }
            if (t.prefix == null || !t.fits(r) || !plain(r.decisionId()) || !plain(r.subjectId())) {
                return false;
            }
            fill(g, t, r.decisionId(), r.subjectId(), r.at(), r.evaluatedAt());
            return true;
        }

        /**
         * Writes the answer to {@code query}, decided as case {@code decided} at {@code evaluatedAt} under the version
         * the template was made with, from the case's template with a new decision id; false (nothing written) when the
         * case has no template yet, or the query does not fit it: then the caller makes the answer and writes that.
         */
        boolean write(JsonGenerator g, Object decided, DecisionQuery query, Instant evaluatedAt)
                throws IOException {
            if (!usable || decided == null) {
                return false;
            }
            Template t = cases.get(decided);
            if (t == null || t.prefix == null || !t.fits(query) || !plain(query.subjectId())) {
                return false;
            }
            fill(g, t, Evaluation.newDecisionId(), query.subjectId(), query.at(), evaluatedAt);
            return true;
        }

        /** The template with its four gaps filled: plain texts (checked by the caller) and instants. */
        private void fill(JsonGenerator g, Template t, String decisionId, String subjectId, Instant at,
                          Instant evaluatedAt) throws IOException {
            g.writeRaw(t.prefix);
            g.writeRaw(decisionId);
            g.writeRaw(t.afterId);
            g.writeRaw(subjectId);
            g.writeRaw(t.afterSubject);
            if (at == null) {
                g.writeRaw("null");
            } else {
                g.writeRaw(texts.quoted(at));
            }
            g.writeRaw(t.afterAt);
            if (evaluatedAt == null) {
                g.writeRaw("null");
            } else {
                // A chunk's lines share one evaluation time: kept apart, it takes no place of an instant asked about.
                if (evaluatedAt != lastEvaluatedAt) {
                    lastEvaluatedAt = evaluatedAt;
                    lastEvaluatedAtText = new SerializedString("\"" + evaluatedAt + "\"");
                }
                g.writeRaw(lastEvaluatedAtText);
            }
            g.writeRaw(t.end);
        }

        /** True when the text is written as it is between quotes: printable ASCII without quote or backslash. */
        static boolean plain(String text) {
            if (text == null) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        /** The template of {@code r}'s case, from {@code r} as the writer writes it; an empty one if it won't split. */
        private Template make(DecisionResponse r) throws IOException {
            Marks marks = new Marks();
            try (JsonGenerator g = factory.createGenerator(marks.out)) {
                AnswerJson.write(g, r, texts, marks);
            }
            byte[] bytes = marks.out.toByteArray();
            int[] at = marks.at;
            if (marks.count != 8 || !plain(r.decisionId()) || !plain(r.subjectId())) {
                return new Template(null, null, null, null, null, null);
            }
            // Each gap must hold exactly the value as the template writes it (a colon, then the value).
            if (!gap(bytes, at[0], at[1], ":\"" + r.decisionId() + "\"")
                    || !gap(bytes, at[2], at[3], ":\"" + r.subjectId() + "\"")
                    || !gap(bytes, at[4], at[5], ":" + quoted(r.at()))
                    || !gap(bytes, at[6], at[7], ":" + quoted(r.evaluatedAt()))) {
                return new Template(null, null, null, null, null, null);
            }
            return new Template(r, piece(bytes, 0, at[0], ":\""), piece(bytes, at[1], at[2], ":\"", "\""),
                    piece(bytes, at[3], at[4], ":", "\""), piece(bytes, at[5], at[6], ":"),
                    piece(bytes, at[7], bytes.length, ""));
        }

        private String quoted(Instant value) {
            return value == null ? "null" : "\"" + texts.of(value) + "\"";
        }

        private static boolean gap(byte[] bytes, int from, int to, String expected) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8).equals(expected);
        }

        private static SerializedString piece(byte[] bytes, int from, int to, String after) {
            return piece(bytes, from, to, after, "");
        }

        /** The bytes {@code [from, to)} with a text before and after them, written raw (as UTF-8, unescaped). */
        private static SerializedString piece(byte[] bytes, int from, int to, String after, String before) {
            return new SerializedString(before + new String(bytes, from, to - from,
                    StandardCharsets.UTF_8) + after);
        }
    }

    /** One case's answer in pieces, and the values of the answer it was made from that every use must match. */
    private static final class Template {
        final SerializedString prefix;
        final SerializedString afterId;
        final SerializedString afterSubject;
        final SerializedString afterAt;
        final SerializedString end;
        private final String decision;
        private final String country;
        private final String region;
        private final String purpose;
        private final String consent;
        private final DecisionResponse.RulesetRef ruleset;
        private final List<DecisionResponse.ObligationView> obligations;
        private final List<DecisionResponse.ReasonView> reasons;

        Template(DecisionResponse r, SerializedString prefix, SerializedString afterId, SerializedString afterSubject,
                 SerializedString afterAt, SerializedString end) {
            this.prefix = prefix;
            this.afterId = afterId;
            this.afterSubject = afterSubject;
            this.afterAt = afterAt;
            this.end = end;
            this.decision = r == null ? null : r.decision();
            this.country = r == null ? null : r.jurisdiction().country();
            this.region = r == null ? null : r.jurisdiction().region();
            this.purpose = r == null ? null : r.purpose();
            this.consent = r == null ? null : r.consent();
            this.ruleset = r == null ? null : r.ruleset();
            this.obligations = r == null ? null : r.obligations();
            this.reasons = r == null ? null : r.reasons();
        }

        /**
         * True when the answer to the query (for the template's case, under its version) is the template's: the
         * country, purpose and consent, which the answer takes from the query, are the same.
         */
        boolean fits(DecisionQuery q) {
            return country != null && country.equals(q.country()) && Objects.equals(purpose, q.purpose())
                    && q.consent() != null && q.consent().name().equals(consent);
        }

        /** True when everything but the four gaps is what the template holds. */
        boolean fits(DecisionResponse r) {
            return Objects.equals(decision, r.decision())
                    && Objects.equals(country, r.jurisdiction().country())
                    && Objects.equals(region, r.jurisdiction().region())
                    && Objects.equals(purpose, r.purpose())
                    && Objects.equals(consent, r.consent())
                    && Objects.equals(ruleset, r.ruleset())
                    && same(obligations, r.obligations()) && same(reasons, r.reasons());
        }

        private static <T> boolean same(List<T> expected, List<T> actual) {
            if (expected == actual) {
                return true;
            }
            int n = expected.size();
            if (n != actual.size()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
