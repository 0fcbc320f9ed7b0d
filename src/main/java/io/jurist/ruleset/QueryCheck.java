package io.jurist.ruleset;

import io.jurist.api.FieldError;
import io.jurist.api.InstantRange;
import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Checks the fields of a decision request against the contract and a ruleset's purposes, naming
 * every bad field; used alike for API requests and for authors' scenarios.
 */
public final class QueryCheck {

    /** The longest subject id accepted. */
    public static final int MAX_SUBJECT_ID = 128;
    /** The oldest age accepted. */
    public static final int MAX_AGE = 150;

    private QueryCheck() {
    }

    /**
     * The query, or empty with the errors added to the list.
     *
     * @param at the requested instant as text, or null for now
     */
    public static Optional<DecisionQuery> check(String subjectId, String country, Integer age, String purpose,
                                                String consent, String at, ReferenceData reference,
                                                Instant now, List<FieldError> errors) {
        int before = errors.size();
        if (subjectId == null || subjectId.isBlank()) {
            errors.add(new FieldError("subject.id", "is required and must not be blank"));
        } else if (subjectId.length() > MAX_SUBJECT_ID) {
            errors.add(new FieldError("subject.id", "must be at most " + MAX_SUBJECT_ID + " characters"));
        }
        Optional<String> code = Countries.normalize(country);
        if (country == null) {
            errors.add(new FieldError("subject.country", "is required: an ISO 3166-1 alpha-2 code such as GB"));
        } else if (code.isEmpty()) {
            errors.add(new FieldError("subject.country", "'" + country
                    + "' is not an assigned ISO 3166-1 alpha-2 code (aliases UK and EL are accepted)"));
        }
        if (age != null && (age < 0 || age > MAX_AGE)) {
            errors.add(new FieldError("subject.age", "must be between 0 and " + MAX_AGE + ", or absent when unknown"));
        }
        checkPurpose(purpose, reference, errors);
        Consent parsedConsent = Consent.NOT_SET;
        if (consent != null) {
            try {
                parsedConsent = Consent.valueOf(consent);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("consent", "'" + consent + "' must be one of OPTED_IN, OPTED_OUT, NOT_SET"));
            }
        }
        Instant instant = now;
        if (at != null) {
            try {
                instant = parseInstant(at);
                if (!InstantRange.contains(instant)) {
                    errors.add(InstantRange.outside("at", at));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("at", "'" + at + "' is not an ISO-8601 instant such as 2024-11-25T00:00:00Z"));
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new DecisionQuery(subjectId, code.orElseThrow(), age, purpose, parsedConsent, instant));
    }

    /** Adds an error when the purpose is missing or not one the reference data lists. */
    public static void checkPurpose(String purpose, ReferenceData reference, List<FieldError> errors) {
        if (purpose == null) {
            errors.add(new FieldError("purpose", "is required: one of " + reference.purposes().keySet()));
        } else if (!reference.purposes().containsKey(purpose)) {
            errors.add(new FieldError("purpose", "'" + purpose + "' is not a known purpose: one of "
                    + reference.purposes().keySet()));
        }
    }

    /**
     * {@link Instant#parse} with a fast path for the form callers send nearly always,
     * {@code 2024-11-25T00:00:00Z}: the general parser costs about a sixth of a bulk decision.
     * Anything else, or anything the fast path doubts, goes to the general parser, which also
     * gives the error.
     */
    public static Instant parseInstant(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
                    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400L
                        + hour * 3_600L + minute * 60L + second);
            }
        }
        return Instant.parse(text);
    }

    /** The non-negative number written by {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
