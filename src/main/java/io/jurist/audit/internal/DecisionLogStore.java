package io.jurist.audit.internal;

import io.jurist.audit.DecisionRecord;
import io.jurist.audit.LoggedBatch;
import io.jurist.audit.Pseudonymiser;
import io.jurist.audit.AgeBand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * The decision log's tables (migration V12), written in JDBC batches, one transaction per flush, and how a failed
 * write is told apart (the database's or a record's). {@link DecisionLogReads} reads them. Plain SQL that H2 and
 * PostgreSQL both run.
 */
public final class DecisionLogStore {

    static final int CLIENT_MAX = 128;
    static final int TEXT_MAX = 4000;

    /** The rehearsal's table: the decision log's shape, always empty but while a warm-up's rehearsal runs. */
    private static final String REHEARSAL_TABLE = "jurist_decision_log_rehearsal";
    private static final String INSERT_DECISION = insertDecision("jurist_decision_log");
    private static final String INSERT_REHEARSAL = insertDecision(REHEARSAL_TABLE);
    private static final String DELETE_REHEARSAL = "delete from " + REHEARSAL_TABLE + " where decision_id = ?";

    private static final String INSERT_BATCH = "insert into jurist_decision_batch (batch_id, client, started_at, "
            + "started_day, finished_at, status, line_count, decided_count, invalid_count, input_sha256, "
            + "ruleset_version, ruleset_revision, lines_logged, lines_unlogged) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?)";
    private static final String INSERT_COUNT = "insert into jurist_decision_batch_count (batch_id, country, purpose, "
            + "decision, reason_codes, decisions) values (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_GAP = "insert into jurist_decision_log_gap (gap_day, cause, first_at, last_at, "
            + "unlogged) values (?, ?, ?, ?, ?)";

    private static String insertDecision(String table) {
        return "insert into " + table + " (decision_id, batch_id, evaluated_at, evaluated_day, client, subject_hash, "
                + "country, region, purpose, consent, age_band, decided_for, decision, reason_codes, rules_fired, "
                + "ruleset_version, ruleset_revision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private final DataSource dataSource;

    public DecisionLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes decisions, batch summaries and gaps in one transaction: all of them or, on an exception, none. */
    void write(List<Object> records, List<Gaps.Gap> gaps, Pseudonymiser pseudonymiser) throws SQLException {
        inTransactions(connection -> insert(connection, records, gaps, pseudonymiser));
    }

    /**
     * Inserts decisions as {@link #write} does, with the same code, into a table of the same shape kept for this,
     * commits, then deletes them again and commits: the decision log's table is never touched and nothing is
     * kept. The start-up warm-up runs it so that the writer's first records under load are not written by code
     * still being compiled (the commit included, which a rolled-back transaction would not run).
     *
     * @return how many records were written and deleted again
     */
    int rehearse(List<DecisionRecord> decisions, Pseudonymiser pseudonymiser) throws SQLException {
        inTransactions(
                connection -> insertDecisions(connection, INSERT_REHEARSAL, List.<Object>copyOf(decisions),
                        pseudonymiser),
                connection -> {
                    try (PreparedStatement delete = connection.prepareStatement(DELETE_REHEARSAL)) {
                        for (DecisionRecord decision : decisions) {
                            delete.setString(1, decision.decisionId());
                            delete.addBatch();
                        }
                        delete.executeBatch();
                    }
                });
        return decisions.size();
    }

    /** Work in one transaction of its own. */
    private interface Transaction {
        void run(Connection connection) throws SQLException;
    }

    /** Runs each in a transaction of its own, in turn, on one connection; a failing one is rolled back. */
    private void inTransactions(Transaction... transactions) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Transaction transaction : transactions) {
                    transaction.run(connection);
                    connection.commit();
                }
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
            insertDecisions(connection, INSERT_DECISION, records, pseudonymiser);
        }
        if (anyBatch) {
            try (PreparedStatement batch = connection.prepareStatement(INSERT_BATCH);
                 PreparedStatement count = connection.prepareStatement(INSERT_COUNT)) {
                for (Object record : records) {
                    if (record instanceof LoggedBatch summary) {
                        try {
                            bind(batch, summary);
                        } catch (RuntimeException e) {
                            throw new StoreFailures.UnconvertibleRecordException(record, e);
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

    private static void insertDecisions(Connection connection, String sql, List<Object> records,
                                        Pseudonymiser pseudonymiser) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Object record : records) {
                if (record instanceof DecisionRecord decision) {
                    try {
                        bind(insert, decision, pseudonymiser);
                    } catch (RuntimeException e) {
                        throw new StoreFailures.UnconvertibleRecordException(record, e);
                    }
                    insert.addBatch();
                }
            }
            insert.executeBatch();
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

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** To the microsecond, truncated: what H2 and PostgreSQL keep (they would round). */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
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
}
