package io.jurist.ruleset;

import io.jurist.api.FieldError;
import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the fields of a decision request against the contract and a ruleset's purposes, naming
 * every bad field; used alike for API requests and for authors' scenarios.
 */
public final class QueryCheck {

    static final int MAX_SUBJECT_ID = 128;
    static final int MAX_AGE = 150;

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
        if (purpose == null) {
            errors.add(new FieldError("purpose", "is required: one of " + reference.purposes().keySet()));
        } else if (!reference.purposes().containsKey(purpose)) {
            errors.add(new FieldError("purpose", "'" + purpose + "' is not a known purpose: one of "
                    + reference.purposes().keySet()));
        }
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
                instant = Instant.parse(at);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("at", "'" + at + "' is not an ISO-8601 instant such as 2024-11-25T00:00:00Z"));
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new DecisionQuery(subjectId, code.orElseThrow(), age, purpose, parsedConsent, instant));
    }

    /** Convenience for callers that want a fresh error list. */
    public static List<FieldError> newErrors() {
        return new ArrayList<>(2);
    }
}
