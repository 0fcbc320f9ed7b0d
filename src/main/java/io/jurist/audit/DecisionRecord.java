package io.jurist.audit;

import java.time.Instant;
import java.util.List;

/**
 * One decision as the deciding module hands it to the {@link DecisionLog}. It carries the subject's id and age
 * as asked, in memory only: the log stores the id's pseudonym ({@link Pseudonymiser}) and an age band, never the
 * id or the age.
 *
 * @param decisionId      the id the answer carried
 * @param batchId         the batch the decision belongs to, or null for a single decision
 * @param evaluatedAt     when it was decided
 * @param client          who asked: the authenticated user or token client name
 * @param subjectId       the member's id, as asked (pseudonymised before it is stored)
 * @param country         ISO 3166-1 alpha-2, as decided (aliases resolved)
 * @param region          the region the rules placed the country in, or null
 * @param purpose         the purpose code
 * @param consent         OPTED_IN, OPTED_OUT or NOT_SET
 * @param age             the member's age in years, or null when unknown (stored as an {@link AgeBand})
 * @param at              the moment the decision is about
 * @param decision        PERMIT or DENY
 * @param reasonCodes     the codes of the reasons answered
 * @param rulesFired      the names of every rule that fired, in firing order
 * @param rulesetVersion  the ruleset version that decided
 * @param rulesetRevision that version's content hash
 */
public record DecisionRecord(
        String decisionId,
        String batchId,
        Instant evaluatedAt,
        String client,
        String subjectId,
        String country,
        String region,
        String purpose,
        String consent,
        Integer age,
        Instant at,
        String decision,
        List<String> reasonCodes,
        List<String> rulesFired,
        int rulesetVersion,
        String rulesetRevision) {

    @Override
    public String toString() {
        // Never print the member's id.
        return "DecisionRecord[" + decisionId + ", " + decision + " " + reasonCodes + "]";
    }
}
