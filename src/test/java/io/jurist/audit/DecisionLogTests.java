package io.jurist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** The decision log on an in-memory H2 database made by the application's migrations. */
class DecisionLogTests {

    static final String KEY = "a-test-key-of-at-least-thirty-two-bytes";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String GENAI = "GENAI_TRAINING";

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        volatile Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A data source that fails every connection while {@code failing} is set, as a database that is down. */
    static final class FlakyDataSource extends DelegatingDataSource {
        volatile boolean failing;
        volatile SQLException failure = new SQLException("Connection refused", "08001");

        FlakyDataSource(JdbcDataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (failing) {
                throw failure;
            }
            return super.getConnection();
        }
    }

    final TestClock clock = new TestClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FlakyDataSource dataSource;
    JdbcClient jdbc;
    DecisionLog log;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:decision-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        dataSource = new FlakyDataSource(h2);
        jdbc = JdbcClient.create(h2);
    }

    @AfterEach
    void stop() {
        if (log != null) {
            log.stop();
        }
    }

    DecisionLog log(DecisionLogProperties properties) {
        log = new DecisionLog(dataSource, properties, KEY, clock, meters);
        return log;
    }

    static DecisionRecord decision(String id, Instant evaluatedAt, String subject, String country, String purpose,
                                   String decision, String... reasons) {
        return new DecisionRecord(id, null, evaluatedAt, "data-platform", subject, country, "REGION", purpose,
                "NOT_SET", 34, Instant.parse("2024-11-25T00:00:00Z"), decision, List.of(reasons),
                List.of("Rule one", "Rule, two"), 3, "sha256:" + "a".repeat(64));
    }

    static DecisionRecord decision(String id) {
        return decision(id, NOW, "member-" + id, "GB", GENAI, "DENY", "JURISDICTION_SUSPENDED");
    }

    double counter(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void recordsADecisionWithThePseudonymAndTheAgeBandButNeverTheSubjectIdOrAge() {
        log(DecisionLogProperties.defaults()).start();
        log.record(new DecisionRecord("d-1", null, NOW, "data-platform", "member-8675309", "GB", "UK", GENAI,
                "OPTED_OUT", 15, Instant.parse("2024-11-25T00:00:00Z"), "DENY",
                List.of("JURISDICTION_SUSPENDED", "MINOR_EXCLUDED"), List.of("Suspended", "Minors, excluded"), 7,
                "sha256:" + "b".repeat(64)));
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        LoggedDecision logged = log.decision("d-1").orElseThrow();
        assertThat(logged.subjectHash()).isEqualTo(new Pseudonymiser(KEY).pseudonym("member-8675309"))
                .isEqualTo(log.pseudonym("member-8675309"));
        assertThat(logged).isEqualTo(new LoggedDecision("d-1", null, NOW, "data-platform", logged.subjectHash(), "GB",
                "UK", GENAI, "OPTED_OUT", "13-15", Instant.parse("2024-11-25T00:00:00Z"), "DENY",
                List.of("JURISDICTION_SUSPENDED", "MINOR_EXCLUDED"), List.of("Suspended", "Minors, excluded"),
                new LoggedDecision.RulesetRef(7, "sha256:" + "b".repeat(64))));
        Map<String, Object> row = jdbc.sql("select * from jurist_decision_log").query().singleRow();
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain("8675309").isNotEqualTo("15"));
        assertThat(counter("jurist.decisions.log.written", "kind", "single")).isEqualTo(1);
        assertThat(log.decision("unknown")).isEmpty();
    }

    @Test
    void aRehearsedWriteRunsTheInsertsButKeepsAndCountsNothing() throws Exception {
        log(DecisionLogProperties.defaults()).start();
        assertThat(log.rehearseWrite(List.of(decision("r-1"), decision("r-2"), decision("r-3")))).isEqualTo(3);
        assertThat(rows("jurist_decision_log")).isZero();
        assertThat(rows("jurist_decision_log_rehearsal")).isZero();
        assertThat(meters.find("jurist.decisions.log.written").counters())
                .allSatisfy(written -> assertThat(written.count()).isZero());

        // The inserts did run: a record the database refuses fails the rehearsal (a decision id is at most 36
        // characters), and the log goes on as before.
        assertThatThrownBy(() -> log.rehearseWrite(List.of(decision("r-5"), decision("r".repeat(37)))))
                .isInstanceOf(Exception.class);
        assertThat(rows("jurist_decision_log_rehearsal")).isZero();
        log.record(decision("r-1"));
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(rows("jurist_decision_log")).isEqualTo(1);
        assertThat(counter("jurist.decisions.log.written", "kind", "single")).isEqualTo(1);

        // A log that is off rehearses nothing.
        assertThat(DecisionLog.off(clock).rehearseWrite(List.of(decision("r-4")))).isZero();
    }

    @Test
    void writesWithinTheFlushIntervalAndAtOnceWhenAskedTo() {
        DecisionLogProperties d = DecisionLogProperties.defaults();
        log(d).start();
        log.record(decision("d-1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (rows("jurist_decision_log") == 0 && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(rows("jurist_decision_log")).isEqualTo(1);
        log.stop();

        // A long flush interval, and a batch that does not fill: flush() does not wait for either.
        log(new DecisionLogProperties(true, 100, 1000, Duration.ofSeconds(30), false, d.batchLineWait(),
                d.retention(), d.purgeCron(), d.shutdownTimeout())).start();
        log.record(decision("d-2"));
        long start = System.nanoTime();
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(log.decision("d-2")).isPresent();
        // Nor does stopping wait for the interval.
        start = System.nanoTime();
        log.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void neverBlocksWhenTheQueueIsFullButCountsTheDroppedDecisionsAndRecordsTheGap() {
        log(DecisionLogProperties.defaults().withQueueCapacity(3));
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            log.record(decision("d-" + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(counter("jurist.decisions.log.dropped", "cause", "queue-full")).isEqualTo(2);

        log.start();
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(rows("jurist_decision_log")).isEqualTo(3);
        assertThat(counter("jurist.decisions.log.written", "kind", "single")).isEqualTo(3);
        Map<String, Object> gap = jdbc.sql("select * from jurist_decision_log_gap").query().singleRow();
        assertThat(gap).containsEntry("CAUSE", "QUEUE_FULL").containsEntry("UNLOGGED", 2L);
        assertThat(log.dailyCounts("GB", GENAI, NOW.minusSeconds(60), NOW.plusSeconds(60)))
                .containsExactly(new DailyDecisionCounts(LocalDate.of(2026, 3, 1), Map.of("DENY", 3L),
                        Map.of("JURISDICTION_SUSPENDED", 3L), 2));
    }

    @Test
    void keepsTheRecordsAndRetriesWhileTheDatabaseFails() {
        log(DecisionLogProperties.defaults()).start();
        dataSource.failing = true;
        for (int i = 0; i < 10; i++) {
            log.record(decision("d-" + i));
        }
        assertThat(log.flush(Duration.ofMillis(800))).isFalse();
        assertThat(rows("jurist_decision_log")).isZero();
        assertThat(meters.get("jurist.decisions.log.write.failures").counter().count()).isPositive();

        dataSource.failing = false;
        assertThat(log.flush(Duration.ofSeconds(15))).isTrue();
        assertThat(rows("jurist_decision_log")).isEqualTo(10);
        assertThat(counter("jurist.decisions.log.dropped", "cause", "queue-full")).isZero();
        assertThat(counter("jurist.decisions.log.dropped", "cause", "rejected")).isZero();
    }

    @Test
    void writesTheOthersWhenTheDatabaseRefusesARecordAndCountsThatOne() {
        log(DecisionLogProperties.defaults()).start();
        log.record(decision("d-1"));
        log.record(decision("d-2"));
        log.record(decision("d-1")); // the same id again: the primary key refuses it
        log.record(decision("d-3"));
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(rows("jurist_decision_log")).isEqualTo(3);
        assertThat(counter("jurist.decisions.log.dropped", "cause", "rejected")).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rows("jurist_decision_log_gap") == 0 && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(jdbc.sql("select cause, unlogged from jurist_decision_log_gap").query().singleRow())
                .containsEntry("CAUSE", "REJECTED").containsEntry("UNLOGGED", 1L);
    }

    @Test
    void setsAsideARecordThatCannotBeConvertedWithAGapRecordAndWritesTheRest() {
        log(DecisionLogProperties.defaults()).start();
        DecisionLogHealthIndicator health = new DecisionLogHealthIndicator(log, clock);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        log.record(decision("d-1"));
        // Past what a timestamp column holds: the request's door refuses it, the writer must survive it anyway.
        DecisionRecord far = decision("d-far");
        log.record(new DecisionRecord(far.decisionId(), null, far.evaluatedAt(), far.client(), far.subjectId(),
                far.country(), far.region(), far.purpose(), far.consent(), far.age(),
                Instant.parse("+1000000000-01-01T00:00:00Z"), far.decision(), far.reasonCodes(), far.rulesFired(),
                far.rulesetVersion(), far.rulesetRevision()));
        // Too long for its column: the database refuses it (SQLSTATE 22001).
        DecisionRecord wide = decision("d-wide", NOW, "member-wide", "GBR", GENAI, "DENY", "JURISDICTION_SUSPENDED");
        log.record(wide);
        log.record(decision("d-2"));
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        // And the log goes on.
        log.record(decision("d-3"));
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(jdbc.sql("select decision_id from jurist_decision_log order by decision_id").query(String.class)
                .list()).containsExactly("d-1", "d-2", "d-3");
        assertThat(jdbc.sql("select cause, sum(unlogged) from jurist_decision_log_gap group by cause order by cause")
                .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactly("REJECTED=1", "UNCONVERTIBLE=1");
        assertThat(counter("jurist.decisions.log.dropped", "cause", "unconvertible")).isEqualTo(1);
        assertThat(counter("jurist.decisions.log.dropped", "cause", "rejected")).isEqualTo(1);
        assertThat(counter("jurist.decisions.log.written", "kind", "single")).isEqualTo(3);
        // Both count in the day's unlogged decisions, whatever the country asked for.
        assertThat(log.dailyCounts("FR", GENAI, NOW.minusSeconds(60), NOW.plusSeconds(60)))
                .containsExactly(new DailyDecisionCounts(LocalDate.of(2026, 3, 1), Map.of(), Map.of(), 2));
        Health degraded = health.health();
        assertThat(degraded.getStatus()).isEqualTo(DecisionLogHealthIndicator.DEGRADED);
        assertThat(degraded.getDetails()).containsKey("lastSetAsideCause");
        clock.now = NOW.plus(DecisionLogHealthIndicator.RECENT).plusSeconds(1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void keepsAndRetriesTheRecordsWhileTheDatabaseFailsWithAnErrorItDoesNotExplain() {
        log(DecisionLogProperties.defaults()).start();
        DecisionLogHealthIndicator health = new DecisionLogHealthIndicator(log, clock);
        // Not a connection error, not a refused value: the writer narrows it to one record, then finds that the
        // database takes no gap record either, so the database is at fault and nothing is set aside.
        dataSource.failure = new SQLException("Disk on fire", "HY000");
        dataSource.failing = true;
        for (int i = 0; i < 10; i++) {
            log.record(decision("d-" + i));
        }
        assertThat(log.flush(Duration.ofMillis(800))).isFalse();
        assertThat(health.health().getStatus()).isEqualTo(DecisionLogHealthIndicator.DEGRADED);
        assertThat(health.health().getDetails()).containsEntry("lastFailure", "SQLException (SQLSTATE HY000)");

        dataSource.failing = false;
        assertThat(log.flush(Duration.ofSeconds(15))).isTrue();
        assertThat(rows("jurist_decision_log")).isEqualTo(10);
        assertThat(rows("jurist_decision_log_gap")).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void writesEverythingQueuedWhenItStops() {
        log(DecisionLogProperties.defaults().withQueueCapacity(30_000)).start();
        for (int i = 0; i < 20_000; i++) {
            log.record(decision("d-" + i));
        }
        log.stop();
        assertThat(rows("jurist_decision_log")).isEqualTo(20_000);
        assertThat(log.isRunning()).isFalse();

        log.record(decision("late"));
        assertThat(counter("jurist.decisions.log.dropped", "cause", "stopped")).isEqualTo(1);
    }

    @Test
    void summarisesABatchWithItsCountsAndTheHashOfItsInput() throws Exception {
        log(DecisionLogProperties.defaults()).start();
        byte[] body = "{\"line\":1}\n{\"line\":2}\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        BatchRecorder batch = log.startBatch("data-platform", 4, "sha256:" + "c".repeat(64));
        assertThat(batch.linesLogged()).isFalse();
        try (InputStream in = batch.digesting(new ByteArrayInputStream(body))) {
            assertThat(in.read()).isEqualTo('{');
            in.readAllBytes();
        }
        batch.decided("GB", GENAI, "DENY", List.of("JURISDICTION_SUSPENDED"));
        batch.decided("GB", GENAI, "DENY", List.of("MINOR_EXCLUDED", "JURISDICTION_SUSPENDED"));
        batch.decided("GB", GENAI, "DENY", List.of("JURISDICTION_SUSPENDED", "MINOR_EXCLUDED"));
        batch.decided("US", GENAI, "PERMIT", List.of("PERMITTED"));
        batch.decided("GB", GENAI, "DENY", List.of("JURISDICTION_SUSPENDED"));
        batch.invalid();
        batch.line(decision("not-logged"));
        clock.now = NOW.plusSeconds(3);
        batch.finish(6, true);
        batch.finish(6, true); // once only
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        LoggedBatch logged = log.batch(batch.id()).orElseThrow();
        assertThat(logged.kind()).isEqualTo("BATCH");
        assertThat(logged.client()).isEqualTo("data-platform");
        assertThat(logged.startedAt()).isEqualTo(NOW);
        assertThat(logged.finishedAt()).isEqualTo(NOW.plusSeconds(3));
        assertThat(logged.status()).isEqualTo("COMPLETE");
        assertThat(logged.lines()).isEqualTo(6);
        assertThat(logged.decided()).isEqualTo(5);
        assertThat(logged.invalid()).isEqualTo(1);
        assertThat(logged.inputSha256()).isEqualTo("sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(logged.ruleset()).isEqualTo(new LoggedDecision.RulesetRef(4, "sha256:" + "c".repeat(64)));
        assertThat(logged.linesLogged()).isFalse();
        assertThat(logged.counts()).containsExactly(
                new LoggedBatch.Count("GB", GENAI, "DENY", List.of("JURISDICTION_SUSPENDED"), 2),
                new LoggedBatch.Count("GB", GENAI, "DENY", List.of("JURISDICTION_SUSPENDED", "MINOR_EXCLUDED"), 2),
                new LoggedBatch.Count("US", GENAI, "PERMIT", List.of("PERMITTED"), 1));
        assertThat(rows("jurist_decision_batch")).isEqualTo(1);
        assertThat(rows("jurist_decision_log")).isZero();
        assertThat(counter("jurist.decisions.log.written", "kind", "batch")).isEqualTo(5);
    }

    @Test
    void logsEachLineOfABatchOnlyWhenPerLineLoggingIsOn() {
        log(DecisionLogProperties.defaults()).start();
        assertThat(log.batchLines()).isFalse();
        log.setBatchLines(true);
        BatchRecorder batch = log.startBatch("data-platform", 1, "sha256:" + "d".repeat(64));
        assertThat(batch.linesLogged()).isTrue();
        for (int i = 0; i < 3; i++) {
            DecisionRecord line = new DecisionRecord("line-" + i, batch.id(), NOW, "data-platform", "m" + i, "GB", "UK",
                    GENAI, "NOT_SET", null, NOW, "DENY", List.of("JURISDICTION_SUSPENDED"), List.of("r"), 1, "x");
            batch.decided("GB", GENAI, "DENY", line.reasonCodes());
            batch.line(line);
        }
        batch.finish(3, false);
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        LoggedBatch logged = log.batch(batch.id()).orElseThrow();
        assertThat(logged.status()).isEqualTo("INCOMPLETE");
        assertThat(logged.linesLogged()).isTrue();
        assertThat(logged.linesUnlogged()).isZero();
        assertThat(log.decision("line-1").orElseThrow().batchId()).isEqualTo(batch.id());
        assertThat(log.decision("line-1").orElseThrow().ageBand()).isEqualTo("UNKNOWN");
        // The lines are in the summary's counts; they are not counted again.
        assertThat(log.dailyCounts("GB", GENAI, NOW.minusSeconds(1), NOW.plusSeconds(1)))
                .containsExactly(new DailyDecisionCounts(LocalDate.of(2026, 3, 1), Map.of("DENY", 3L),
                        Map.of("JURISDICTION_SUSPENDED", 3L), 0));
        log.setBatchLines(false);
        assertThat(log.startBatch("x", 1, "x").linesLogged()).isFalse();
    }

    @Test
    void countsPerUtcDayInTheWindowWithReasonsAndTheUnloggedOfThatDay() {
        Instant lastOfDay1 = Instant.parse("2026-02-27T23:59:59.999Z");
        Instant day2 = Instant.parse("2026-02-28T00:00:00Z");
        // Exactly as many records as the queue holds, then one too many on day 2.
        log(DecisionLogProperties.defaults().withQueueCapacity(8).withBatchLines(true));
        log.record(decision("a", lastOfDay1, "s1", "GB", GENAI, "DENY", "JURISDICTION_SUSPENDED", "MINOR_EXCLUDED"));
        log.record(decision("b", day2, "s2", "GB", GENAI, "DENY", "JURISDICTION_SUSPENDED"));
        log.record(decision("c", day2.plusSeconds(60), "s3", "US", GENAI, "PERMIT", "PERMITTED"));
        log.record(decision("d", day2.plusSeconds(60), "s4", "GB", "OTHER_PURPOSE", "PERMIT", "PERMITTED"));
        clock.now = day2.plusSeconds(3600);
        BatchRecorder batch = log.startBatch("data-platform", 1, "x");
        for (int i = 0; i < 3; i++) {
            List<String> reasons = i == 0 ? List.of("MINOR_EXCLUDED", "JURISDICTION_SUSPENDED")
                    : List.of("JURISDICTION_SUSPENDED");
            batch.decided("GB", GENAI, "DENY", reasons);
            batch.line(new DecisionRecord("line-" + i, batch.id(), day2.plusSeconds(3600), "data-platform", "m", "GB",
                    "UK", GENAI, "NOT_SET", null, day2, "DENY", reasons, List.of("r"), 1, "x"));
        }
        batch.invalid();
        batch.finish(4, true);
        log.record(decision("dropped", day2.plusSeconds(7200), "s5", "GB", GENAI, "DENY", "X"));
        log.start();
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        Instant from = Instant.parse("2026-02-27T00:00:00Z");
        Instant to = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(log.dailyCounts("GB", GENAI, from, to)).containsExactly(
                new DailyDecisionCounts(LocalDate.of(2026, 2, 27), Map.of("DENY", 1L),
                        Map.of("JURISDICTION_SUSPENDED", 1L, "MINOR_EXCLUDED", 1L), 0),
                new DailyDecisionCounts(LocalDate.of(2026, 2, 28), Map.of("DENY", 4L),
                        Map.of("JURISDICTION_SUSPENDED", 4L, "MINOR_EXCLUDED", 1L), 1));
        // The unlogged decision has no country: every country's day shows it.
        assertThat(log.dailyCounts("US", GENAI, from, to)).containsExactly(
                new DailyDecisionCounts(LocalDate.of(2026, 2, 28), Map.of("PERMIT", 1L), Map.of("PERMITTED", 1L), 1));
        assertThat(log.dailyCounts(null, null, from, to)).extracting(DailyDecisionCounts::byDecision).containsExactly(
                Map.of("DENY", 1L), Map.of("DENY", 4L, "PERMIT", 2L));
        // [from, to): the first instant of day 2 is outside a window ending there.
        assertThat(log.dailyCounts("GB", GENAI, from, day2)).extracting(DailyDecisionCounts::day)
                .containsExactly(LocalDate.of(2026, 2, 27));
        assertThat(log.dailyCounts("FR", GENAI, from, day2)).isEmpty();
    }

    @Test
    void purgesWhatIsOlderThanTheRetention() {
        log(DecisionLogProperties.defaults().withRetention(Duration.ofDays(400))).start();
        log.record(decision("old", NOW.minus(Duration.ofDays(401)), "s", "GB", GENAI, "DENY", "X"));
        log.record(decision("older", NOW.minus(Duration.ofDays(900)), "s", "GB", GENAI, "DENY", "X"));
        log.record(decision("kept", NOW.minus(Duration.ofDays(399)), "s", "GB", GENAI, "DENY", "X"));
        clock.now = NOW.minus(Duration.ofDays(401));
        BatchRecorder old = log.startBatch("c", 1, "x");
        old.decided("GB", GENAI, "DENY", List.of("X"));
        old.finish(1, true);
        clock.now = NOW;
        BatchRecorder recent = log.startBatch("c", 1, "x");
        recent.decided("GB", GENAI, "DENY", List.of("X"));
        recent.finish(1, true);
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(log.purgeExpired()).isEqualTo(3);
        assertThat(log.decision("old")).isEmpty();
        assertThat(log.decision("older")).isEmpty();
        assertThat(log.decision("kept")).isPresent();
        assertThat(log.batch(old.id())).isEmpty();
        assertThat(log.batch(recent.id())).isPresent();
        assertThat(rows("jurist_decision_batch_count")).isEqualTo(1);
        assertThat(log.purgeExpired()).isZero();
    }

    @Test
    void recordsNothingWhenSwitchedOff() throws IOException {
        log(DecisionLogProperties.defaults().withEnabled(false)).start();
        log.record(decision("d-1"));
        BatchRecorder batch = log.startBatch("c", 1, "x");
        InputStream in = new ByteArrayInputStream(new byte[] {1});
        assertThat(batch.digesting(in)).isSameAs(in);
        batch.decided("GB", GENAI, "DENY", List.of("X"));
        batch.finish(1, true);
        assertThat(log.flush(Duration.ofSeconds(1))).isTrue();
        assertThat(rows("jurist_decision_log") + rows("jurist_decision_batch")).isZero();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
