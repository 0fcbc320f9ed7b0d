package io.jurist.audit.internal;

import io.jurist.audit.DecisionLog;
import io.jurist.audit.Pseudonymiser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log's writes to its store, made so that no record can stop the log: retries while the database
 * fails, and narrows any other failure down to the record at fault, which is set aside (see {@link #write}).
 * Used by the writer's one thread; its state is read by health checks.
 */
final class StoreWrites {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DecisionLogStore store;
    private final Clock clock;
    private final LogAccounts accounts;
    private final int capacity;
    /** How many records wait in memory, for the log's warning. */
    private final IntSupplier queued;
    /** True when the log stops and its shutdown timeout has passed: retrying must give up. */
    private final BooleanSupplier givingUp;

    /** When the database began failing the writer, or null while it writes. */
    private volatile Instant failingSince;
    private volatile String lastFailure;
    private volatile Instant lastSetAside;
    private volatile String lastSetAsideCause;

    StoreWrites(DecisionLogStore store, Clock clock, LogAccounts accounts, int capacity, IntSupplier queued,
                BooleanSupplier givingUp) {
        this.store = store;
        this.clock = clock;
        this.accounts = accounts;
        this.capacity = capacity;
        this.queued = queued;
        this.givingUp = givingUp;
    }

    Instant failingSince() {
        return failingSince;
    }

    String lastFailure() {
        return lastFailure;
    }

    Instant lastSetAside() {
        return lastSetAside;
    }

    String lastSetAsideCause() {
        return lastSetAsideCause;
    }

    /** Writes gap records once, without retrying: the last ones, at the shutdown. */
    void writeGaps(List<Gaps.Gap> gaps) throws Exception {
        store.write(List.of(), gaps, null);
    }

    /**
     * Writes records and gaps, so that no record can stop the log. A failure that is the database's (no connection,
     * see {@link DecisionLogStore#databaseFailure}) keeps everything and retries, backing off. Any other failure may
     * be a record's: a batch is halved until the failing record stands alone (a bad record among 1,000 costs about
     * 20 transactions), and a record failing alone is set aside with a gap record in its place
     * ({@link #setAside}), unless the database then takes no gap record either, which makes it the database's
     * failure after all.
     */
    void write(List<Object> records, List<Gaps.Gap> gapsToWrite, Pseudonymiser pseudonymiser) {
        long backoff = 100;
        while (true) {
            Exception failure;
            try {
                store.write(records, gapsToWrite, pseudonymiser);
                accounts.written(records);
                writing();
                return;
            } catch (Exception e) {
                failure = e;
            }
            if (!StoreFailures.databaseFailure(failure)) {
                if (records.size() + gapsToWrite.size() > 1) {
                    halve(records, gapsToWrite, pseudonymiser);
                    return;
                }
                if (records.size() == 1 && setAside(records.get(0), failure, pseudonymiser)) {
                    return;
                }
            }
            accounts.writeFailed();
            if (failingSince == null) {
                failingSince = clock.instant();
                log.warn("Decision log: writing failed, retrying while {} records wait in memory (capacity {}): {}",
                        queued.getAsInt() + records.size(), capacity, StoreFailures.describe(failure), failure);
            }
            lastFailure = StoreFailures.describe(failure);
            if (givingUp.getAsBoolean()) {
                log.error("Decision log: still failing at shutdown; {} records and {} gap records are lost",
                        records.size(), gapsToWrite.size(), failure);
                accounts.unlogged(records, Gaps.Cause.STOPPED);
                return;
            }
            DecisionLogWriter.pause(backoff);
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
        Gaps.Cause cause = StoreFailures.unconvertible(failure) ? Gaps.Cause.UNCONVERTIBLE
                : StoreFailures.refusedData(failure) ? Gaps.Cause.REJECTED : Gaps.Cause.FAILED;
        long decisions = LogAccounts.decisions(record);
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
                accounts.gaps().add(now, cause, decisions);
            }
        } else if (cause == Gaps.Cause.FAILED && !store.accepting()) {
            return false;
        }
        log.error("Decision log: {} set aside as unlogged ({}): {}", record, cause, StoreFailures.describe(failure),
                failure);
        lastSetAside = clock.instant();
        lastSetAsideCause = cause + ": " + StoreFailures.describe(failure);
        accounts.setAside(record, cause);
        return true;
    }

    private void writing() {
        if (failingSince != null) {
            failingSince = null;
            log.info("Decision log: writing again");
        }
    }
}
