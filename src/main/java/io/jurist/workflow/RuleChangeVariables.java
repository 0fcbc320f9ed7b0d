package io.jurist.workflow;

import io.jurist.ruleset.ApprovalWorkflow;
import io.jurist.ruleset.RequiredApprovals;
import java.util.HashMap;
import java.util.Map;

/**
 * The process-variable contract of RuleChangeApproval ({@code bpmn/RuleChangeApproval.bpmn}): every variable
 * its expressions read and its steps write. {@code ProcessVariableContractTests} checks that the BPMN file uses
 * no other; the approval tasks' answers follow {@link TaskVariables}.
 */
final class RuleChangeVariables {

    static final String PROCESS_KEY = "RuleChangeApproval";
    static final String VERSION = "version";
    static final String BASE_VERSION = "baseVersion";
    static final String SUMMARY = "summary";
    static final String PROPOSED_BY = "proposedBy";
    /** Who asked for the change, comma-separated: none of them may approve it. */
    static final String REQUESTERS = "requesters";
    /** RESTRICTIVE, PERMISSIVE or NEUTRAL: permissive changes need legal and the DPO. */
    static final String CHANGE_KIND = "changeKind";
    static final String IMPACT = "impact";
    /** The countries and purposes whose decisions the change flips, comma-separated, from its impact. */
    static final String IMPACT_COUNTRIES = "impactCountries";
    static final String IMPACT_PURPOSES = "impactPurposes";
    static final String DIFF_LINK = "diffLink";
    /** ACTIVATED, REJECTED or FAILED, set by the step that ends it; a calling process reads it back. */
    static final String OUTCOME = "outcome";
    static final String FAILURE_REASON = "failureReason";

    static final String TASK_APPROVE_AS_LEGAL = "Task_ApproveAsLegal";
    static final String TASK_APPROVE_PERMISSIVE_AS_LEGAL = "Task_ApprovePermissiveAsLegal";
    static final String TASK_APPROVE_AS_DPO = "Task_ApproveAsDpo";

    private RuleChangeVariables() {
    }

    static Map<String, Object> of(ApprovalWorkflow.RuleChange change) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VERSION, change.version());
        variables.put(BASE_VERSION, change.baseVersion());
        variables.put(SUMMARY, change.summary());
        variables.put(PROPOSED_BY, change.proposedBy());
        variables.put(REQUESTERS, change.requesters());
        variables.put(CHANGE_KIND, change.kind().name());
        variables.put(IMPACT, change.impact());
        variables.put(IMPACT_COUNTRIES, String.join(",", change.countries()));
        variables.put(IMPACT_PURPOSES, String.join(",", change.purposes()));
        variables.put(DIFF_LINK, diffLink(change.baseVersion(), change.version()));
        return variables;
    }

    static String diffLink(int base, int version) {
        return "/api/v1/rulesets/" + base + "/diff/" + version;
    }

    static String businessKey(int version) {
        return RequiredApprovals.businessKey(version);
    }
}
