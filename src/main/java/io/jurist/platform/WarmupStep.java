package io.jurist.platform;

import java.time.Instant;

/** One part of the start-up warm-up; the steps run in their order, before the node reports itself ready. */
interface WarmupStep {

    /** What the step is, for the log. */
    String name();

    /**
     * Runs the step until it is done or the deadline has passed.
     *
     * @return what it did, for the log
     */
    String run(Instant deadline) throws Exception;
}
