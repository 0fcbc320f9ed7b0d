package io.jurist.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decisions the log could not record, gathered into gaps (a day, a cause, the first and last moment, how many)
 * until the writer writes them into the log itself, so that the log shows its own gaps. Only the overflow path
 * takes its lock.
 */
final class Gaps {

    /** Why decisions went unlogged. */
    enum Cause {
        /** The queue was full when the decision (or a batch summary) was offered. */
        QUEUE_FULL("queue-full", "the log's queue was full"),
        /** The database refused the record's data (SQLSTATE 22 or 23: a value too long, a duplicate id). */
        REJECTED("rejected", "the database refused the record"),
        /** The record could not be turned into a row (a value outside what the columns hold). */
        UNCONVERTIBLE("unconvertible", "the record could not be converted into a row"),
        /** Writing the record alone failed while the database took other writes. */
        FAILED("failed", "writing the record failed while the database took others"),
        /** The decision was offered after the log stopped, or was still queued when the shutdown timed out. */
        STOPPED("stopped", "offered while the log stopped, or still queued when it stopped");

        private final String tag;
        private final String meaning;

        Cause(String tag, String meaning) {
            this.tag = tag;
            this.meaning = meaning;
        }

        /** The metric tag. */
        String tag() {
            return tag;
        }

        String meaning() {
            return meaning;
        }
    }

    /** One gap: {@code count} decisions of one UTC day and cause, between {@code first} and {@code last}. */
    record Gap(LocalDate day, Cause cause, Instant first, Instant last, long count) {
    }

    private record Key(LocalDate day, Cause cause) {
    }

    private final Map<Key, Gap> open = new LinkedHashMap<>();

    /** Counts {@code count} decisions unlogged at {@code when}. */
    synchronized void add(Instant when, Cause cause, long count) {
        if (count <= 0) {
            return;
        }
        Key key = new Key(LocalDate.ofInstant(when, ZoneOffset.UTC), cause);
        Gap gap = open.get(key);
        open.put(key, gap == null ? new Gap(key.day(), cause, when, when, count)
                : new Gap(gap.day(), cause, min(gap.first(), when), max(gap.last(), when), gap.count() + count));
    }

    /** The gaps gathered since the last call, to be written. */
    synchronized List<Gap> take() {
        if (open.isEmpty()) {
            return List.of();
        }
        List<Gap> gaps = new ArrayList<>(open.values());
        open.clear();
        return gaps;
    }

    synchronized long pending() {
        long total = 0;
        for (Gap gap : open.values()) {
            total += gap.count();
        }
        return total;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
