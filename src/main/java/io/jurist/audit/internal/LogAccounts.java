package io.jurist.audit.internal;

import io.jurist.audit.DecisionRecord;
import io.jurist.audit.LoggedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the decision log's writer accounts for: records written, decisions unlogged (by cause, with their gaps), and
 * how many records it has handled either way, which {@link DecisionLogWriter#flush} waits for.
 */
final class LogAccounts {

    private final Clock clock;
    private final Gaps gaps = new Gaps();
    private final AtomicLong handled = new AtomicLong();
    private final Counter writtenSingle;
    private final Counter writtenBatch;
    private final Map<Gaps.Cause, Counter> dropped = new EnumMap<>(Gaps.Cause.class);
    private final Counter linesWritten;
    private final Counter linesDropped;
    private final Counter writeFailures;

    LogAccounts(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        String written = "jurist.decisions.log.written";
        String unlogged = "jurist.decisions.log.dropped";
        this.writtenSingle = Counter.builder(written).tag("kind", "single")
                .description("Single decisions recorded in the decision log").register(meters);
        this.writtenBatch = Counter.builder(written).tag("kind", "batch")
                .description("Batch decisions recorded in the decision log by their batch's summary").register(meters);
        for (Gaps.Cause cause : Gaps.Cause.values()) {
            dropped.put(cause, Counter.builder(unlogged).tag("cause", cause.tag())
                    .description("Decisions answered but not logged: " + cause.meaning()).register(meters));
        }
        this.linesWritten = Counter.builder("jurist.decisions.log.batch-lines.written")
                .description("Per-line records of batches written (the batch summary counts these decisions)")
                .register(meters);
        this.linesDropped = Counter.builder("jurist.decisions.log.batch-lines.dropped")
                .description("Per-line records of batches dropped (the batch summary still counts these decisions)")
                .register(meters);
        this.writeFailures = Counter.builder("jurist.decisions.log.write.failures")
                .description("Failed attempts to write to the decision log (retried)").register(meters);
    }

    Gaps gaps() {
        return gaps;
    }

    long handled() {
        return handled.get();
    }

    /** Counts decisions that were never queued (full queue, stopped log): a metric and a gap. */
    void dropped(Gaps.Cause cause, long decisions) {
        dropped.get(cause).increment(decisions);
        gaps.add(clock.instant(), cause, decisions);
    }

    /** Counts a batch's line that was not queued (its batch's summary still counts the decision). */
    void lineDropped() {
        linesDropped.increment();
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void written(List<Object> records) {
        for (Object record : records) {
            if (record instanceof DecisionRecord decision) {
                (decision.batchId() == null ? writtenSingle : linesWritten).increment();
            } else if (record instanceof LoggedBatch batch) {
                writtenBatch.increment(batch.decided());
            }
        }
        handled.addAndGet(records.size());
    }

    /** Counts records that will not be written; decisions (not batch lines, which their summary counts) form gaps. */
    void unlogged(List<Object> records, Gaps.Cause cause) {
        Instant now = clock.instant();
        for (Object record : records) {
            long decisions = count(record, cause);
            if (decisions > 0) {
                gaps.add(now, cause, decisions);
            }
        }
        handled.addAndGet(records.size());
    }

    /** Counts one record set aside: its gap is written apart ({@link StoreWrites}). */
    void setAside(Object record, Gaps.Cause cause) {
        count(record, cause);
        handled.incrementAndGet();
    }

    /** How many decisions a record stands for; a batch's line is counted by its batch's summary. */
    static long decisions(Object record) {
        if (record instanceof DecisionRecord decision) {
            return decision.batchId() == null ? 1 : 0;
        }
        return record instanceof LoggedBatch batch ? batch.decided() : 0;
    }

    /** Counts one record as unlogged, by cause; returns how many decisions it stood for. */
    private long count(Object record, Gaps.Cause cause) {
        long decisions = decisions(record);
        if (record instanceof DecisionRecord decision && decision.batchId() != null) {
            linesDropped.increment();
        } else if (decisions > 0) {
            dropped.get(cause).increment(decisions);
        }
        return decisions;
    }
}
