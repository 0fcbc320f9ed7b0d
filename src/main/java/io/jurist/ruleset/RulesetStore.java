package io.jurist.ruleset;

import io.jurist.audit.Change;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.ChangeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Ruleset versions in the database: stored whole, never edited, one of them active. */
@Repository
public class RulesetStore {

    private static final String COLUMNS = "v.version, v.revision, v.status, v.summary, v.proposed_by, "
            + "v.base_version, v.created_at, v.activated_at, v.activated_by, v.process_instance_id, v.change_kind, "
            + "v.status_reason";

    private final JdbcClient jdbc;
    private final ChangeHistory history;

    RulesetStore(JdbcClient jdbc, ChangeHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /** Stores a new version with its files and returns its number. */
    @Transactional
    public int insert(RulesetFiles files, RulesetStatus status, String summary, String proposedBy,
                      Integer baseVersion) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from jurist_ruleset_version")
                .query(Integer.class).single();
        jdbc.sql("insert into jurist_ruleset_version (version, revision, status, summary, proposed_by, "
                        + "base_version, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(version, files.revision(), status.name(), summary, proposedBy, baseVersion, now())
                .update();
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            jdbc.sql("insert into jurist_ruleset_file (version, path, content) values (?, ?, ?)")
                    .params(version, file.getKey(), file.getValue()).update();
        }
        return version;
    }

    /** Stores the first version of an empty database and makes it active. */
    @Transactional
    public int insertInitial(RulesetFiles files, String activatedBy) {
        int version = insert(files, RulesetStatus.PROPOSED, "Initial rules from the rules/ directory",
                activatedBy, null);
        OffsetDateTime now = now();
        jdbc.sql("insert into jurist_active_ruleset (id, version, activated_at) values (1, ?, ?)")
                .params(version, now).update();
        markActive(version, now, activatedBy);
        history.append(Change.of(ChangeType.VERSION_ACTIVATED, activatedBy, "ruleset:" + version).withVersion(version)
                .with("revision", files.revision()).with("summary", "Initial rules from the rules/ directory")
                .with("files", List.copyOf(files.files().keySet())));
        return version;
    }

    /**
     * Makes a version active if the active version is still the expected one.
     *
     * @return false when another version was activated in between
     */
    @Transactional
    public boolean activate(int version, int expectedActive, String activatedBy) {
        OffsetDateTime now = now();
        int updated = jdbc.sql("update jurist_active_ruleset set version = ?, activated_at = ? "
                        + "where id = 1 and version = ?")
                .params(version, now, expectedActive).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("update jurist_ruleset_version set status = ? where version = ?")
                .params(RulesetStatus.SUPERSEDED.name(), expectedActive).update();
        markActive(version, now, activatedBy);
        return true;
    }

    private void markActive(int version, OffsetDateTime at, String activatedBy) {
        jdbc.sql("update jurist_ruleset_version set status = ?, activated_at = ?, activated_by = ? where version = ?")
                .params(RulesetStatus.ACTIVE.name(), at, activatedBy, version).update();
    }

    /** Ends a version that never became active (rejected, failed), saying why. */
    public void close(int version, RulesetStatus status, String reason) {
        jdbc.sql("update jurist_ruleset_version set status = ?, status_reason = ? where version = ? and status = ?")
                .params(status.name(), reason, version, RulesetStatus.PROPOSED.name()).update();
    }

    /** Records the impact analysis of a proposed version. */
    public void recordImpact(int version, String changeKind, String impactJson) {
        jdbc.sql("update jurist_ruleset_version set change_kind = ?, impact = ? where version = ?")
                .params(changeKind, impactJson, version).update();
    }

    /** The stored impact analysis of a version, as JSON, if it has one. */
    public Optional<String> impactJson(int version) {
        return jdbc.sql("select impact from jurist_ruleset_version where version = ? and impact is not null")
                .param(version).query(String.class).optional();
    }

    /** Links a proposed version to the process that governs it. */
    public void linkProcess(int version, String processInstanceId) {
        jdbc.sql("update jurist_ruleset_version set process_instance_id = ? where version = ?")
                .params(processInstanceId, version).update();
    }

    /** The number of the active version, if there is one. */
    public Optional<Integer> activeVersion() {
        return jdbc.sql("select version from jurist_active_ruleset where id = 1").query(Integer.class).optional();
    }

    public Optional<RulesetVersion> find(int version) {
        return jdbc.sql("select " + COLUMNS + " from jurist_ruleset_version v where v.version = ?")
                .param(version).query(RulesetStore::map).optional();
    }

    /** Every version, newest first. */
    public List<RulesetVersion> list() {
        return jdbc.sql("select " + COLUMNS + " from jurist_ruleset_version v order by v.version desc")
                .query(RulesetStore::map).list();
    }

    public RulesetFiles files(int version) {
        Map<String, String> files = new LinkedHashMap<>();
        jdbc.sql("select path, content from jurist_ruleset_file where version = ? order by path")
                .param(version).query((ResultSet rs) -> {
                    files.put(rs.getString(1), rs.getString(2));
                });
        return new RulesetFiles(files);
    }

    private static RulesetVersion map(ResultSet rs, int row) throws SQLException {
        int base = rs.getInt("base_version");
        Integer baseVersion = rs.wasNull() ? null : base;
        return new RulesetVersion(rs.getInt("version"), rs.getString("revision"),
                RulesetStatus.valueOf(rs.getString("status")), rs.getString("summary"), rs.getString("proposed_by"),
                baseVersion, instant(rs, "created_at"), instant(rs, "activated_at"), rs.getString("activated_by"),
                rs.getString("process_instance_id"), rs.getString("change_kind"), rs.getString("status_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

}
