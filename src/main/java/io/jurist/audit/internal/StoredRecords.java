package io.jurist.audit.internal;

import io.jurist.audit.LoggedBatch;
import io.jurist.audit.LoggedDecision;
import io.jurist.audit.DailyDecisionCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the {@link DecisionLog} reads back: the database's records ({@link DecisionLogReads}), or {@link #NONE}, for
 * a log switched off that has no database.
 */
public interface StoredRecords {

    Optional<LoggedDecision> decision(String id);

    Optional<LoggedBatch> batch(String id);

    List<DailyDecisionCounts> dailyCounts(String country, String purpose, Instant from, Instant to);

    /** Deletes every record evaluated (a batch: started) before the cutoff; returns how many. */
    long purge(Instant cutoff);

    /** No records: nothing is found and nothing is purged. */
    StoredRecords NONE = new StoredRecords() {
        @Override
        public Optional<LoggedDecision> decision(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<LoggedBatch> batch(String id) {
            return Optional.empty();
        }

        @Override
        public List<DailyDecisionCounts> dailyCounts(String country, String purpose, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public long purge(Instant cutoff) {
            return 0;
        }
    };
}
