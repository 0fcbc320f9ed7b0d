package io.jurist.audit;

import java.time.Instant;

/**
 * The result of recomputing the change history's chain.
 *
 * @param intact      whether every record holds
 * @param records     how many records were read
 * @param lastSeq     the last record's number
 * @param lastHash    the last record's hash: keep it elsewhere (a ticket, an e-mail) to prove later that
 *                    nothing before it was rewritten wholesale
 * @param verifiedAt  when the check began
 * @param firstBroken the first record that does not hold, or null
 */
public record Verification(boolean intact, long records, long lastSeq, String lastHash, Instant verifiedAt,
                           Broken firstBroken) {

    /**
     * The first record that does not hold.
     *
     * @param seq        its number (for a removed record, the number that is missing)
     * @param type       its type as stored, when there is a record
     * @param recordedAt its time as stored, when there is a record
     * @param problem    what is wrong, for a person
     */
    public record Broken(long seq, String type, Instant recordedAt, String problem) {
    }
}
