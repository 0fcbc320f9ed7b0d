package io.jurist.audit;

import io.jurist.audit.internal.DecisionLogReads;
import io.jurist.audit.internal.DecisionLogStore;
import io.jurist.audit.internal.DecisionLogWriter;
import io.jurist.audit.internal.RecordQueue;
import io.jurist.audit.internal.StoredRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The decision log: every decision (or, for a batch, one summary) recorded with the subject pseudonymised, without
 * making the request wait for the database; and what it offers back (lookups, counts per day, the purge, the
 * pseudonym of a subject).
 *
 * <p>{@link #record} hands a decision to the {@link DecisionLogWriter}, which never blocks it: a bounded queue and
 * one thread writing it in JDBC batches. When the queue is full a decision is still answered but not logged: it is
 * counted ({@code jurist.decisions.log.dropped}) and the log gets a gap record saying how many decisions of which day
 * went unlogged, between which moments. No record can stop the writer (StoreWrites). The shutdown writes
 * everything queued. docs/operations.md describes the choices.
 *
 * <p>{@link #off} is a log switched off that has no database, for a decider used without the application.
 */
@Service
public class DecisionLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

    private final DecisionLogProperties properties;
    private final String key;
    private final Clock clock;
    private final StoredRecords stored;
    private final RecordQueue writer;

    private volatile boolean batchLines;

    @Autowired
    public DecisionLog(DataSource dataSource, DecisionLogProperties properties,
                       @Value("${jurist.audit.pseudonymisation-key:}") String key, Clock clock, MeterRegistry meters) {
        this(properties, key, clock, new DecisionLogReads(Objects.requireNonNull(dataSource,
                        "The decision log needs a database; DecisionLog.off() is the log without one")),
                new DecisionLogWriter(new DecisionLogStore(dataSource), properties, key, clock, meters));
    }

    private DecisionLog(DecisionLogProperties properties, String key, Clock clock, StoredRecords stored,
                        RecordQueue writer) {
        this.properties = properties;
        this.key = key;
        this.clock = clock;
        this.stored = stored;
        this.writer = writer;
        this.batchLines = properties.batchLines();
    }

    /**
     * A log switched off, without a database: records nothing, finds nothing, purges nothing, and has no
     * pseudonymisation key ({@link #pseudonym} fails).
     */
    public static DecisionLog off(Clock clock) {
        return new DecisionLog(DecisionLogProperties.defaults().withEnabled(false), "", clock, StoredRecords.NONE,
                RecordQueue.OFF);
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
        writer.offer(decision);
    }

    /**
     * Writes these decisions with the log writer's own insert code, on the calling thread, into the rehearsal
     * table (the log's shape, not the log), commits, and deletes them again: nothing is kept, queued or counted,
     * and the records need not be real ones. The start-up warm-up runs it before the node takes traffic, so that
     * the writer's code is compiled by then.
     *
     * @return how many were written and deleted again; 0 when the log is off
     */
    public int rehearseWrite(List<DecisionRecord> decisions) throws SQLException {
        if (!properties.enabled()) {
            return 0;
        }
        return writer.rehearse(decisions);
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
        if (!properties.enabled()) {
            return false;
        }
        offerSummary(summary);
        return flush(timeout) && stored.batch(summary.batchId()).isPresent();
    }

    /** A logged decision by its id (single, or a batch line when per-line logging was on). */
    public Optional<LoggedDecision> decision(String id) {
        return stored.decision(id);
    }

    /** A logged batch summary by its id. */
    public Optional<LoggedBatch> batch(String id) {
        return stored.batch(id);
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
        return stored.dailyCounts(country, purpose, from, to);
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
        Instant cutoff = clock.instant().minus(properties.retention());
        long deleted = stored.purge(cutoff);
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
        return writer.flush(timeout);
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
        return writer.state();
    }

    // Called by BatchRecorder

    Instant now() {
        return clock.instant();
    }

    boolean offerLine(DecisionRecord line, boolean wait) {
        return writer.offerLine(line, wait);
    }

    void offerSummary(LoggedBatch summary) {
        writer.offerSummary(summary);
    }

    // The writer's lifecycle

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() {
        writer.stop();
    }

    @Override
    public boolean isRunning() {
        return writer.running();
    }

    /** Starts before the web server and stops after it, so that every decision answered is handed over first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
