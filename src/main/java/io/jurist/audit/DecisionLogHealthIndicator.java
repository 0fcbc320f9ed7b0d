package io.jurist.audit;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The decision log in {@code /actuator/health} (component {@code decisionLog}): UP while it writes; DEGRADED while
 * the database fails its writes (records wait in memory) or when it set a record aside as unlogged in the last
 * {@link #RECENT}; DOWN when it does not run, or when writes fail and its queue is full (decisions are being answered
 * unlogged). docs/operations.md describes the states.
 */
@Component
class DecisionLogHealthIndicator implements HealthIndicator {

    /** A status between UP and DOWN: the service answers, but its decision log is incomplete or behind. */
    static final Status DEGRADED = new Status("DEGRADED", "the decision log is not writing everything");
    /** How long a record set aside keeps the log DEGRADED. */
    static final Duration RECENT = Duration.ofMinutes(15);

    private final DecisionLog log;
    private final Clock clock;

    DecisionLogHealthIndicator(DecisionLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Health health() {
        DecisionLog.WriterState state = log.writerState();
        if (!state.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        Health.Builder health;
        if (!state.running()) {
            health = Health.down().withDetail("writer", "not running");
        } else if (state.failingSince() != null) {
            health = (state.queued() >= state.capacity() ? Health.down() : Health.status(DEGRADED))
                    .withDetail("writesFailingSince", state.failingSince().toString())
                    .withDetail("lastFailure", state.lastFailure());
        } else if (state.lastSetAside() != null
                && state.lastSetAside().isAfter(clock.instant().minus(RECENT))) {
            health = Health.status(DEGRADED);
        } else {
            health = Health.up();
        }
        if (state.lastSetAside() != null) {
            health.withDetail("lastSetAside", state.lastSetAside().toString())
                    .withDetail("lastSetAsideCause", state.lastSetAsideCause());
        }
        return health.withDetail("queued", state.queued()).withDetail("capacity", state.capacity()).build();
    }
}
