package io.jurist.audit;

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
        QUEUE_FULL,
        /** The database refused the record itself (not a failure of the database). */
        REJECTED,
        /** The decision was offered after the log stopped, or was still queued when the shutdown timed out. */
        STOPPED
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
