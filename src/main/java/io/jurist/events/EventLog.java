package io.jurist.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appends events in the caller's transaction, so an event exists exactly when its change committed. */
@Repository
public class EventLog {

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(EventType type, Integer rulesetVersion, List<String> jurisdictions, List<String> purposes,
                       String reference, String details) {
        jdbc.sql("insert into jurist_event (type, occurred_at, ruleset_version, jurisdictions, purposes, reference, "
                        + "details) values (?, ?, ?, ?, ?, ?, ?)")
                .params(type.name(), OffsetDateTime.now(ZoneOffset.UTC), rulesetVersion, String.join(",", jurisdictions),
                        String.join(",", purposes), reference, details)
                .update();
    }

    /** Events after the cursor, oldest first. */
    public List<Event> after(long cursor, int limit) {
        return jdbc.sql("select * from jurist_event where cursor_id > ? order by cursor_id fetch first " + limit
                        + " rows only")
                .param(cursor).query(EventLog::map).list();
    }

    /** Events of a type that concern a country, oldest first. */
    public List<Event> concerning(EventType type, String country) {
        return jdbc.sql("select * from jurist_event where type = ? order by cursor_id").param(type.name())
                .query(EventLog::map).list().stream().filter(e -> e.jurisdictions().contains(country)).toList();
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt("ruleset_version");
        Integer rulesetVersion = rs.wasNull() ? null : version;
        return new Event(rs.getLong("cursor_id"), EventType.valueOf(rs.getString("type")),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rulesetVersion,
                split(rs.getString("jurisdictions")), split(rs.getString("purposes")), rs.getString("reference"),
                rs.getString("details"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

}
