package io.jurist.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only, hash-chained history of every change: proposals, validations, impact, approvals and
 * rejections, activations, suspensions, re-enablements and engagement steps.
 *
 * <p>A change is appended in the transaction that makes it, so a record exists exactly when its change
 * committed. Appending locks the chain's head row: appends from every node form one chain in commit
 * order. Nothing in the service updates or deletes a record; {@link #verify()} shows whether anyone did.
 */
@Repository
public class ChangeHistory {

    /** The detail column's size. */
    private static final int MAX_DETAIL = 100_000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ChangeHistory(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Appends a change in the caller's transaction (or its own, if there is none). The record is written
     * just before that transaction commits, so the chain's head row is locked only for the inserts, not
     * through the rest of the work (compiling rules, impact analysis, the engine's own writes), and a
     * change that rolls back leaves no record.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void append(Change change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(change));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Change> pending = (List<Change>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Change> queued = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, queued);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    TransactionSynchronizationManager.unbindResource(ChangeHistory.this);
                    write(queued);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ChangeHistory.this);
                }
            });
            pending = queued;
        }
        pending.add(change);
    }

    /** Writes changes at the head of the chain, in order, in the current transaction. */
    private void write(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Object> head = jdbc.sql("select last_seq, last_hash from jurist_change_history_head where id = 1 "
                + "for update").query().singleRow();
        long seq = ((Number) head.get("last_seq")).longValue();
        String previous = (String) head.get("last_hash");
        for (Change change : changes) {
            seq++;
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String detail = toJson(change.detail());
            String hash = ChainHash.of(seq, now, change.type().name(), change.actor(), change.subject(),
                    change.jurisdictions(), change.purposes(), change.rulesetVersion(), change.processInstanceId(),
                    detail, previous);
            jdbc.sql("insert into jurist_change_history (seq, recorded_at, change_type, actor, subject, jurisdictions, "
                            + "purposes, ruleset_version, process_instance_id, detail, previous_hash, record_hash) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(seq, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), change.type().name(),
                            truncate(change.actor(), 256), truncate(change.subject(), 256),
                            String.join(",", change.jurisdictions()), String.join(",", change.purposes()),
                            change.rulesetVersion(), change.processInstanceId(), detail, previous, hash)
                    .update();
            previous = hash;
        }
        jdbc.sql("update jurist_change_history_head set last_seq = ?, last_hash = ? where id = 1")
                .params(seq, previous).update();
    }

    /**
     * Appends a change in a transaction of its own, which commits even when the caller's rolls back: for
     * attempts that are refused (a proposal that does not compile) and so leave nothing else behind.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void appendSeparately(Change change) {
        append(change);
    }

    /**
     * Records in order of the chain, after a sequence number, optionally only those concerning a country
     * and purpose and recorded in [from, to).
     */
    public List<HistoryRecord> list(long after, int limit, String country, String purpose, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("select * from jurist_change_history where seq > :after");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("after", after);
        if (country != null) {
            // The lists are stored comma-separated: match a whole entry.
            sql.append(" and (',' || jurisdictions || ',') like :country");
            params.put("country", "%," + country + ",%");
        }
        if (purpose != null) {
            sql.append(" and (purposes = '' or (',' || purposes || ',') like :purpose)");
            params.put("purpose", "%," + purpose + ",%");
        }
        if (from != null) {
            sql.append(" and recorded_at >= :from");
            params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and recorded_at < :to");
            params.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        sql.append(" order by seq fetch first ").append(Math.max(1, limit)).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> map(rs)).list();
    }

    /** The number of the last record, 0 for an empty history. */
    public long lastSeq() {
        return jdbc.sql("select last_seq from jurist_change_history_head where id = 1").query(Long.class).single();
    }

    /** Recomputes the whole chain and names the first record that does not hold. */
    public Verification verify() {
        Map<String, Object> head = jdbc.sql("select last_seq, last_hash from jurist_change_history_head where id = 1")
                .query().singleRow();
        long headSeq = ((Number) head.get("last_seq")).longValue();
        String headHash = (String) head.get("last_hash");
        Instant started = clock.instant();
        ChainWalk walk = new ChainWalk();
        // Up to the head as read: records appended while the check runs are the next check's business.
        jdbc.sql("select * from jurist_change_history where seq <= ? order by seq").param(headSeq)
                .query((RowCallbackHandler) rs -> walk.next(map(rs)));
        // In one statement, so that an append committing meanwhile (its record and the head together) is
        // never mistaken for a record added behind the head's back.
        long beyondHead = jdbc.sql("select count(*) from jurist_change_history where seq > "
                + "(select last_seq from jurist_change_history_head where id = 1)").query(Long.class).single();
        if (walk.broken == null && beyondHead > 0) {
            walk.broken = new Verification.Broken(walk.lastSeq + 1, null, null, beyondHead + " record(s) stand "
                    + "after the chain's head: they were inserted without going through the service.");
        } else if (walk.broken == null && headSeq > walk.lastSeq) {
            walk.broken = new Verification.Broken(walk.lastSeq + 1, null, null, "The chain ends at record "
                    + walk.lastSeq + " but its head says " + headSeq + " records were written: records "
                    + (walk.lastSeq + 1) + " to " + headSeq + " were removed.");
        } else if (walk.broken == null && !headHash.equals(walk.lastHash)) {
            walk.broken = new Verification.Broken(Math.min(headSeq + 1, walk.lastSeq), null, null,
                    "The chain's head (record " + headSeq + ", " + headHash + ") does not match its last record ("
                            + walk.lastSeq + ", " + walk.lastHash + "): the head or the last records were altered.");
        }
        return new Verification(walk.broken == null, walk.count, walk.lastSeq, walk.lastHash, started, walk.broken);
    }

    /** Walks the records in order, remembering the first that breaks the chain. */
    private static final class ChainWalk {
        long count;
        long lastSeq;
        String lastHash = ChainHash.GENESIS;
        Verification.Broken broken;

        void next(HistoryRecord record) {
            count++;
            if (broken == null) {
                check(record);
            }
            lastSeq = record.seq();
            lastHash = record.hash();
        }

        private void check(HistoryRecord record) {
            if (record.seq() != lastSeq + 1) {
                broken = new Verification.Broken(lastSeq + 1, null, null, record.seq() > lastSeq + 1
                        ? "Record " + (lastSeq + 1) + (record.seq() > lastSeq + 2 ? " to " + (record.seq() - 1) : "")
                                + " is missing: record " + lastSeq + " is followed by record " + record.seq() + "."
                        : "Record " + record.seq() + " is out of order after record " + lastSeq + ".");
            } else if (!record.previousHash().equals(lastHash)) {
                broken = new Verification.Broken(record.seq(), record.type(), record.recordedAt(),
                        "Record " + record.seq() + " does not carry the hash of record " + lastSeq
                                + ": a record was replaced or inserted.");
            } else if (!ChainHash.of(record).equals(record.hash())) {
                broken = new Verification.Broken(record.seq(), record.type(), record.recordedAt(),
                        "Record " + record.seq() + "'s contents do not match its hash: it was edited after it was "
                                + "written.");
            }
        }
    }

    private static HistoryRecord map(ResultSet rs) throws SQLException {
        int version = rs.getInt("ruleset_version");
        Integer rulesetVersion = rs.wasNull() ? null : version;
        return new HistoryRecord(rs.getLong("seq"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("change_type"), rs.getString("actor"), rs.getString("subject"),
                split(rs.getString("jurisdictions")), split(rs.getString("purposes")), rulesetVersion,
                rs.getString("process_instance_id"), rs.getString("detail"), rs.getString("previous_hash"),
                rs.getString("record_hash"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private String toJson(Map<String, Object> detail) {
        try {
            String text = json.writeValueAsString(detail);
            if (text.length() > MAX_DETAIL) {
                // Whatever a caller sent (a long comment, a thousand compile errors), the change itself must
                // not fail for want of room: the record keeps the start of it, and says so.
                return json.writeValueAsString(Map.of("truncated", true, "length", text.length(),
                        "start", text.substring(0, MAX_DETAIL - 1000)));
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A change's detail must be writable as JSON", e);
        }
    }
}
