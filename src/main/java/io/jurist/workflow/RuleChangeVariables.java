package io.jurist.workflow;

import io.jurist.ruleset.ApprovalWorkflow;
import io.jurist.ruleset.RequiredApprovals;
import java.util.HashMap;
import java.util.Map;

/** The variables of a RuleChangeApproval instance, as its forms show them. */
final class RuleChangeVariables {

    static final String PROCESS_KEY = "RuleChangeApproval";
    static final String VERSION = "version";
    static final String OUTCOME = "outcome";
    /** The countries and purposes whose decisions the change flips, comma-separated, from its impact. */
    static final String IMPACT_COUNTRIES = "impactCountries";
    static final String IMPACT_PURPOSES = "impactPurposes";

    private RuleChangeVariables() {
    }

    static Map<String, Object> of(ApprovalWorkflow.RuleChange change) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VERSION, change.version());
        variables.put("baseVersion", change.baseVersion());
        variables.put("summary", change.summary());
        variables.put("proposedBy", change.proposedBy());
        variables.put(ApprovalTaskListener.REQUESTERS, change.requesters());
        variables.put("changeKind", change.kind().name());
        variables.put("impact", change.impact());
        variables.put(IMPACT_COUNTRIES, String.join(",", change.countries()));
        variables.put(IMPACT_PURPOSES, String.join(",", change.purposes()));
        variables.put("diffLink", diffLink(change.baseVersion(), change.version()));
        return variables;
    }

    static String diffLink(int base, int version) {
        return "/api/v1/rulesets/" + base + "/diff/" + version;
    }

    static String businessKey(int version) {
        return RequiredApprovals.businessKey(version);
    }
}
