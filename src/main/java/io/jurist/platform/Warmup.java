package io.jurist.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Exercises the decision path before the node reports itself ready, so that its first minute under load is not
 * spent compiling it. Runs as an application runner: the web server already listens (the loopback step needs it),
 * liveness is CORRECT, but readiness stays REFUSING_TRAFFIC ({@code /actuator/health/readiness} and
 * {@code /actuator/health} answer 503 OUT_OF_SERVICE) until every runner has finished. A load balancer that
 * checks readiness sends nothing here until then. Nothing it does is decided about a member or written to
 * the decision log. Bounded by {@link WarmupProperties#timeLimit()} (each step gets an equal share of the time
 * left when it starts) and by counts; a failing step is logged and skipped, never fatal.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class Warmup implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private final WarmupProperties properties;
    private final ObjectProvider<WarmupStep> steps;
    private volatile List<String> done = List.of();

    Warmup(WarmupProperties properties, ObjectProvider<WarmupStep> steps) {
        this.properties = properties;
        this.steps = steps;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            LOG.info("Warm-up is off (jurist.warmup.enabled=false)");
            return;
        }
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(properties.timeLimit());
        List<String> report = new ArrayList<>();
        List<WarmupStep> all = steps.orderedStream().toList();
        for (int i = 0; i < all.size(); i++) {
            WarmupStep step = all.get(i);
            // Each step may take an equal share of the time left, so a slow first step (a loaded machine) does
            // not leave nothing for the next: the loopback step warms the largest part of a request's cost.
            Instant now = Instant.now();
            Instant share = now.plus(Duration.between(now, deadline).dividedBy(all.size() - i));
            long stepStart = System.nanoTime();
            try {
                String what = step.run(share);
                report.add(step.name() + ": " + what);
                LOG.info("Warm-up {}: {} in {} ms", step.name(), what, millisSince(stepStart));
            } catch (Exception e) {
                report.add(step.name() + ": failed");
                LOG.warn("Warm-up {} failed after {} ms, skipped: {}", step.name(), millisSince(stepStart),
                        e.toString());
            }
        }
        done = List.copyOf(report);
        LOG.info("Warm-up done in {} ms (limit {}); the node now reports itself ready", millisSince(start),
                properties.timeLimit());
    }

    /** What each step did in the last warm-up, in order. */
    List<String> done() {
        return done;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
