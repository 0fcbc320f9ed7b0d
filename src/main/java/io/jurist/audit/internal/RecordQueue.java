package io.jurist.audit.internal;

import io.jurist.audit.DecisionLog;
import io.jurist.audit.DecisionRecord;
import io.jurist.audit.LoggedBatch;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Where the {@link DecisionLog} hands its records: the {@link DecisionLogWriter} (a queue and the thread that writes
 * it), or {@link #OFF}, for a log switched off that has no database.
 */
public interface RecordQueue {

    /** Queues one decision; never blocks. */
    void offer(DecisionRecord decision);

    /** Queues a batch's line, waiting for room when {@code wait}; false when it was dropped. */
    boolean offerLine(DecisionRecord line, boolean wait);

    /** Queues a batch's summary, waiting a little for room: one record stands for a whole batch. */
    void offerSummary(LoggedBatch summary);

    /** Waits until every record handed over before this call has been written (or counted as unlogged). */
    boolean flush(Duration timeout);

    DecisionLog.WriterState state();

    /**
     * Writes the decisions with the writer's insert code, on the calling thread, into the rehearsal table and
     * deletes them again: nothing is kept, queued or counted.
     *
     * @return how many were written and deleted again (0 without a database)
     */
    int rehearse(List<DecisionRecord> decisions) throws SQLException;

    void start();

    void stop();

    boolean running();

    /** Takes nothing, writes nothing, and has nothing to wait for. */
    RecordQueue OFF = new RecordQueue() {
        @Override
        public void offer(DecisionRecord decision) {
        }

        @Override
        public boolean offerLine(DecisionRecord line, boolean wait) {
            return false;
        }

        @Override
        public void offerSummary(LoggedBatch summary) {
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public int rehearse(List<DecisionRecord> decisions) {
            return 0;
        }

        @Override
        public DecisionLog.WriterState state() {
            return new DecisionLog.WriterState(false, false, null, null, null, null, 0, 0);
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean running() {
            return false;
        }
    };
}
