package io.jurist.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One decision as the log keeps it: the subject only as its pseudonym, the age only as a band.
 *
 * @param decisionId      the id the answer carried
 * @param batchId         the batch it belongs to (a batch line, logged when per-line logging is on), or null
 * @param evaluatedAt     when it was decided
 * @param client          who asked
 * @param subjectHash     HMAC-SHA256 of the subject id under the service's pseudonymisation key, hex
 * @param country         ISO 3166-1 alpha-2
 * @param region          the region the rules placed the country in
 * @param purpose         the purpose code
 * @param consent         the member's setting as asked
 * @param ageBand         0-12, 13-15, 16-17, 18+ or UNKNOWN
 * @param at              the moment the decision is about
 * @param decision        PERMIT or DENY
 * @param reasonCodes     the codes of the reasons answered
 * @param rulesFired      every rule that fired, in firing order
 * @param ruleset         the version that decided
 */
@JsonPropertyOrder({"kind"})
@Schema(description = "A logged decision (kind DECISION)")
public record LoggedDecision(
        String decisionId,
        String batchId,
        Instant evaluatedAt,
        String client,
        @Schema(description = "HMAC-SHA256 of the subject id under the service's pseudonymisation key, hex")
        String subjectHash,
        String country,
        String region,
        String purpose,
        String consent,
        @Schema(allowableValues = {"0-12", "13-15", "16-17", "18+", "UNKNOWN"}) String ageBand,
        Instant at,
        @Schema(allowableValues = {"PERMIT", "DENY"}) String decision,
        List<String> reasonCodes,
        List<String> rulesFired,
        RulesetRef ruleset) {

    @JsonProperty("kind")
    @Schema(allowableValues = "DECISION")
    public String kind() {
        return "DECISION";
    }

    /** The ruleset version that decided, and its content hash. */
    public record RulesetRef(int version, String revision) {
    }
}
