package io.jurist.engagement;

import static io.jurist.engagement.EngagementStore.instant;
import static io.jurist.engagement.EngagementStore.now;
import static io.jurist.engagement.EngagementStore.split;

import io.jurist.audit.Change;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.ChangeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Suspension and re-enablement requests, in the database, each step in the change history. */
@Repository
class JurisdictionChangeStore {

    private final JdbcClient jdbc;
    private final ChangeHistory history;

    JurisdictionChangeStore(JdbcClient jdbc, ChangeHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

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

    Optional<JurisdictionChange> change(String id) {
        return jdbc.sql("select * from jurist_jurisdiction_change where id = ?").param(id)
                .query(JurisdictionChangeStore::change).optional();
    }

    List<JurisdictionChange> changes(ChangeKind kind) {
        return jdbc.sql("select * from jurist_jurisdiction_change where kind = ? order by created_at desc")
                .param(kind.name()).query(JurisdictionChangeStore::change).list();
    }

    List<JurisdictionChange> changesOfEngagement(String engagementId) {
        return jdbc.sql("select * from jurist_jurisdiction_change where engagement_id = ? order by created_at")
                .param(engagementId).query(JurisdictionChangeStore::change).list();
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
}
