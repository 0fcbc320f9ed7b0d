package io.jurist.engagement;

import java.util.List;

/**
 * Published inside the transaction that records the end of a suspension's or re-enablement's process.
 *
 * @param changeId       the change (SUS-…, REN-…)
 * @param kind           suspension or re-enablement
 * @param activated      whether its version became active (otherwise it was rejected or failed)
 * @param rulesetVersion the version built for it, if any
 * @param jurisdictions  the countries it concerns
 * @param purpose        the purpose it concerns
 * @param consentModel   a re-enablement's consent model (null for a suspension)
 * @param reason         why it was asked for
 */
public record JurisdictionChangeCompleted(String changeId, ChangeKind kind, boolean activated, Integer rulesetVersion,
                                          List<String> jurisdictions, String purpose, String consentModel,
                                          String reason) {
}
