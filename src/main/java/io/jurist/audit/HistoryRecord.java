package io.jurist.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
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
 * @param detail            the rest, as a JSON object
 * @param previousHash      the hash of the record before it ({@link ChainHash#GENESIS} for the first)
 * @param hash              the hash of this record's fields and {@code previousHash}
 */
public record HistoryRecord(long seq, Instant recordedAt, String type, String actor, String subject,
                            List<String> jurisdictions, List<String> purposes, Integer rulesetVersion,
                            String processInstanceId, @JsonRawValue String detail, String previousHash, String hash) {

    /** Whether it concerns a country (records about no country in particular concern none). */
    public boolean concerns(String country) {
        return jurisdictions.contains(country);
    }
}
