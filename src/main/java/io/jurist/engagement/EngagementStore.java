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

/** Engagements, their correspondence, and suspension and re-enablement requests, in the database. */
@Repository
public class EngagementStore {

    private final JdbcClient jdbc;
    private final ChangeHistory history;

    EngagementStore(JdbcClient jdbc, ChangeHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    private static OffsetDateTime now() {
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

    // --- suspensions and re-enablements

    void insertChange(String id, ChangeKind kind, List<String> jurisdictions, String purpose, String consentModel,
                      String reason, String engagementId, String requestedBy) {
        jdbc.sql("insert into jurist_jurisdiction_change (id, kind, jurisdictions, purpose, consent_model, reason, "
                        + "engagement_id, requested_by, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?)")
                .params(id, kind.name(), String.join(",", jurisdictions), purpose, consentModel, reason, engagementId,
                        requestedBy, now()).update();
        history.append(Change.of(kind == ChangeKind.SUSPENSION ? ChangeType.SUSPENSION_REQUESTED
                        : ChangeType.REENABLEMENT_REQUESTED, requestedBy, "change:" + id)
                .concerning(jurisdictions, List.of(purpose)).with("reason", reason)
                .with("consentModel", consentModel).with("engagementId", engagementId));
    }

    void linkChangeProcess(String id, String processInstanceId) {
        jdbc.sql("update jurist_jurisdiction_change set process_instance_id = ? where id = ?")
                .params(processInstanceId, id).update();
    }

    void changeBuilt(String id, int rulesetVersion) {
        jdbc.sql("update jurist_jurisdiction_change set ruleset_version = ? where id = ?").params(rulesetVersion, id)
                .update();
    }

    void completeChange(JurisdictionChange change, String status, String reason) {
        jdbc.sql("update jurist_jurisdiction_change set status = ?, status_reason = ?, completed_at = ? where id = ?")
                .params(status, reason, now(), change.id()).update();
        history.append(Change.of("ACTIVE".equals(status) ? ChangeType.JURISDICTION_CHANGE_ACTIVE
                        : ChangeType.JURISDICTION_CHANGE_ENDED, "jurist", "change:" + change.id())
                .concerning(change.jurisdictions(), List.of(change.purpose()))
                .withVersion(change.rulesetVersion()).withProcess(change.processInstanceId())
                .with("kind", change.kind().name()).with("status", status).with("reason", reason)
                .with("consentModel", change.consentModel()).with("requestedBy", change.requestedBy())
                .with("engagementId", change.engagementId()));
    }

    public Optional<JurisdictionChange> change(String id) {
        return jdbc.sql("select * from jurist_jurisdiction_change where id = ?").param(id)
                .query(EngagementStore::change).optional();
    }

    public List<JurisdictionChange> changes(ChangeKind kind) {
        return jdbc.sql("select * from jurist_jurisdiction_change where kind = ? order by created_at desc")
                .param(kind.name()).query(EngagementStore::change).list();
    }

    public List<JurisdictionChange> changesOfEngagement(String engagementId) {
        return jdbc.sql("select * from jurist_jurisdiction_change where engagement_id = ? order by created_at")
                .param(engagementId).query(EngagementStore::change).list();
    }

    /** Requests of a kind still waiting for their process, touching any of the countries for the purpose. */
    List<JurisdictionChange> pending(ChangeKind kind, String purpose, List<String> countries) {
        return changes(kind).stream().filter(c -> c.status().equals("REQUESTED") && c.purpose().equals(purpose)
                && c.jurisdictions().stream().anyMatch(countries::contains)).toList();
    }

    private static JurisdictionChange change(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt("ruleset_version");
        Integer rulesetVersion = rs.wasNull() ? null : version;
        return new JurisdictionChange(rs.getString("id"), ChangeKind.valueOf(rs.getString("kind")),
                split(rs.getString("jurisdictions")), rs.getString("purpose"), rs.getString("consent_model"),
                rs.getString("reason"), rs.getString("engagement_id"), rs.getString("requested_by"),
                rs.getString("status"), rs.getString("status_reason"), rulesetVersion,
                rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "completed_at"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
