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

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ChangeHistory(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Appends a change in the caller's transaction (or its own, if there is none); returns its record. */
    @Transactional(propagation = Propagation.REQUIRED)
    public HistoryRecord append(Change change) {
        Map<String, Object> head = jdbc.sql("select last_seq, last_hash from jurist_change_history_head where id = 1 "
                + "for update").query().singleRow();
        long seq = ((Number) head.get("last_seq")).longValue() + 1;
        String previous = (String) head.get("last_hash");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String detail = toJson(change.detail());
        String hash = ChainHash.of(seq, now, change.type().name(), change.actor(), change.subject(),
                change.jurisdictions(), change.purposes(), change.rulesetVersion(), change.processInstanceId(), detail,
                previous);
        jdbc.sql("insert into jurist_change_history (seq, recorded_at, change_type, actor, subject, jurisdictions, "
                        + "purposes, ruleset_version, process_instance_id, detail, previous_hash, record_hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(seq, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), change.type().name(), change.actor(),
                        change.subject(), String.join(",", change.jurisdictions()), String.join(",", change.purposes()),
                        change.rulesetVersion(), change.processInstanceId(), detail, previous, hash)
                .update();
        jdbc.sql("update jurist_change_history_head set last_seq = ?, last_hash = ? where id = 1")
                .params(seq, hash).update();
        return new HistoryRecord(seq, now, change.type().name(), change.actor(), change.subject(),
                change.jurisdictions(), change.purposes(), change.rulesetVersion(), change.processInstanceId(), detail,
                previous, hash);
    }

    /**
     * Appends a change in a transaction of its own, which commits even when the caller's rolls back: for
     * attempts that are refused (a proposal that does not compile) and so leave nothing else behind.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public HistoryRecord appendSeparately(Change change) {
        return append(change);
    }

    /**
     * Records in order of the chain, after a sequence number, optionally only those concerning a country
     * and purpose and recorded in [from, to).
     */
    public List<HistoryRecord> list(long after, int limit, String country, String purpose, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("select * from jurist_change_history where seq > :after");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("after", after);
        if (from != null) {
            sql.append(" and recorded_at >= :from");
            params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and recorded_at < :to");
            params.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        sql.append(" order by seq");
        List<HistoryRecord> found = new ArrayList<>();
        jdbc.sql(sql.toString()).params(params).query((RowCallbackHandler) rs -> {
            if (found.size() >= limit) {
                return;
            }
            HistoryRecord record = map(rs);
            if ((country == null || record.concerns(country))
                    && (purpose == null || record.purposes().isEmpty() || record.purposes().contains(purpose))) {
                found.add(record);
            }
        });
        return found;
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
        jdbc.sql("select * from jurist_change_history order by seq").query((RowCallbackHandler) rs -> walk.next(map(rs)));
        if (walk.broken == null && headSeq > walk.lastSeq) {
            walk.broken = new Verification.Broken(walk.lastSeq + 1, null, null, "The chain ends at record "
                    + walk.lastSeq + " but its head says " + headSeq + " records were written: records "
                    + (walk.lastSeq + 1) + " to " + headSeq + " were removed.");
        } else if (walk.broken == null && (headSeq < walk.lastSeq || !headHash.equals(walk.lastHash))) {
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

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private String toJson(Map<String, Object> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A change's detail must be writable as JSON", e);
        }
    }
}
