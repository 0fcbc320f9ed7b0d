package io.jurist.engagement;

import io.jurist.audit.Change;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.ChangeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Engagements and their correspondence, in the database; and, for other modules, the suspension and re-enablement
 * requests that {@link JurisdictionChangeStore} keeps.
 */
@Repository
public class EngagementStore {

    private final JdbcClient jdbc;
    private final ChangeHistory history;
    private final JurisdictionChangeStore changes;

    EngagementStore(JdbcClient jdbc, ChangeHistory history, JurisdictionChangeStore changes) {
        this.jdbc = jdbc;
        this.history = history;
        this.changes = changes;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    // --- engagements

    void insertEngagement(String id, String regulator, List<String> jurisdictions, String purpose, String summary,
                          String requestedBy) {
        jdbc.sql("insert into jurist_engagement (id, regulator, jurisdictions, purpose, summary, status, requested_by, "
                        + "created_at) values (?, ?, ?, ?, ?, 'OPEN', ?, ?)")
                .params(id, regulator, String.join(",", jurisdictions), purpose, summary, requestedBy, now()).update();
        history.append(Change.of(ChangeType.ENGAGEMENT_OPENED, requestedBy, "engagement:" + id)
                .concerning(jurisdictions, List.of(purpose)).with("regulator", regulator).with("summary", summary));
    }

    void linkEngagementProcess(String id, String processInstanceId) {
        jdbc.sql("update jurist_engagement set process_instance_id = ? where id = ?").params(processInstanceId, id)
                .update();
    }

    void closeEngagement(String id, String outcome, String comment, String closedBy) {
        jdbc.sql("update jurist_engagement set status = 'CLOSED', outcome = ?, outcome_comment = ?, closed_at = ? "
                + "where id = ?").params(outcome, comment, now(), id).update();
        Engagement engagement = engagement(id).orElseThrow();
        history.append(Change.of(ChangeType.ENGAGEMENT_CLOSED, closedBy, "engagement:" + id)
                .concerning(engagement.jurisdictions(), List.of(engagement.purpose()))
                .withProcess(engagement.processInstanceId())
                .with("regulator", engagement.regulator()).with("outcome", outcome).with("comment", comment));
    }

    public Optional<Engagement> engagement(String id) {
        return jdbc.sql("select * from jurist_engagement where id = ?").param(id).query(EngagementStore::engagement)
                .optional();
    }

    public List<Engagement> engagements() {
        return jdbc.sql("select * from jurist_engagement order by created_at desc").query(EngagementStore::engagement)
                .list();
    }

    private static Engagement engagement(ResultSet rs, int row) throws SQLException {
        return new Engagement(rs.getString("id"), rs.getString("regulator"), split(rs.getString("jurisdictions")),
                rs.getString("purpose"), rs.getString("summary"), rs.getString("status"), rs.getString("outcome"),
                rs.getString("outcome_comment"), rs.getString("requested_by"), rs.getString("process_instance_id"),
                instant(rs, "created_at"), instant(rs, "closed_at"));
    }

    // --- correspondence

    void insertCorrespondence(Engagement engagement, String direction, LocalDate occurredOn, String summary,
                              String regulatorPosition, String recordedBy) {
        jdbc.sql("insert into jurist_correspondence (engagement_id, direction, occurred_on, summary, regulator_position, "
                        + "recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(engagement.id(), direction, occurredOn, summary, regulatorPosition, recordedBy, now()).update();
        history.append(Change.of(ChangeType.CORRESPONDENCE_RECORDED, recordedBy, "engagement:" + engagement.id())
                .concerning(engagement.jurisdictions(), List.of(engagement.purpose()))
                .withProcess(engagement.processInstanceId())
                .with("regulator", engagement.regulator()).with("direction", direction)
                .with("occurredOn", occurredOn.toString()).with("summary", summary)
                .with("regulatorPosition", regulatorPosition));
    }

    public List<Correspondence> correspondence(String engagementId) {
        return jdbc.sql("select * from jurist_correspondence where engagement_id = ? order by id").param(engagementId)
                .query((rs, row) -> new Correspondence(rs.getLong("id"), rs.getString("engagement_id"),
                        rs.getString("direction"), rs.getObject("occurred_on", LocalDate.class),
                        rs.getString("summary"), rs.getString("regulator_position"), rs.getString("recorded_by"),
                        instant(rs, "recorded_at")))
                .list();
    }

    // --- suspensions and re-enablements, for other modules (JurisdictionChangeStore keeps them)

    public Optional<JurisdictionChange> change(String id) {
        return changes.change(id);
    }

    public List<JurisdictionChange> changes(ChangeKind kind) {
        return changes.changes(kind);
    }

    public List<JurisdictionChange> changesOfEngagement(String engagementId) {
        return changes.changesOfEngagement(engagementId);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
