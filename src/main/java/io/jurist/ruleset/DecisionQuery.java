package io.jurist.ruleset;

import io.jurist.facts.Consent;
import java.time.Instant;

/**
 * A question for the rules, already checked: may this member's data be used for this purpose at
 * this moment?
 *
 * @param subjectId the member
 * @param country   assigned ISO 3166-1 alpha-2 code, upper case
 * @param age       age in years, or null when unknown
 * @param purpose   a purpose the ruleset knows
 * @param consent   the member's own setting
 * @param at        the moment the decision is about
 */
public record DecisionQuery(String subjectId, String country, Integer age, String purpose, Consent consent,
                            Instant at) {
}
