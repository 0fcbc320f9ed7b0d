package io.jurist.engagement;

import java.time.Instant;
import java.util.List;

/**
 * A suspension or re-enablement request and what became of it.
 *
 * @param id                its id (SUS-… or REN-…), also the business key of its process
 * @param kind              suspension or re-enablement
 * @param jurisdictions     the countries
 * @param purpose           the purpose
 * @param consentModel      for a re-enablement, the approved consent model
 * @param reason            the reason (suspension) or justification (re-enablement)
 * @param engagementId      the engagement it belongs to, or null
 * @param requestedBy       who asked
 * @param status            REQUESTED, ACTIVE, REJECTED or FAILED
 * @param statusReason      why it ended as it did, or null
 * @param rulesetVersion    the version that carries it, once built
 * @param processInstanceId its process
 * @param createdAt         when asked
 * @param completedAt       when it ended, or null
 */
public record JurisdictionChange(String id, ChangeKind kind, List<String> jurisdictions, String purpose,
                                 String consentModel, String reason, String engagementId, String requestedBy,
                                 String status, String statusReason, Integer rulesetVersion, String processInstanceId,
                                 Instant createdAt, Instant completedAt) {
}
