package io.jurist.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * the database fails and keeping what is queued. No record can stop it: one the database refuses or that cannot be
 * converted is set aside, counted, with a gap record in its place, and the others are written (see {@link #write}).
 * When the queue is full a decision is still answered but not logged:
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
    private final Map<Gaps.Cause, Counter> dropped = new EnumMap<>(Gaps.Cause.class);
    private final Counter linesWritten;
    private final Counter linesDropped;
    private final Counter writeFailures;

    private volatile boolean batchLines;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private volatile Thread writer;
    /** When the database began failing the writer, or null while it writes. */
    private volatile Instant failingSince;
    private volatile String lastFailure;
    private volatile Instant lastSetAside;
    private volatile String lastSetAsideCause;

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
            dropped.get(Gaps.Cause.STOPPED).increment();
            gaps.add(clock.instant(), Gaps.Cause.STOPPED, 1);
            return;
        }
        if (queue.offer(decision)) {
            enqueued.increment();
        } else {
            dropped.get(Gaps.Cause.QUEUE_FULL).increment();
            gaps.add(clock.instant(), Gaps.Cause.QUEUE_FULL, 1);
        }
    }

    /** Begins the record of a batch decided by one ruleset version; {@link BatchRecorder#finish} ends it. */
    public BatchRecorder startBatch(String client, int rulesetVersion, String rulesetRevision) {
        return new BatchRecorder(this, UUID.randomUUID().toString(), client, clock.instant(), rulesetVersion,
                rulesetRevision, batchLines);
    }

    /**
     * Records the summary of a batch decided outside this service (the data platform's Spark job, from a version's
     * snapshot) and waits until it is written: unlike a decision, its caller is answered only once it is stored.
     *
     * @return true once the summary is in the database; false when the log is off or it was not written within
     *         the timeout (it may still be written later, or be counted as unlogged)
     */
    public boolean recordSummary(LoggedBatch summary, Duration timeout) {
        if (!properties.enabled() || store == null) {
            return false;
        }
        offerSummary(summary);
        return flush(timeout) && store.batch(summary.batchId()).isPresent();
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

    /**
     * The writer's state, for health checks.
     *
     * @param enabled           whether decisions are logged at all
     * @param running           whether the writer runs
     * @param failingSince      since when the database has failed every write (records wait in memory), or null
     * @param lastFailure       what the last failed write was (type and SQLSTATE), or null
     * @param lastSetAside      when a record was last set aside as unlogged, or null
     * @param lastSetAsideCause why, or null
     * @param queued            records waiting in memory
     * @param capacity          the queue's capacity
     */
    public record WriterState(boolean enabled, boolean running, Instant failingSince, String lastFailure,
                              Instant lastSetAside, String lastSetAsideCause, int queued, int capacity) {
    }

    /** The writer's state now. */
    public WriterState writerState() {
        return new WriterState(properties.enabled(), running && writer != null, failingSince, lastFailure,
                lastSetAside, lastSetAsideCause, queue.size(), properties.queueCapacity());
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
            dropped.get(Gaps.Cause.STOPPED).increment(summary.decided());
            gaps.add(clock.instant(), Gaps.Cause.STOPPED, summary.decided());
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
            dropped.get(Gaps.Cause.QUEUE_FULL).increment(summary.decided());
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
                // Gaps found while the writer finished (records set aside, decisions offered too late).
                List<Gaps.Gap> last = gaps.take();
                if (!last.isEmpty()) {
                    try {
                        store.write(List.of(), last, null);
                    } catch (Exception e) {
                        last.forEach(gap -> gaps.add(gap.first(), gap.cause(), gap.count()));
                        log.error("Decision log: writing its last gap records failed: {}",
                                DecisionLogStore.describe(e), e);
                    }
                }
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
                unlogged(buffer, Gaps.Cause.FAILED);
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

    /**
     * Writes records and gaps, so that no record can stop the log. A failure that is the database's (no connection,
     * see {@link DecisionLogStore#databaseFailure}) keeps everything and retries, backing off. Any other failure may
     * be a record's: a batch is halved until the failing record stands alone (a bad record among 1,000 costs about
     * 20 transactions), and a record failing alone is set aside with a gap record in its place
     * ({@link #setAside}), unless the database then takes no gap record either, which makes it the database's
     * failure after all.
     */
    private void write(List<Object> records, List<Gaps.Gap> gapsToWrite, Pseudonymiser pseudonymiser) {
        long backoff = 100;
        while (true) {
            Exception failure;
            try {
                store.write(records, gapsToWrite, pseudonymiser);
                written(records);
                writing();
                return;
            } catch (Exception e) {
                failure = e;
            }
            if (!DecisionLogStore.databaseFailure(failure)) {
                if (records.size() + gapsToWrite.size() > 1) {
                    halve(records, gapsToWrite, pseudonymiser);
                    return;
                }
                if (records.size() == 1 && setAside(records.get(0), failure, pseudonymiser)) {
                    return;
                }
            }
            writeFailures.increment();
            if (failingSince == null) {
                failingSince = clock.instant();
                log.warn("Decision log: writing failed, retrying while {} records wait in memory (capacity {}): {}",
                        queue.size() + records.size(), properties.queueCapacity(),
                        DecisionLogStore.describe(failure), failure);
            }
            lastFailure = DecisionLogStore.describe(failure);
            if (stopping && System.nanoTime() > stopDeadline) {
                log.error("Decision log: still failing at shutdown; {} records and {} gap records are lost",
                        records.size(), gapsToWrite.size(), failure);
                unlogged(records, Gaps.Cause.STOPPED);
                return;
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void halve(List<Object> records, List<Gaps.Gap> gapsToWrite, Pseudonymiser pseudonymiser) {
        if (!gapsToWrite.isEmpty() && !records.isEmpty()) {
            write(List.of(), gapsToWrite, pseudonymiser);
            write(records, List.of(), pseudonymiser);
        } else if (gapsToWrite.size() > 1) {
            int half = gapsToWrite.size() / 2;
            write(List.of(), gapsToWrite.subList(0, half), pseudonymiser);
            write(List.of(), gapsToWrite.subList(half, gapsToWrite.size()), pseudonymiser);
        } else {
            int half = records.size() / 2;
            write(records.subList(0, half), List.of(), pseudonymiser);
            write(records.subList(half, records.size()), List.of(), pseudonymiser);
        }
    }

    /**
     * Sets a record that failed alone aside: it is counted as unlogged and a gap record saying why takes its place
     * at once. A record that could not be converted, or whose data the database refused (SQLSTATE 22, 23), is the
     * cause whatever happens next; for any other failure the gap record is the test: when the database does not take
     * that either, the database is failing, and the record is kept and retried.
     *
     * @return false when the record is kept, to be retried
     */
    private boolean setAside(Object record, Exception failure, Pseudonymiser pseudonymiser) {
        Gaps.Cause cause = DecisionLogStore.unconvertible(failure) ? Gaps.Cause.UNCONVERTIBLE
                : DecisionLogStore.refusedData(failure) ? Gaps.Cause.REJECTED : Gaps.Cause.FAILED;
        long decisions = decisions(record);
        if (decisions > 0) {
            Instant now = clock.instant();
            Gaps.Gap gap = new Gaps.Gap(LocalDate.ofInstant(now, ZoneOffset.UTC), cause, now, now, decisions);
            try {
                store.write(List.of(), List.of(gap), pseudonymiser);
            } catch (Exception e) {
                if (cause == Gaps.Cause.FAILED) {
                    return false;
                }
                // The record is at fault; its gap waits for the next write like any other.
                gaps.add(now, cause, decisions);
            }
        } else if (cause == Gaps.Cause.FAILED && !store.accepting()) {
            return false;
        }
        log.error("Decision log: {} set aside as unlogged ({}): {}", record, cause, DecisionLogStore.describe(failure),
                failure);
        lastSetAside = clock.instant();
        lastSetAsideCause = cause + ": " + DecisionLogStore.describe(failure);
        count(record, cause);
        handled.incrementAndGet();
        return true;
    }

    private void writing() {
        if (failingSince != null) {
            failingSince = null;
            log.info("Decision log: writing again");
        }
    }

    private static long decisions(Object record) {
        if (record instanceof DecisionRecord decision) {
            // A batch's line is counted by its batch's summary.
            return decision.batchId() == null ? 1 : 0;
        }
        return record instanceof LoggedBatch batch ? batch.decided() : 0;
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
        Instant now = clock.instant();
        for (Object record : records) {
            long decisions = count(record, cause);
            if (decisions > 0) {
                gaps.add(now, cause, decisions);
            }
        }
        handled.addAndGet(records.size());
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
