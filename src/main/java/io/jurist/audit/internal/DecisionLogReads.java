package io.jurist.audit.internal;

import static io.jurist.audit.internal.DecisionLogStore.utc;

import io.jurist.audit.LoggedBatch;
import io.jurist.audit.LoggedDecision;
import io.jurist.audit.DailyDecisionCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * The decision log's tables as the log reads them back ({@link DecisionLogStore} writes them): a decision, a batch,
 * counts per day, and the purge of what is past the retention.
 */
public final class DecisionLogReads implements StoredRecords {

    private final JdbcClient jdbc;

    public DecisionLogReads(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public Optional<LoggedDecision> decision(String id) {
        return jdbc.sql("select * from jurist_decision_log where decision_id = ?").param(id)
                .query(DecisionLogReads::decision).optional();
    }

    @Override
    public Optional<LoggedBatch> batch(String id) {
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
    @Override
    public List<DailyDecisionCounts> dailyCounts(String country, String purpose, Instant from, Instant to) {
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
    @Override
    public long purge(Instant cutoff) {
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


    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator, -1));
    }
}
