package io.jurist.ruleset;

import java.time.Instant;

/**
 * A stored ruleset version and its history.
 *
 * @param version           increasing number
 * @param revision          content hash of its files
 * @param status            where it stands
 * @param summary           what the change is, in the proposer's words
 * @param proposedBy        who proposed it
 * @param baseVersion       the active version it was based on, or null for the first
 * @param createdAt         when it was stored
 * @param activatedAt       when it became active, or null
 * @param activatedBy       the process instance (or start-up) that activated it, or null
 * @param processInstanceId the approval process that governs it, or null
 * @param changeKind        RESTRICTIVE or PERMISSIVE as impact analysis found, or null for the first
 * @param statusReason      why it ended as it did (rejected, failed), or null
 */
public record RulesetVersion(int version, String revision, RulesetStatus status, String summary, String proposedBy,
                             Integer baseVersion, Instant createdAt, Instant activatedAt, String activatedBy,
                             String processInstanceId, String changeKind, String statusReason) {
}
