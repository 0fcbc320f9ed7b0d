package io.jurist.decision;

import io.jurist.ruleset.ClassCodes;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the request thread keeps while it reads one batch: the byte reader and, when the version is memoised, the
 * byte checker and the decided case of each class met so far; and what it found of the line just read.
 */
final class BatchReading {
    final CompactLine compact = new CompactLine();
    final LineQueries queries;
    final ClassCodes.Seen seen;
    /** A chunk's lines of classes not met before. */
    final List<DecisionQuery> unknown = new ArrayList<>();
    /** The class code of the line just read, or -1. */
    long code;
    /** Where the batch's table keeps the case of the line just read when the batch met its class before, else -1. */
    int seenAt;

    BatchReading(CompiledRuleset ruleset, Clock clock) {
        ClassCodes codes = ruleset.classCodes();
        this.queries = codes == null ? null : new LineQueries(codes, clock);
        this.seen = codes == null ? null : codes.seen();
    }
}
