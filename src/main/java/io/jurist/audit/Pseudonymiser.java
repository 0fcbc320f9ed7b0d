package io.jurist.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a member's id into a pseudonym: HMAC-SHA256 keyed by {@code jurist.audit.pseudonymisation-key}, as 64
 * lower-case hex digits. The same id gives the same pseudonym under the same key, so the decisions about one member
 * can be found (by whoever holds the key and the id), but the log holds no member ids and a pseudonym cannot be
 * turned back into an id, nor guessed from a list of ids, without the key.
 *
 * <p>Not thread-safe: one instance per thread (the log's writer keeps one).
 */
public final class Pseudonymiser {

    /** The demo mode's key (application.yaml); the production profile refuses to start with it. */
    public static final String DEMO_KEY = "demo-pseudonymisation-key-not-for-production-use";

    /** The shortest key the production profile accepts, in bytes (UTF-8): as long as the hash. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Mac mac;

    /** A pseudonymiser for the key (its UTF-8 bytes); refuses a missing or blank key. */
    public Pseudonymiser(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("No pseudonymisation key: set jurist.audit.pseudonymisation-key "
                    + "(JURIST_PSEUDONYMISATION_KEY in the prod profile)");
        }
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The pseudonym of a subject id: hex HMAC-SHA256 of its UTF-8 bytes. */
    public String pseudonym(String subjectId) {
        byte[] hash = mac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8));
        char[] text = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            text[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            text[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(text);
    }
}
