package io.jurist.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;

/**
 * One record of the change history, as stored.
 *
 * @param seq               its place in the chain, from 1, without gaps
 * @param recordedAt        when it was recorded (microsecond precision)
 * @param type              what happened: a {@link ChangeType} name
 * @param actor             who did it
 * @param subject           what it happened to
 * @param jurisdictions     the countries concerned
 * @param purposes          the purposes concerned
 * @param rulesetVersion    the ruleset version concerned, or null
 * @param processInstanceId the process that did it, or null
 * @param detail            the rest, as the JSON text stored (what the hash covers)
 * @param previousHash      the hash of the record before it ({@link ChainHash#GENESIS} for the first)
 * @param hash              the hash of this record's fields and {@code previousHash}
 */
public record HistoryRecord(long seq, Instant recordedAt, String type, String actor, String subject,
                            List<String> jurisdictions, List<String> purposes, Integer rulesetVersion,
                            String processInstanceId, @JsonIgnore String detail, String previousHash, String hash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The detail as JSON for readers: parsed, never spliced in as stored, so that a row edited in the
     * database cannot change the shape of an answer; text that is not JSON is shown as a string.
     */
    @JsonProperty("detail")
    public JsonNode detailJson() {
        try {
            return JSON.readTree(detail);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(detail);
        }
    }
}
