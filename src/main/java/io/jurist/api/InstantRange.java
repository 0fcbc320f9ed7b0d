package io.jurist.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The moments the service accepts at its doors: from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (UTC),
 * four-digit years. Every instant or date a request, a batch line, a scenario or a reference table carries is checked
 * against this one range, so that nothing past it reaches the rules, the decision log or the database, whose own
 * limits differ (Java's {@code Instant} reaches year 1,000,000,000, a {@code LocalDateTime} 999,999,999, PostgreSQL
 * 294,276).
 */
public final class InstantRange {

    /** The earliest instant accepted. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The first instant no longer accepted. */
    public static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");
    /** How the range is named in error messages and docs. */
    public static final String DESCRIPTION = "between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z (UTC)";

    private InstantRange() {
    }

    /** Whether the instant lies in the range. */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }

    /** Whether the day (as its UTC start) lies in the range. */
    public static boolean contains(LocalDate day) {
        return day.getYear() >= 1900 && day.getYear() <= 9999;
    }

    /** The start of the day, UTC. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The error for a field whose value lies outside the range. */
    public static FieldError outside(String field, String value) {
        return new FieldError(field, "'" + value + "' is outside the accepted range: it must lie " + DESCRIPTION);
    }
}
