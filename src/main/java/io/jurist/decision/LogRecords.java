package io.jurist.decision;

import io.jurist.audit.DecisionRecord;
import io.jurist.facts.DecisionCase;
import io.jurist.ruleset.DecisionQuery;
import java.util.ArrayList;
import java.util.List;

/** Builds the decision log's records from a decision: what was asked, what the rules did, what was answered. */
final class LogRecords {

    private LogRecords() {
    }

    static DecisionRecord of(DecisionQuery query, DecisionCase decided, DecisionResponse answer, String client,
                             String batchId) {
        return new DecisionRecord(answer.decisionId(), batchId, answer.evaluatedAt(), client, query.subjectId(),
                answer.jurisdiction().country(), answer.jurisdiction().region(), answer.purpose(), answer.consent(),
                query.age(), answer.at(), answer.decision(), reasonCodes(answer), decided.getRulesFired(),
                answer.ruleset().version(), answer.ruleset().revision());
    }

    static List<String> reasonCodes(DecisionResponse answer) {
        List<DecisionResponse.ReasonView> reasons = answer.reasons();
        if (reasons.size() == 1) {
            return List.of(reasons.get(0).code());
        }
        List<String> codes = new ArrayList<>(reasons.size());
        for (DecisionResponse.ReasonView reason : reasons) {
            codes.add(reason.code());
        }
        return codes;
    }
}
