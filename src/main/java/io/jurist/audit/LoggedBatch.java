package io.jurist.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The summary the log keeps of one batch: how many lines, how they were decided, and a hash of the input.
 *
 * @param batchId       the id sent back in the batch answer's {@code Jurist-Batch-Id} header
 * @param client        who asked
 * @param startedAt     when the batch began (its day counts the batch's decisions)
 * @param finishedAt    when its last line was decided, or it broke off
 * @param status        COMPLETE, or INCOMPLETE when the input or the answer broke off (counts cover the lines read)
 * @param lines         input lines read
 * @param decided       lines decided (PERMIT or DENY)
 * @param invalid       lines answered with an error
 * @param inputSha256   {@code sha256:} and the hex SHA-256 of the request body's bytes as read
 * @param ruleset       the version that decided every line
 * @param linesLogged   whether each line was also logged as a decision of its own
 * @param linesUnlogged with per-line logging on, lines whose own record was dropped (the counts still hold them)
 * @param counts        decisions by country, purpose, decision and reasons
 */
@JsonPropertyOrder({"kind"})
@Schema(description = "A logged batch summary (kind BATCH)")
public record LoggedBatch(
        String batchId,
        String client,
        Instant startedAt,
        Instant finishedAt,
        @Schema(allowableValues = {"COMPLETE", "INCOMPLETE"}) String status,
        long lines,
        long decided,
        long invalid,
        String inputSha256,
        LoggedDecision.RulesetRef ruleset,
        boolean linesLogged,
        long linesUnlogged,
        List<Count> counts) {

    @JsonProperty("kind")
    @Schema(allowableValues = "BATCH")
    public String kind() {
        return "BATCH";
    }

    /**
     * How many decisions of the batch had this country, purpose, decision and set of reason codes.
     *
     * @param reasonCodes the reason codes those decisions carried, sorted
     */
    public record Count(String country, String purpose, String decision, List<String> reasonCodes, long decisions) {
    }
}
