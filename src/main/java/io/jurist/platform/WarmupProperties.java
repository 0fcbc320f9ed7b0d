package io.jurist.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The start-up warm-up: what it does before the node reports itself ready (docs/operations.md).
 *
 * @param enabled      whether the node warms up before it accepts traffic
 * @param timeLimit    the longest the whole warm-up may take; each step stops when it is used up
 * @param decisions    how many decisions the in-process step makes (decided and answered, never logged)
 * @param logWrites    how many made-up records the decision log's insert code writes into its rehearsal table
 *                     and deletes again (the log itself untouched, nothing kept); 0 leaves the step out
 * @param httpRequests how many requests the loopback step sends to the node's own port: in turn an invalid
 *                     decision request (answered 400, neither decided nor logged) and a read of a
 *                     jurisdiction's policies (answered 200); 0 leaves the step out
 * @param httpThreads  how many connections the loopback step sends them over
 */
@ConfigurationProperties("jurist.warmup")
public record WarmupProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue("30s") Duration timeLimit,
                               @DefaultValue("100000") int decisions,
                               @DefaultValue("20000") int logWrites,
                               @DefaultValue("100000") int httpRequests,
                               @DefaultValue("4") int httpThreads) {
}
