package io.jurist.engagement;

import java.time.Instant;
import java.util.List;

/**
 * A regulator's concern about a purpose in some jurisdictions, from its opening to its outcome.
 *
 * @param id                its id (ENG-…), also its process's business key
 * @param regulator         who raised it (ICO, ...)
 * @param jurisdictions     the countries concerned
 * @param purpose           the purpose concerned
 * @param summary           the concern
 * @param status            OPEN or CLOSED
 * @param outcome           NO_ACTION, SUSPENDED, COMMITMENTS_MADE or REENABLEMENT_AGREED once closed
 * @param outcomeComment    legal's words on closing
 * @param requestedBy       who opened it
 * @param processInstanceId its process
 * @param createdAt         when opened
 * @param closedAt          when closed, or null
 */
public record Engagement(String id, String regulator, List<String> jurisdictions, String purpose, String summary,
                         String status, String outcome, String outcomeComment, String requestedBy,
                         String processInstanceId, Instant createdAt, Instant closedAt) {
}
