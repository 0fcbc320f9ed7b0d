package io.jurist.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every approval or rejection: who, when, with what comment and evidence. */
@Repository
public class ApprovalRecords {

    /**
     * One approval or rejection.
     *
     * @param processInstanceId the process it belongs to
     * @param businessKey       that process's business key
     * @param processKey        the process definition key
     * @param taskKey           the task's id in the BPMN
     * @param taskName          the task's name
     * @param user              who decided
     * @param approved          approve or reject
     * @param comment           their comment
     * @param evidence          the further evidence fields, as JSON
     * @param decidedAt         when
     */
    public record Approval(String processInstanceId, String businessKey, String processKey, String taskKey,
                           String taskName, String user, boolean approved, String comment, String evidence,
                           Instant decidedAt) {
    }

    private final JdbcClient jdbc;

    ApprovalRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Approval approval) {
        jdbc.sql("insert into jurist_approval (process_instance_id, business_key, process_key, task_key, task_name, "
                        + "user_id, approved, comment_text, evidence, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(approval.processInstanceId(), approval.businessKey(), approval.processKey(),
                        approval.taskKey(), approval.taskName(), approval.user(), approval.approved(),
                        approval.comment(), approval.evidence(), OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    /** The approvals of the given process instances, oldest first. */
    public List<Approval> of(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from jurist_approval where process_instance_id in (:ids) order by id")
                .param("ids", processInstanceIds).query(ApprovalRecords::map).list();
    }

    /**
     * The approvals of a suspension or re-enablement, oldest first: those of its own process (keyed by the
     * change's id) and of the rule change approval of its version.
     */
    public List<Approval> ofChange(String changeId, Integer rulesetVersion) {
        return ofBusinessKeys(rulesetVersion == null ? List.of(changeId)
                : List.of(changeId, RuleChangeVariables.businessKey(rulesetVersion)));
    }

    /** The approvals of a version's rule change approval, oldest first. */
    public List<Approval> ofVersion(int rulesetVersion) {
        return ofBusinessKeys(List.of(RuleChangeVariables.businessKey(rulesetVersion)));
    }

    private List<Approval> ofBusinessKeys(Collection<String> businessKeys) {
        if (businessKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from jurist_approval where business_key in (:keys) order by id")
                .param("keys", businessKeys).query(ApprovalRecords::map).list();
    }

    private static Approval map(ResultSet rs, int row) throws SQLException {
        return new Approval(rs.getString("process_instance_id"), rs.getString("business_key"),
                rs.getString("process_key"), rs.getString("task_key"), rs.getString("task_name"),
                rs.getString("user_id"), rs.getBoolean("approved"), rs.getString("comment_text"),
                rs.getString("evidence"), rs.getObject("decided_at", OffsetDateTime.class).toInstant());
    }
}
