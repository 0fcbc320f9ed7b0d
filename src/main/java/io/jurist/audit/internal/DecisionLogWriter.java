package io.jurist.audit.internal;

import io.jurist.audit.DecisionLog;
import io.jurist.audit.DecisionRecord;
import io.jurist.audit.LoggedBatch;
import io.jurist.audit.DecisionLogProperties;
import io.jurist.audit.Pseudonymiser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log's writer: deciding threads hand records to a bounded in-memory queue (which never blocks a
 * decision); one thread drains it in JDBC batches, one transaction per flush, at least every {@code flush-interval},
 * through {@link StoreWrites}, which retries while the database fails and sets aside a record it refuses. When the
 * queue is full a decision is still answered but not logged: {@link LogAccounts} counts it and keeps its gap. The
 * shutdown writes everything queued.
 */
public final class DecisionLogWriter implements RecordQueue {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

    /** How long a batch's summary may wait for room in a full queue: one record stands for a whole batch. */
    static final Duration SUMMARY_WAIT = Duration.ofSeconds(5);
    private static final long LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long IDLE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DecisionLogProperties properties;
    private final String key;
    private final BlockingQueue<Object> queue;
    private final LogAccounts accounts;
    private final Gaps gaps;
    private final StoreWrites writes;
    private final DecisionLogStore store;
    private final LongAdder enqueued = new LongAdder();
    private final AtomicInteger flushWaiters = new AtomicInteger();
    private final long flushNanos;

    private volatile boolean running;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private volatile Thread writer;

    public DecisionLogWriter(DecisionLogStore store, DecisionLogProperties properties, String key, Clock clock,
                      MeterRegistry meters) {
        this.properties = properties;
        this.key = key;
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(properties.enabled() ? properties.queueCapacity() : 1);
        this.flushNanos = Math.max(1, properties.flushInterval().toNanos());
        this.accounts = new LogAccounts(clock, meters);
        this.gaps = accounts.gaps();
        this.writes = new StoreWrites(store, clock, accounts, properties.queueCapacity(), queue::size,
                () -> stopping && System.nanoTime() > stopDeadline);
        Gauge.builder("jurist.decisions.log.queued", queue, Collection::size)
                .description("Records waiting in memory for the decision log's writer").register(meters);
    }

    @Override
    public int rehearse(List<DecisionRecord> decisions) throws SQLException {
        if (!properties.enabled() || decisions.isEmpty()) {
            return 0;
        }
        return store.rehearse(decisions, new Pseudonymiser(key));
    }

    @Override
    public void offer(DecisionRecord decision) {
        if (stopping) {
            accounts.dropped(Gaps.Cause.STOPPED, 1);
            return;
        }
        if (queue.offer(decision)) {
            enqueued.increment();
        } else {
            accounts.dropped(Gaps.Cause.QUEUE_FULL, 1);
        }
    }

    @Override
    public boolean offerLine(DecisionRecord line, boolean wait) {
        if (stopping) {
            accounts.lineDropped();
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
            accounts.lineDropped();
        }
        return queued;
    }

    @Override
    public void offerSummary(LoggedBatch summary) {
        if (stopping) {
            accounts.dropped(Gaps.Cause.STOPPED, summary.decided());
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
            accounts.dropped(Gaps.Cause.QUEUE_FULL, summary.decided());
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        long target = enqueued.sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        flushWaiters.incrementAndGet();
        Thread lingering = writer;
        if (lingering != null) {
            LockSupport.unpark(lingering);
        }
        try {
            while (accounts.handled() < target) {
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

    @Override
    public DecisionLog.WriterState state() {
        return new DecisionLog.WriterState(properties.enabled(), running && writer != null, writes.failingSince(),
                writes.lastFailure(), writes.lastSetAside(), writes.lastSetAsideCause(), queue.size(),
                properties.queueCapacity());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (properties.enabled()) {
            // Fails here, at start-up, rather than in the writer, when there is no key.
            new Pseudonymiser(key);
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
                writeLast();
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
    public boolean running() {
        return running;
    }

    /** After the writer finished: counts what was offered too late and writes the gaps found meanwhile. */
    private void writeLast() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        accounts.unlogged(left, Gaps.Cause.STOPPED);
        // Gaps found while the writer finished (records set aside, decisions offered too late).
        List<Gaps.Gap> last = gaps.take();
        if (!last.isEmpty()) {
            try {
                writes.writeGaps(last);
            } catch (Exception e) {
                last.forEach(gap -> gaps.add(gap.first(), gap.cause(), gap.count()));
                log.error("Decision log: writing its last gap records failed: {}", StoreFailures.describe(e), e);
            }
        }
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
                    writes.write(buffer, gapsToWrite, pseudonymiser);
                }
            } catch (RuntimeException | Error e) {
                // Never let the writer die: what it held is lost, and counted.
                log.error("Decision log: the writer failed; {} records are counted as unlogged", buffer.size(), e);
                accounts.unlogged(buffer, Gaps.Cause.FAILED);
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

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
