package io.jurist.audit;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the decision log holds for one day (UTC) of one country and purpose: see
 * {@link DecisionLog#dailyCounts(String, String, java.time.Instant, java.time.Instant)}.
 *
 * @param day        the day, UTC, of the decisions' evaluation time (of a batch's start)
 * @param byDecision decisions by PERMIT and DENY
 * @param byReason   decisions carrying each reason code; a decision with two reasons counts under both
 * @param unlogged   decisions of any country and purpose that day that the log could not record
 */
public record DailyDecisionCounts(LocalDate day, Map<String, Long> byDecision, Map<String, Long> byReason,
                                  long unlogged) {
}
