package io.jurist.ruleset;

import java.util.List;

/**
 * What a version needs before it becomes active, as the approval workflow records it: a legal approval;
 * for a permissive change also the DPO's; each by someone who did not ask for the change, and no rejection.
 */
public final class RequiredApprovals {

    /** The user tasks of RuleChangeApproval whose approval is legal's. */
    static final List<String> LEGAL = List.of("Task_ApproveAsLegal", "Task_ApprovePermissiveAsLegal");
    /** The user task of RuleChangeApproval whose approval is the DPO's. */
    static final String DPO = "Task_ApproveAsDpo";

    private RequiredApprovals() {
    }

    /** The business key of a version's RuleChangeApproval, under which its approvals are recorded. */
    public static String businessKey(int version) {
        return "ruleset-v" + version;
    }

    /**
     * A further approval a version needs, recorded by another process: a re-enablement's gates.
     *
     * @param businessKey the business key of the process that records it
     * @param taskKey     the user task whose approval is needed
     */
    public record Gate(String businessKey, String taskKey) {
    }
}
