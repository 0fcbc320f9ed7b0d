package io.jurist.decision;

import io.jurist.api.InstantRange;
import io.jurist.facts.Consent;
import io.jurist.ruleset.ClassCodes;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.QueryCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * Checks the usual batch line ({@link CompactLine}) from its bytes, for one batch's request thread: a line whose
 * every field is valid becomes its query and its class code ({@link ClassCodes}) without texts made for its country,
 * purpose, consent or instant (the version's own country and purpose codes are used, and instants recently read are
 * kept by their text). It accepts only what {@link QueryCheck} accepts and makes the same query of it; a line with
 * anything to object to gets {@code null}, and the caller checks it as a request, which words the errors.
 */
final class LineQueries {

    private static final Consent[] CONSENT_VALUES = Consent.values();
    private static final byte[][] CONSENTS = new byte[CONSENT_VALUES.length][];

    static {
        for (Consent consent : CONSENT_VALUES) {
            CONSENTS[consent.ordinal()] = consent.name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** How many instants are kept by their text (a batch's lines repeat a few). */
    private static final int INSTANTS = 64;

    private final ClassCodes codes;
    private final Clock clock;
    private final byte[][] instantTexts = new byte[INSTANTS][];
    private final Instant[] instants = new Instant[INSTANTS];
    private long code;

    LineQueries(ClassCodes codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    /** The class code of the query {@link #query} made last. */
    long code() {
        return code;
    }

    /** The query of a line read by {@code line}, or null when the line is not valid throughout. */
    DecisionQuery query(CompactLine line) {
        if (!line.has(CompactLine.SUBJECT) || !line.has(CompactLine.ID) || !line.has(CompactLine.COUNTRY)
                || !line.has(CompactLine.PURPOSE)) {
            return null;
        }
        byte[] b = line.bytes();
        int idFrom = line.from(CompactLine.ID);
        int idTo = line.to(CompactLine.ID);
        if (idTo - idFrom > QueryCheck.MAX_SUBJECT_ID || blank(b, idFrom, idTo)) {
            return null;
        }
        int country = codes.country(b, line.from(CompactLine.COUNTRY), line.to(CompactLine.COUNTRY));
        int purpose = codes.purpose(b, line.from(CompactLine.PURPOSE), line.to(CompactLine.PURPOSE));
        if (country < 0 || purpose < 0) {
            return null;
        }
        Integer age = null;
        if (line.has(CompactLine.AGE)) {
            if (line.age() > QueryCheck.MAX_AGE) {
                return null;
            }
            age = line.age();
        }
        Consent consent = Consent.NOT_SET;
        if (line.has(CompactLine.CONSENT)) {
            consent = consent(b, line.from(CompactLine.CONSENT), line.to(CompactLine.CONSENT));
            if (consent == null) {
                return null;
            }
        }
        Instant at;
        if (line.has(CompactLine.AT)) {
            at = instant(b, line.from(CompactLine.AT), line.to(CompactLine.AT));
            if (at == null) {
                return null;
            }
        } else {
            at = clock.instant();
        }
        code = codes.code(country, purpose, consent, age, at);
        return new DecisionQuery(new String(b, idFrom, idTo - idFrom, StandardCharsets.ISO_8859_1),
                codes.countryCode(country), age, codes.purposeCode(purpose), consent, at);
    }

    /** Blank as {@link String#isBlank()} says of plain printable ASCII: empty or spaces only. */
    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private static Consent consent(byte[] b, int from, int to) {
        for (int i = 0; i < CONSENTS.length; i++) {
            if (same(b, from, to, CONSENTS[i])) {
                return CONSENT_VALUES[i];
            }
        }
        return null;
    }

    /** True when {@code b[from, to)} holds exactly {@code text}. */
    static boolean same(byte[] b, int from, int to, byte[] text) {
        return to - from == text.length && CompactLine.same(b, from, text);
    }

    /** The accepted instant {@code b[from, to)} writes, or null when the check would object to it. */
    Instant instant(byte[] b, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + b[i];
        }
        int slot = (hash ^ hash >>> 7 ^ hash >>> 14) & (INSTANTS - 1);
        byte[] known = instantTexts[slot];
        if (known != null && same(b, from, to, known)) {
            return instants[slot];
        }
        Instant at;
        try {
            at = QueryCheck.parseInstant(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (RuntimeException e) {
            return null;
        }
        if (!InstantRange.contains(at)) {
            return null;
        }
        instantTexts[slot] = Arrays.copyOfRange(b, from, to);
        instants[slot] = at;
        return at;
    }
}
