package io.jurist.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The decision log's tables (migration V12): writes in JDBC batches, one transaction per flush, and the reads the
 * log offers. Plain SQL that H2 and PostgreSQL both run.
 */
final class DecisionLogStore {

    static final int CLIENT_MAX = 128;
    static final int TEXT_MAX = 4000;

    private static final String INSERT_DECISION = "insert into jurist_decision_log (decision_id, batch_id, evaluated_at, "
            + "evaluated_day, client, subject_hash, country, region, purpose, consent, age_band, decided_for, decision, "
            + "reason_codes, rules_fired, ruleset_version, ruleset_revision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?)";
    private static final String INSERT_BATCH = "insert into jurist_decision_batch (batch_id, client, started_at, "
            + "started_day, finished_at, status, line_count, decided_count, invalid_count, input_sha256, "
            + "ruleset_version, ruleset_revision, lines_logged, lines_unlogged) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?)";
    private static final String INSERT_COUNT = "insert into jurist_decision_batch_count (batch_id, country, purpose, "
            + "decision, reason_codes, decisions) values (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_GAP = "insert into jurist_decision_log_gap (gap_day, cause, first_at, last_at, "
            + "unlogged) values (?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    DecisionLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Writes decisions, batch summaries and gaps in one transaction: all of them or, on an exception, none. */
    void write(List<Object> records, List<Gaps.Gap> gaps, Pseudonymiser pseudonymiser) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                insert(connection, records, gaps, pseudonymiser);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Whether the database takes a transaction now (a valid, writable connection). */
    boolean accepting() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(5) && !connection.isReadOnly();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void insert(Connection connection, List<Object> records, List<Gaps.Gap> gaps,
                               Pseudonymiser pseudonymiser) throws SQLException {
        boolean anyDecision = false;
        boolean anyBatch = false;
        for (Object record : records) {
            anyDecision |= record instanceof DecisionRecord;
            anyBatch |= record instanceof LoggedBatch;
        }
        if (anyDecision) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_DECISION)) {
                for (Object record : records) {
                    if (record instanceof DecisionRecord decision) {
                        try {
                            bind(insert, decision, pseudonymiser);
                        } catch (RuntimeException e) {
                            throw new UnconvertibleRecordException(record, e);
                        }
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        if (anyBatch) {
            try (PreparedStatement batch = connection.prepareStatement(INSERT_BATCH);
                 PreparedStatement count = connection.prepareStatement(INSERT_COUNT)) {
                for (Object record : records) {
                    if (record instanceof LoggedBatch summary) {
                        try {
                            bind(batch, summary);
                        } catch (RuntimeException e) {
                            throw new UnconvertibleRecordException(record, e);
                        }
                        batch.addBatch();
                        for (LoggedBatch.Count c : summary.counts()) {
                            count.setString(1, summary.batchId());
                            count.setString(2, c.country());
                            count.setString(3, c.purpose());
                            count.setString(4, c.decision());
                            count.setString(5, cut(String.join(",", c.reasonCodes()), TEXT_MAX));
                            count.setLong(6, c.decisions());
                            count.addBatch();
                        }
                    }
                }
                // The summaries first: their counts refer to them.
                batch.executeBatch();
                count.executeBatch();
            }
        }
        if (!gaps.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_GAP)) {
                for (Gaps.Gap gap : gaps) {
                    insert.setObject(1, gap.day());
                    insert.setString(2, gap.cause().name());
                    insert.setObject(3, utc(gap.first()));
                    insert.setObject(4, utc(gap.last()));
                    insert.setLong(5, gap.count());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, DecisionRecord d, Pseudonymiser pseudonymiser)
            throws SQLException {
        insert.setString(1, d.decisionId());
        insert.setString(2, d.batchId());
        insert.setObject(3, utc(d.evaluatedAt()));
        insert.setObject(4, LocalDate.ofInstant(d.evaluatedAt(), ZoneOffset.UTC));
        insert.setString(5, client(d.client()));
        insert.setString(6, pseudonymiser.pseudonym(d.subjectId()));
        insert.setString(7, d.country());
        insert.setString(8, d.region());
        insert.setString(9, d.purpose());
        insert.setString(10, d.consent());
        insert.setString(11, AgeBand.of(d.age()));
        insert.setObject(12, utc(d.at()));
        insert.setString(13, d.decision());
        insert.setString(14, cut(String.join(",", d.reasonCodes()), TEXT_MAX));
        insert.setString(15, cut(joinRules(d.rulesFired()), TEXT_MAX));
        insert.setInt(16, d.rulesetVersion());
        insert.setString(17, d.rulesetRevision());
    }

    private static void bind(PreparedStatement insert, LoggedBatch b) throws SQLException {
        insert.setString(1, b.batchId());
        insert.setString(2, client(b.client()));
        insert.setObject(3, utc(b.startedAt()));
        insert.setObject(4, LocalDate.ofInstant(b.startedAt(), ZoneOffset.UTC));
        insert.setObject(5, utc(b.finishedAt()));
        insert.setString(6, b.status());
        insert.setLong(7, b.lines());
        insert.setLong(8, b.decided());
        insert.setLong(9, b.invalid());
        insert.setString(10, b.inputSha256());
        insert.setInt(11, b.ruleset().version());
        insert.setString(12, b.ruleset().revision());
        insert.setBoolean(13, b.linesLogged());
        insert.setLong(14, b.linesUnlogged());
    }

    /** A record that cannot be turned into a row (a value outside what the columns hold), whatever the database. */
    static final class UnconvertibleRecordException extends RuntimeException {
        UnconvertibleRecordException(Object record, RuntimeException cause) {
            super("Cannot convert " + record + " into a row: " + cause, cause);
        }
    }

    /**
     * True when the failure says the database (or the way to it) failed rather than anything written: no connection
     * (SQLSTATE class 08, or the driver's or the pool's connection exceptions), a transaction rolled back by the
     * database (40), insufficient resources (53), operator intervention (57), a system error (58). Retrying the same
     * records later may succeed. Anything else may be the records' fault, and is narrowed down to the record.
     */
    static boolean databaseFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnconvertibleRecordException) {
                return false;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && state.length() == 5 && List.of("08", "40", "53", "57", "58")
                            .contains(state.substring(0, 2))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when a record could not be converted into a row: a fault of the record whatever the database does. */
    static boolean unconvertible(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnconvertibleRecordException) {
                return true;
            }
        }
        return false;
    }

    /** What a failure was, for logs and health: its type and SQLSTATE, never the data. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getClass().getSimpleName() + " (SQLSTATE " + sql.getSQLState() + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getClass().getSimpleName() + (root == failure ? "" : ": " + root.getClass().getSimpleName());
    }

    /** True when the database refused the data itself (SQLSTATE class 22 or 23), so a retry cannot succeed. */
    static boolean refusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // Reads

    Optional<LoggedDecision> decision(String id) {
        return jdbc.sql("select * from jurist_decision_log where decision_id = ?").param(id)
                .query(DecisionLogStore::decision).optional();
    }

    Optional<LoggedBatch> batch(String id) {
        List<LoggedBatch.Count> counts = jdbc.sql("select country, purpose, decision, reason_codes, decisions "
                        + "from jurist_decision_batch_count where batch_id = ? "
                        + "order by country, purpose, decision, reason_codes").param(id)
                .query((rs, row) -> new LoggedBatch.Count(rs.getString(1), rs.getString(2), rs.getString(3),
                        split(rs.getString(4), ","), rs.getLong(5))).list();
        return jdbc.sql("select * from jurist_decision_batch where batch_id = ?").param(id)
                .query((rs, row) -> new LoggedBatch(rs.getString("batch_id"), rs.getString("client"),
                        instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("status"),
                        rs.getLong("line_count"), rs.getLong("decided_count"), rs.getLong("invalid_count"),
                        rs.getString("input_sha256"),
                        new LoggedDecision.RulesetRef(rs.getInt("ruleset_version"), rs.getString("ruleset_revision")),
                        rs.getBoolean("lines_logged"), rs.getLong("lines_unlogged"), counts))
                .optional();
    }

    private static LoggedDecision decision(ResultSet rs, int row) throws SQLException {
        return new LoggedDecision(rs.getString("decision_id"), rs.getString("batch_id"), instant(rs, "evaluated_at"),
                rs.getString("client"), rs.getString("subject_hash"), rs.getString("country"), rs.getString("region"),
                rs.getString("purpose"), rs.getString("consent"), rs.getString("age_band"), instant(rs, "decided_for"),
                rs.getString("decision"), split(rs.getString("reason_codes"), ","),
                split(rs.getString("rules_fired"), "\n"),
                new LoggedDecision.RulesetRef(rs.getInt("ruleset_version"), rs.getString("ruleset_revision")));
    }

    /** Counts per day: single decisions, batch summaries (not their per-line records) and gaps. */
    List<DailyDecisionCounts> dailyCounts(String country, String purpose, Instant from, Instant to) {
        Map<LocalDate, Long> unlogged = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> byDecision = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> byReason = new TreeMap<>();
        StringBuilder single = new StringBuilder("select evaluated_day, decision, reason_codes, count(*) "
                + "from jurist_decision_log where batch_id is null and evaluated_at >= ? and evaluated_at < ?");
        StringBuilder batches = new StringBuilder("select b.started_day, c.decision, c.reason_codes, sum(c.decisions) "
                + "from jurist_decision_batch_count c join jurist_decision_batch b on b.batch_id = c.batch_id "
                + "where b.started_at >= ? and b.started_at < ?");
        List<Object> params = new ArrayList<>(List.of(utc(from), utc(to)));
        if (country != null) {
            single.append(" and country = ?");
            batches.append(" and c.country = ?");
            params.add(country);
        }
        if (purpose != null) {
            single.append(" and purpose = ?");
            batches.append(" and c.purpose = ?");
            params.add(purpose);
        }
        single.append(" group by evaluated_day, decision, reason_codes");
        batches.append(" group by b.started_day, c.decision, c.reason_codes");
        for (String sql : List.of(single.toString(), batches.toString())) {
            jdbc.sql(sql).params(params).query(rs -> {
                LocalDate day = rs.getObject(1, LocalDate.class);
                long n = rs.getLong(4);
                byDecision.computeIfAbsent(day, d -> new TreeMap<>()).merge(rs.getString(2), n, Long::sum);
                Map<String, Long> reasons = byReason.computeIfAbsent(day, d -> new TreeMap<>());
                for (String code : split(rs.getString(3), ",")) {
                    reasons.merge(code, n, Long::sum);
                }
            });
        }
        jdbc.sql("select gap_day, sum(unlogged) from jurist_decision_log_gap where first_at >= ? and first_at < ? "
                        + "group by gap_day").params(utc(from), utc(to))
                .query(rs -> {
                    unlogged.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                });
        java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>(byDecision.keySet());
        days.addAll(unlogged.keySet());
        List<DailyDecisionCounts> result = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            result.add(new DailyDecisionCounts(day, Map.copyOf(byDecision.getOrDefault(day, Map.of())),
                    Map.copyOf(byReason.getOrDefault(day, Map.of())),
                    unlogged.getOrDefault(day, 0L)));
        }
        return result;
    }

    /** Deletes every record evaluated (a batch: started) before the cutoff, a day at a time; returns how many. */
    long purge(Instant cutoff) {
        long deleted = 0;
        Instant oldest = jdbc.sql("select min(evaluated_at) from jurist_decision_log")
                .query((rs, row) -> {
                    OffsetDateTime time = rs.getObject(1, OffsetDateTime.class);
                    return time == null ? null : time.toInstant();
                }).single();
        // One day per statement keeps each transaction (and PostgreSQL's lock and WAL burst) bounded.
        for (Instant bound = oldest; bound != null && bound.isBefore(cutoff); ) {
            bound = bound.plus(1, ChronoUnit.DAYS);
            if (bound.isAfter(cutoff)) {
                bound = cutoff;
            }
            deleted += jdbc.sql("delete from jurist_decision_log where evaluated_at < ?").param(utc(bound)).update();
        }
        OffsetDateTime before = utc(cutoff);
        jdbc.sql("delete from jurist_decision_batch_count where batch_id in "
                + "(select batch_id from jurist_decision_batch where started_at < ?)").param(before).update();
        deleted += jdbc.sql("delete from jurist_decision_batch where started_at < ?").param(before).update();
        deleted += jdbc.sql("delete from jurist_decision_log_gap where first_at < ?").param(before).update();
        return deleted;
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** To the microsecond, truncated: what H2 and PostgreSQL keep (they would round). */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static String client(String client) {
        return cut(client == null || client.isBlank() ? "(unknown)" : client, CLIENT_MAX);
    }

    private static String joinRules(List<String> rules) {
        if (rules.size() == 1) {
            return rules.get(0);
        }
        StringBuilder text = new StringBuilder();
        for (String rule : rules) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            // A rule name is one line; keep the separator unambiguous whatever it holds.
            text.append(rule == null ? "" : rule.replace('\n', ' '));
        }
        return text.toString();
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator, -1));
    }
}
