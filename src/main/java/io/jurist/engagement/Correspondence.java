package io.jurist.engagement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One letter, call or meeting with the regulator.
 *
 * @param id                its id
 * @param engagementId      the engagement
 * @param direction         INBOUND (from the regulator) or OUTBOUND (to it)
 * @param occurredOn        when it happened
 * @param summary           what was said
 * @param regulatorPosition the regulator's position as stated, or null
 * @param recordedBy        who recorded it
 * @param recordedAt        when
 */
public record Correspondence(long id, String engagementId, String direction, LocalDate occurredOn, String summary,
                             String regulatorPosition, String recordedBy, Instant recordedAt) {
}
