package io.jurist.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The decision log: every decision (or, for a batch, one summary) recorded with the subject pseudonymised, without
 * making the request wait for the database.
 *
 * <p>Deciding threads hand records to a bounded in-memory queue ({@link #record}, which never blocks); one writer
 * thread drains it in JDBC batches, one transaction per flush, at least every {@code flush-interval}, retrying while
 * the database fails and keeping what is queued. When the queue is full a decision is still answered but not logged:
 * it is counted ({@code jurist.decisions.log.dropped}) and the log gets a gap record saying how many decisions of
 * which day went unlogged, between which moments. The shutdown writes everything queued. docs/operations.md
 * describes the choices.
 */
@Service
public class DecisionLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

    /** How long a batch's summary may wait for room in a full queue: one record stands for a whole batch. */
    static final Duration SUMMARY_WAIT = Duration.ofSeconds(5);
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long IDLE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DecisionLogProperties properties;
    private final String key;
    private final Clock clock;
    private final DecisionLogStore store;
    private final BlockingQueue<Object> queue;
    private final Gaps gaps = new Gaps();
    private final LongAdder enqueued = new LongAdder();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicInteger flushWaiters = new AtomicInteger();
    private final long flushNanos;

    private final Counter writtenSingle;
    private final Counter writtenBatch;
    private final Counter droppedQueueFull;
    private final Counter droppedRejected;
    private final Counter droppedStopped;
    private final Counter linesWritten;
    private final Counter linesDropped;
    private final Counter writeFailures;

    private volatile boolean batchLines;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private volatile Thread writer;
    private boolean failing;

    public DecisionLog(DataSource dataSource, DecisionLogProperties properties,
                       @Value("${jurist.audit.pseudonymisation-key:}") String key, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.key = key;
        this.clock = clock;
        this.store = dataSource == null ? null : new DecisionLogStore(dataSource);
        this.queue = new ArrayBlockingQueue<>(properties.enabled() ? properties.queueCapacity() : 1);
        this.flushNanos = Math.max(1, properties.flushInterval().toNanos());
        this.batchLines = properties.batchLines();
        String written = "jurist.decisions.log.written";
        String dropped = "jurist.decisions.log.dropped";
        this.writtenSingle = Counter.builder(written).tag("kind", "single")
                .description("Single decisions recorded in the decision log").register(meters);
        this.writtenBatch = Counter.builder(written).tag("kind", "batch")
                .description("Batch decisions recorded in the decision log by their batch's summary").register(meters);
        this.droppedQueueFull = Counter.builder(dropped).tag("cause", "queue-full")
                .description("Decisions answered but not logged: the log's queue was full").register(meters);
        this.droppedRejected = Counter.builder(dropped).tag("cause", "rejected")
                .description("Decisions answered but not logged: the database refused the record").register(meters);
        this.droppedStopped = Counter.builder(dropped).tag("cause", "stopped")
                .description("Decisions answered but not logged: offered while the log stopped").register(meters);
        this.linesWritten = Counter.builder("jurist.decisions.log.batch-lines.written")
                .description("Per-line records of batches written (the batch summary counts these decisions)")
                .register(meters);
        this.linesDropped = Counter.builder("jurist.decisions.log.batch-lines.dropped")
                .description("Per-line records of batches dropped (the batch summary still counts these decisions)")
                .register(meters);
        this.writeFailures = Counter.builder("jurist.decisions.log.write.failures")
                .description("Failed attempts to write to the decision log (retried)").register(meters);
        Gauge.builder("jurist.decisions.log.queued", queue, Collection::size)
                .description("Records waiting in memory for the decision log's writer").register(meters);
    }

    /** False when the log is switched off ({@code jurist.audit.decision-log.enabled}): nothing is recorded. */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * Records one decision, asynchronously. Never blocks: when the queue is full the decision is counted as
     * unlogged instead (metric and gap record).
     */
    public void record(DecisionRecord decision) {
        if (!properties.enabled()) {
            return;
        }
        if (stopping) {
            droppedStopped.increment();
            return;
        }
        if (queue.offer(decision)) {
            enqueued.increment();
        } else {
            droppedQueueFull.increment();
            gaps.add(clock.instant(), Gaps.Cause.QUEUE_FULL, 1);
        }
    }

    /** Begins the record of a batch decided by one ruleset version; {@link BatchRecorder#finish} ends it. */
    public BatchRecorder startBatch(String client, int rulesetVersion, String rulesetRevision) {
        return new BatchRecorder(this, UUID.randomUUID().toString(), client, clock.instant(), rulesetVersion,
                rulesetRevision, batchLines);
    }

    /** A logged decision by its id (single, or a batch line when per-line logging was on). */
    public Optional<LoggedDecision> decision(String id) {
        return store == null ? Optional.empty() : store.decision(id);
    }

    /** A logged batch summary by its id. */
    public Optional<LoggedBatch> batch(String id) {
        return store == null ? Optional.empty() : store.batch(id);
    }

    /**
     * Decisions per day (UTC, of the evaluation time; of the start for a batch) in the window [from, to), for one
     * country and purpose: single decisions and batch summaries (a batch's per-line records are not counted again).
     * Only days with decisions or unlogged decisions appear, oldest first.
     *
     * @param country ISO 3166-1 alpha-2 as decided (GB, not UK); null for every country
     * @param purpose a purpose code; null for every purpose
     * @return per day: decisions by PERMIT/DENY; decisions carrying each reason code (a decision with two reasons
     *         counts under both); and {@code unlogged}, the decisions the log could not record that day (by the
     *         start of their gap). Those cannot be attributed to a country or purpose, so {@code unlogged} is the
     *         same whatever country and purpose are asked for: a report must read it as "up to this many more".
     */
    public List<DailyDecisionCounts> dailyCounts(String country, String purpose, Instant from, Instant to) {
        if (store == null) {
            return List.of();
        }
        return store.dailyCounts(country, purpose, from, to);
    }

    /**
     * Deletes the records older than the retention ({@code jurist.audit.decision-log.retention}): decisions by their
     * evaluation time, batch summaries by their start, gap records by their first moment. Runs on the schedule
     * {@code jurist.audit.decision-log.purge-cron}; every node may run it.
     *
     * @return how many records were deleted
     */
    @Scheduled(cron = "${jurist.audit.decision-log.purge-cron:0 17 3 * * *}")
    public long purgeExpired() {
        if (store == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(properties.retention());
        long deleted = store.purge(cutoff);
        if (deleted > 0) {
            log.info("Decision log: purged {} records older than {} (retention {} days)", deleted, cutoff,
                    properties.retention().toDays());
        }
        return deleted;
    }

    /** The pseudonym the log stores for a subject id, to find the decisions about one member. */
    public String pseudonym(String subjectId) {
        return new Pseudonymiser(key).pseudonym(subjectId);
    }

    /** Whether batches log each line as a decision of its own, as well as their summary. */
    public boolean batchLines() {
        return batchLines;
    }

    /** Switches per-line logging of batches for batches that start from now on. */
    public void setBatchLines(boolean on) {
        this.batchLines = on;
    }

    /**
     * Waits until every record handed over before this call has been written (or counted as unlogged).
     *
     * @return false when that did not happen within the timeout
     */
    public boolean flush(Duration timeout) {
        long target = enqueued.sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        flushWaiters.incrementAndGet();
        Thread lingering = writer;
        if (lingering != null) {
            LockSupport.unpark(lingering);
        }
        try {
            while (handled.get() < target) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(200_000);
            }
            return true;
        } finally {
            flushWaiters.decrementAndGet();
        }
    }

    // Called by BatchRecorder

    Instant now() {
        return clock.instant();
    }

    boolean offerLine(DecisionRecord line, boolean wait) {
        if (stopping) {
            linesDropped.increment();
            return false;
        }
        boolean queued;
        try {
            queued = wait ? queue.offer(line, properties.batchLineWait().toNanos(), TimeUnit.NANOSECONDS)
                    : queue.offer(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (queued) {
            enqueued.increment();
        } else {
            linesDropped.increment();
        }
        return queued;
    }

    void offerSummary(LoggedBatch summary) {
        if (stopping) {
            droppedStopped.increment(summary.decided());
            log.warn("Decision log stopped: batch {} ({} decisions) is not logged", summary.batchId(),
                    summary.decided());
            return;
        }
        boolean queued;
        try {
            queued = queue.offer(summary, SUMMARY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = queue.offer(summary);
        }
        if (queued) {
            enqueued.increment();
        } else {
            droppedQueueFull.increment(summary.decided());
            gaps.add(clock.instant(), Gaps.Cause.QUEUE_FULL, summary.decided());
        }
    }

    // The writer

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (properties.enabled()) {
            // Fails here, at start-up, rather than in the writer, when there is no key.
            new Pseudonymiser(key);
            if (store == null) {
                throw new IllegalStateException("The decision log is enabled but has no database");
            }
            stopping = false;
            Thread thread = new Thread(this::run, "decision-log-writer");
            thread.setDaemon(true);
            writer = thread;
            thread.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            stopDeadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
            stopping = true;
            thread = writer;
        }
        if (thread != null) {
            try {
                thread.join(properties.shutdownTimeout().plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.error("Decision log: the writer did not finish within {}; {} queued records are lost",
                        properties.shutdownTimeout(), queue.size());
            } else {
                // Offered while the writer finished: too late to write.
                List<Object> left = new ArrayList<>();
                queue.drainTo(left);
                unlogged(left, Gaps.Cause.STOPPED);
            }
        }
        long notRecorded = gaps.pending();
        if (notRecorded > 0) {
            log.error("Decision log: {} unlogged decisions could not be recorded as a gap before the shutdown",
                    notRecorded);
        }
        synchronized (this) {
            writer = null;
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server and stops after it, so that every decision answered is handed over first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private void run() {
        Pseudonymiser pseudonymiser = new Pseudonymiser(key);
        List<Object> buffer = new ArrayList<>(properties.batchSize());
        while (true) {
            boolean last = stopping;
            try {
                fill(buffer, last);
                List<Gaps.Gap> gapsToWrite = gaps.take();
                if (!buffer.isEmpty() || !gapsToWrite.isEmpty()) {
                    write(buffer, gapsToWrite, pseudonymiser);
                }
            } catch (RuntimeException | Error e) {
                // Never let the writer die: what it held is lost, and counted.
                log.error("Decision log: the writer failed; {} records are counted as unlogged", buffer.size(), e);
                unlogged(buffer, Gaps.Cause.REJECTED);
                pause(100);
            }
            buffer.clear();
            if (last && queue.isEmpty()) {
                return;
            }
        }
    }

    /** Takes up to a batch, waiting up to the flush interval for the first record and for the batch to fill. */
    private void fill(List<Object> buffer, boolean last) {
        int max = properties.batchSize();
        if (last) {
            queue.drainTo(buffer, max);
            return;
        }
        try {
            // Not longer than a slice: stop() and new gaps are noticed promptly whatever the flush interval.
            Object first = queue.poll(Math.min(flushNanos, IDLE_SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (first == null) {
                return;
            }
            buffer.add(first);
            long deadline = System.nanoTime() + flushNanos;
            while (!stopping) {
                queue.drainTo(buffer, max - buffer.size());
                if (buffer.size() >= max || flushWaiters.get() > 0) {
                    // Full, or someone waits for what we hold: write it now rather than wait for more.
                    return;
                }
                long wait = Math.min(deadline - System.nanoTime(), LINGER_SLICE_NANOS);
                if (wait <= 0) {
                    return;
                }
                // Sleep rather than wait on the queue: a waiting writer would be woken by every decision
                // handed over, one thread switch per request; sleeping, it wakes once a slice and takes all.
                LockSupport.parkNanos(wait);
            }
        } catch (InterruptedException e) {
            // Nobody interrupts the writer on purpose; stop() asks it to finish instead.
            Thread.interrupted();
        }
    }

    /** Writes, retrying while the database fails; a record the database refuses is counted and skipped. */
    private void write(List<Object> records, List<Gaps.Gap> gapsToWrite, Pseudonymiser pseudonymiser) {
        long backoff = 100;
        while (true) {
            try {
                store.write(records, gapsToWrite, pseudonymiser);
                written(records);
                if (failing) {
                    failing = false;
                    log.info("Decision log: writing again");
                }
                return;
            } catch (Exception e) {
                if (DecisionLogStore.refusedData(e) && records.size() + gapsToWrite.size() > 1) {
                    writeOneByOne(records, gapsToWrite, pseudonymiser);
                    return;
                }
                if (DecisionLogStore.refusedData(e)) {
                    log.error("Decision log: the database refused a record, which is counted as unlogged: {}",
                            records.isEmpty() ? gapsToWrite : records, e);
                    unlogged(records, Gaps.Cause.REJECTED);
                    return;
                }
                writeFailures.increment();
                if (!failing) {
                    failing = true;
                    log.warn("Decision log: writing failed, retrying while {} records wait in memory (capacity {})",
                            queue.size() + records.size(), properties.queueCapacity(), e);
                }
                if (stopping && System.nanoTime() > stopDeadline) {
                    log.error("Decision log: still failing at shutdown; {} records and {} gap records are lost",
                            records.size(), gapsToWrite.size(), e);
                    unlogged(records, Gaps.Cause.STOPPED);
                    return;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void writeOneByOne(List<Object> records, List<Gaps.Gap> gapsToWrite, Pseudonymiser pseudonymiser) {
        if (!gapsToWrite.isEmpty()) {
            write(List.of(), gapsToWrite, pseudonymiser);
        }
        for (Object record : records) {
            write(List.of(record), List.of(), pseudonymiser);
        }
    }

    private void written(List<Object> records) {
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
    private void unlogged(List<Object> records, Gaps.Cause cause) {
        Counter counter = cause == Gaps.Cause.STOPPED ? droppedStopped : droppedRejected;
        Instant now = clock.instant();
        for (Object record : records) {
            long decisions = 0;
            if (record instanceof DecisionRecord decision) {
                if (decision.batchId() == null) {
                    decisions = 1;
                } else {
                    linesDropped.increment();
                }
            } else if (record instanceof LoggedBatch batch) {
                decisions = batch.decided();
            }
            if (decisions > 0) {
                counter.increment(decisions);
                if (cause != Gaps.Cause.STOPPED) {
                    gaps.add(now, cause, decisions);
                }
            }
        }
        handled.addAndGet(records.size());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
