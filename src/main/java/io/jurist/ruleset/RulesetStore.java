package io.jurist.ruleset;

import io.jurist.audit.Change;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.ChangeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
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
     * Makes a version active if the active version is still the expected one and the version has the
     * approvals it needs ({@link RequiredApprovals}): one compare-and-set that joins the recorded
     * approvals, so that no caller can activate a version without them.
     *
     * @return false when another version was activated in between
     * @throws NotApprovedException when the version lacks an approval it needs
     */
    @Transactional(noRollbackFor = NotApprovedException.class)
    public boolean activate(int version, int expectedActive, String activatedBy) {
        OffsetDateTime now = now();
        int updated = jdbc.sql("update jurist_active_ruleset set version = :version, activated_at = :now "
                        + "where id = 1 and version = :expected" + APPROVED)
                .param("version", version).param("now", now).param("expected", expectedActive)
                .param("key", RequiredApprovals.businessKey(version)).param("legal", RequiredApprovals.LEGAL)
                .param("dpo", RequiredApprovals.DPO).param("permissive", "PERMISSIVE")
                .update();
        if (updated == 0) {
            List<String> missing = missingApprovals(version);
            if (!missing.isEmpty()) {
                throw new NotApprovedException("Version " + version + " was not activated: it lacks "
                        + String.join("; ", missing) + ". Activation needs the approvals recorded by its workflow.");
            }
            return false;
        }
        jdbc.sql("update jurist_ruleset_version set status = ? where version = ?")
                .params(RulesetStatus.SUPERSEDED.name(), expectedActive).update();
        markActive(version, now, activatedBy);
        return true;
    }

    /** An approval of the version, recorded under the given business key, by someone who did not ask for it. */
    private static String approvedBy(String businessKey, String task) {
        return "select 1 from jurist_approval a where a.business_key = " + businessKey + " and " + task
                + " and a.approved = true and a.user_id not in "
                + "(select r.user_id from jurist_ruleset_requester r where r.version = :version)";
    }

    /** The proof the compare-and-set joins: see {@link RequiredApprovals}. */
    private static final String APPROVED = " and exists (select 1 from jurist_ruleset_requester r where r.version = :version)"
            + " and exists (" + approvedBy(":key", "a.task_key in (:legal)") + ")"
            + " and (coalesce((select v.change_kind from jurist_ruleset_version v where v.version = :version), "
            + ":permissive) <> :permissive or exists (" + approvedBy(":key", "a.task_key = :dpo") + "))"
            + " and not exists (select 1 from jurist_ruleset_gate g where g.version = :version and not exists ("
            + approvedBy("g.business_key", "a.task_key = g.task_key") + "))"
            + " and not exists (select 1 from jurist_approval a where a.approved = false and (a.business_key = :key"
            + " or a.business_key in (select g.business_key from jurist_ruleset_gate g where g.version = :version)))";

    /** What a version lacks of the approvals it needs, in words; empty when it has them all. */
    List<String> missingApprovals(int version) {
        List<String> requesters = requesters(version);
        String key = RequiredApprovals.businessKey(version);
        List<RequiredApprovals.Gate> gates = gates(version);
        List<String> keys = new ArrayList<>(List.of(key));
        gates.forEach(g -> keys.add(g.businessKey()));
        record Recorded(String businessKey, String taskKey, String user, boolean approved) {
        }
        List<Recorded> recorded = jdbc.sql("select business_key, task_key, user_id, approved from jurist_approval "
                        + "where business_key in (:keys)").param("keys", keys)
                .query((rs, row) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
        List<String> missing = new ArrayList<>();
        if (requesters.isEmpty()) {
            missing.add("a record of who asked for it (it was not proposed through a workflow)");
        }
        String others = requesters.isEmpty() ? "" : " by someone other than " + String.join(", ", requesters);
        BiPredicate<String, Predicate<String>> has = (businessKey, task) ->
                recorded.stream().anyMatch(r -> r.approved() && r.businessKey().equals(businessKey)
                        && task.test(r.taskKey()) && !requesters.contains(r.user()));
        if (!has.test(key, RequiredApprovals.LEGAL::contains)) {
            missing.add("a legal approval" + others);
        }
        String kind = find(version).map(RulesetVersion::changeKind).orElse(null);
        if ((kind == null || kind.equals("PERMISSIVE")) && !has.test(key, RequiredApprovals.DPO::equals)) {
            missing.add("the DPO's approval (the change is permissive)" + others);
        }
        for (RequiredApprovals.Gate gate : gates) {
            if (!has.test(gate.businessKey(), gate.taskKey()::equals)) {
                missing.add("the approval of " + gate.taskKey() + " in " + gate.businessKey() + others);
            }
        }
        recorded.stream().filter(r -> !r.approved()).findFirst().ifPresent(r ->
                missing.add("no rejection, but " + r.user() + " rejected it at " + r.taskKey()));
        return missing;
    }

    /** Records who asked for a version: none of them can give an approval it needs. */
    public void recordRequesters(int version, Collection<String> users) {
        for (String user : new LinkedHashSet<>(users)) {
            jdbc.sql("insert into jurist_ruleset_requester (version, user_id) values (?, ?)").params(version, user)
                    .update();
        }
    }

    /** Records further approvals a version needs before it can become active. */
    public void recordGates(int version, List<RequiredApprovals.Gate> gates) {
        for (RequiredApprovals.Gate gate : gates) {
            jdbc.sql("insert into jurist_ruleset_gate (version, business_key, task_key) values (?, ?, ?)")
                    .params(version, gate.businessKey(), gate.taskKey()).update();
        }
    }

    /** Who asked for a version, in the order of their names. */
    public List<String> requesters(int version) {
        return jdbc.sql("select user_id from jurist_ruleset_requester where version = ? order by user_id")
                .param(version).query(String.class).list();
    }

    private List<RequiredApprovals.Gate> gates(int version) {
        return jdbc.sql("select business_key, task_key from jurist_ruleset_gate where version = ? "
                        + "order by business_key, task_key").param(version)
                .query((rs, row) -> new RequiredApprovals.Gate(rs.getString(1), rs.getString(2))).list();
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
