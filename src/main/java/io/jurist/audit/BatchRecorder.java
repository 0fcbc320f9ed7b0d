package io.jurist.audit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Gathers one batch for the {@link DecisionLog}: the SHA-256 of its input as it is read, counts by country,
 * purpose, decision and reasons (bounded by the distinct combinations, not by the lines), and, when per-line
 * logging is on, each line's own record. {@link #finish} hands the summary to the log. Used by the one thread
 * that reads and decides the batch.
 */
public final class BatchRecorder {

    private record Key(String country, String purpose, String decision, String reasons) {
    }

    private final DecisionLog log;
    private final String id;
    private final String client;
    private final Instant startedAt;
    private final int rulesetVersion;
    private final String rulesetRevision;
    private final boolean lines;
    private final MessageDigest sha256;
    private final Map<Key, long[]> counts = new HashMap<>();
    private long decided;
    private long invalid;
    private long linesUnlogged;
    private boolean waitForRoom = true;
    private boolean finished;

    BatchRecorder(DecisionLog log, String id, String client, Instant startedAt, int rulesetVersion,
                  String rulesetRevision, boolean lines) {
        this.log = log;
        this.id = id;
        this.client = client;
        this.startedAt = startedAt;
        this.rulesetVersion = rulesetVersion;
        this.rulesetRevision = rulesetRevision;
        this.lines = lines;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The batch's id, as the log keeps it; the answer names it so that the caller can look the batch up. */
    public String id() {
        return id;
    }

    /** True when each decided line must also be handed over as a record of its own ({@link #line}). */
    public boolean linesLogged() {
        return lines && log.enabled();
    }

    /** The input, hashed (SHA-256) as it is read. */
    public InputStream digesting(InputStream in) {
        if (!log.enabled()) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    sha256.update((byte) b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    sha256.update(buffer, offset, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Skipped bytes must be hashed too: read them.
                byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
                long skipped = 0;
                while (skipped < n) {
                    int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** Counts a line answered with an error. */
    public void invalid() {
        invalid++;
    }

    /**
     * Counts a decided line.
     *
     * @param reasonCodes the codes of the reasons answered (their order does not matter)
     */
    public void decided(String country, String purpose, String decision, List<String> reasonCodes) {
        decided(country, purpose, decision, reasonCodes, 1);
    }

    /**
     * Counts {@code lines} decided lines with the same country, purpose, decision and reasons (a caller that
     * tallies lines by decision case hands them over together).
     *
     * @param reasonCodes the codes of the reasons answered (their order does not matter)
     */
    public void decided(String country, String purpose, String decision, List<String> reasonCodes, long lines) {
        if (lines <= 0) {
            return;
        }
        decided += lines;
        if (!log.enabled()) {
            return;
        }
        counts.computeIfAbsent(new Key(country, purpose, decision, reasonKey(reasonCodes)), k -> new long[1])[0]
                += lines;
    }

    /** Hands a decided line's own record to the log; only when {@link #linesLogged()}. Waits a little for room. */
    public void line(DecisionRecord record) {
        if (!linesLogged()) {
            return;
        }
        if (log.offerLine(record, waitForRoom)) {
            waitForRoom = true;
        } else {
            // The summary still counts it; don't wait again until there is room.
            linesUnlogged++;
            waitForRoom = false;
        }
    }

    /**
     * Hands the summary to the log: once, when the batch ends, complete or broken off.
     *
     * @param lineCount the input lines read
     * @param complete  false when the input or the answer broke off
     */
    public void finish(long lineCount, boolean complete) {
        if (finished) {
            return;
        }
        finished = true;
        if (!log.enabled()) {
            return;
        }
        log.offerSummary(summary(lineCount, complete));
    }

    LoggedBatch summary(long lineCount, boolean complete) {
        List<LoggedBatch.Count> list = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> list.add(new LoggedBatch.Count(key.country(), key.purpose(), key.decision(),
                key.reasons().isEmpty() ? List.of() : List.of(key.reasons().split(",")), n[0])));
        return new LoggedBatch(id, client, startedAt, log.now(), complete ? "COMPLETE" : "INCOMPLETE", lineCount,
                decided, invalid, "sha256:" + HexFormat.of().formatHex(sha256.digest()),
                new LoggedDecision.RulesetRef(rulesetVersion, rulesetRevision), linesLogged(), linesUnlogged,
                List.copyOf(list));
    }

    private static String reasonKey(List<String> codes) {
        if (codes.size() == 1) {
            return codes.get(0);
        }
        String[] sorted = codes.toArray(String[]::new);
        Arrays.sort(sorted);
        return String.join(",", sorted);
    }
}
