package io.jurist.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of a change history record: SHA-256 over its fields and the previous record's hash, each
 * field written as its length and its text, so that no two different records encode alike.
 */
final class ChainHash {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "sha256:" + "0".repeat(64);

    private ChainHash() {
    }

    static String of(long seq, Instant recordedAt, String type, String actor, String subject,
                     List<String> jurisdictions, List<String> purposes, Integer rulesetVersion,
                     String processInstanceId, String detail, String previousHash) {
        StringBuilder text = new StringBuilder(256 + detail.length());
        for (String field : new String[] {Long.toString(seq), recordedAt.toString(), type, actor, subject,
                String.join(",", jurisdictions), String.join(",", purposes),
                rulesetVersion == null ? "" : rulesetVersion.toString(),
                processInstanceId == null ? "" : processInstanceId, detail, previousHash}) {
            text.append(field.length()).append(':').append(field).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static String of(HistoryRecord record) {
        return of(record.seq(), record.recordedAt(), record.type(), record.actor(), record.subject(),
                record.jurisdictions(), record.purposes(), record.rulesetVersion(), record.processInstanceId(),
                record.detail(), record.previousHash());
    }
}
