package io.jurist.decision;

import io.jurist.audit.BatchRecorder;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Reason;
import io.jurist.ruleset.ClassCodes;
import io.jurist.ruleset.DecisionQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The summary's counts of decided lines, tallied by decision case before they go to the recorder: a memoised case
 * is one shared object for all the lines of its class, so a line costs an identity lookup instead of a key of four
 * texts built and hashed. Every line of one case has the same country, purpose, decision and reasons (the class
 * key holds the country and purpose; the case holds the outcome), so the recorder's counts are the same as when
 * it is handed every line. Cases that are not shared (memo off, failed closed) are one line each: the tally is
 * folded into the recorder whenever it holds {@link #LIMIT} cases, so it stays small whatever the batch. A line
 * whose case the batch's table of classes keeps ({@link ClassCodes.Seen}) is counted at the table's place for it,
 * without a lookup; those counts are handed over at the end.
 */
final class CaseTally {

    static final int LIMIT = 1_024;

    /** The lines of one case so far, and the first line's query (its country and purpose are every line's). */
    private static final class Lines {
        final DecisionQuery query;
        long count;

        Lines(DecisionQuery query) {
            this.query = query;
        }
    }

    private final IdentityHashMap<DecisionCase, Lines> lines = new IdentityHashMap<>();
    /**
     * The lines of the cases the batch's table of classes keeps, by the number of their entry in it (an entry holds
     * one case for the table's life), with the first line's query; made and grown as needed.
     */
    private long[] linesAt;
    private DecisionCase[] casesAt;
    private DecisionQuery[] queriesAt;

    /** Counts a line whose case the batch's table of classes keeps as entry {@code seenAt}. */
    void add(int seenAt, DecisionCase decided, DecisionQuery query) {
        if (linesAt == null || seenAt >= linesAt.length) {
            int size = Math.max(64, Math.max(seenAt + 1, linesAt == null ? 0 : linesAt.length * 2));
            linesAt = linesAt == null ? new long[size] : Arrays.copyOf(linesAt, size);
            casesAt = casesAt == null ? new DecisionCase[size] : Arrays.copyOf(casesAt, size);
            queriesAt = queriesAt == null ? new DecisionQuery[size] : Arrays.copyOf(queriesAt, size);
        }
        if (linesAt[seenAt]++ == 0) {
            casesAt[seenAt] = decided;
            queriesAt[seenAt] = query;
        }
    }

    void add(DecisionCase decided, DecisionQuery query, BatchRecorder batch) {
        Lines known = lines.get(decided);
        if (known == null) {
            if (lines.size() >= LIMIT) {
                foldCases(batch);
            }
            known = new Lines(query);
            lines.put(decided, known);
        }
        known.count++;
    }

    /** Hands every count over to the recorder and starts again. */
    void fold(BatchRecorder batch) {
        foldCases(batch);
        if (linesAt != null) {
            for (int at = 0; at < linesAt.length; at++) {
                if (linesAt[at] > 0) {
                    hand(batch, casesAt[at], queriesAt[at], linesAt[at]);
                    linesAt[at] = 0;
                    casesAt[at] = null;
                    queriesAt[at] = null;
                }
            }
        }
    }

    private void foldCases(BatchRecorder batch) {
        lines.forEach((decided, l) -> hand(batch, decided, l.query, l.count));
        lines.clear();
    }

    private static void hand(BatchRecorder batch, DecisionCase decided, DecisionQuery query, long count) {
        // As the answer says them: the query's country and purpose, the case's decision and decisive reasons.
        List<String> codes = new ArrayList<>(2);
        for (Reason reason : decided.decisiveReasons()) {
            codes.add(reason.code());
        }
        batch.decided(query.country(), query.purpose(), decided.getEffect().name(), codes, count);
    }
}
