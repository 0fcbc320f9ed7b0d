package io.jurist.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the decision log ({@code jurist.audit.decision-log.*}); the README and docs/operations.md describe them.
 *
 * @param enabled         record decisions at all; false only for the benchmarks' baseline (prod refuses it)
 * @param queueCapacity   records held in memory waiting for the writer; when it is full, decisions are answered
 *                        but not logged, and counted (docs/operations.md)
 * @param batchSize       most records written in one database transaction
 * @param flushInterval   longest a record waits in memory before the writer writes what it has
 * @param batchLines      log each line of a batch as a decision of its own too (the summary is always logged)
 * @param batchLineWait   longest a batch waits for room in a full queue for one line's record before dropping it
 * @param retention       how long records are kept; older ones are purged
 * @param purgeCron       when the purge runs (Spring cron, server time zone)
 * @param shutdownTimeout longest the shutdown waits for the writer to write what is queued
 */
@ConfigurationProperties("jurist.audit.decision-log")
public record DecisionLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50000") int queueCapacity,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("false") boolean batchLines,
        @DefaultValue("100ms") Duration batchLineWait,
        @DefaultValue("P400D") Duration retention,
        @DefaultValue("0 17 3 * * *") String purgeCron,
        @DefaultValue("10s") Duration shutdownTimeout) {

    public DecisionLogProperties {
        if (queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("jurist.audit.decision-log.queue-capacity and batch-size must be positive");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("jurist.audit.decision-log.retention must be positive");
        }
    }

    /** The defaults, for tests and benchmarks that build a log by hand. */
    public static DecisionLogProperties defaults() {
        return new DecisionLogProperties(true, 50_000, 1000, Duration.ofMillis(200), false, Duration.ofMillis(100),
                Duration.ofDays(400), "0 17 3 * * *", Duration.ofSeconds(10));
    }

    public DecisionLogProperties withEnabled(boolean on) {
        return new DecisionLogProperties(on, queueCapacity, batchSize, flushInterval, batchLines, batchLineWait,
                retention, purgeCron, shutdownTimeout);
    }

    public DecisionLogProperties withQueueCapacity(int capacity) {
        return new DecisionLogProperties(enabled, capacity, batchSize, flushInterval, batchLines, batchLineWait,
                retention, purgeCron, shutdownTimeout);
    }

    public DecisionLogProperties withBatchLines(boolean on) {
        return new DecisionLogProperties(enabled, queueCapacity, batchSize, flushInterval, on, batchLineWait,
                retention, purgeCron, shutdownTimeout);
    }

    public DecisionLogProperties withRetention(Duration keep) {
        return new DecisionLogProperties(enabled, queueCapacity, batchSize, flushInterval, batchLines, batchLineWait,
                keep, purgeCron, shutdownTimeout);
    }
}
