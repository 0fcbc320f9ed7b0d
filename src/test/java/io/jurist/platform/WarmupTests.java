package io.jurist.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class WarmupTests {

    /** A step that records the deadline it was given, or fails. */
    record Recording(String name, List<Instant> deadlines, boolean fails) implements WarmupStep {
        @Override
        public String run(Instant deadline) {
            deadlines.add(deadline);
            if (fails) {
                throw new IllegalStateException("boom");
            }
            return "ran";
        }
    }

    private static Warmup warmup(WarmupProperties properties, WarmupStep... steps) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        for (WarmupStep step : steps) {
            beans.registerSingleton(step.name(), step);
        }
        return new Warmup(properties, beans.getBeanProvider(WarmupStep.class));
    }

    @Test
    void eachStepGetsAnEqualShareOfTheTimeLeftSoASlowFirstStepLeavesTimeForTheNext() {
        List<Instant> deadlines = new ArrayList<>();
        Instant before = Instant.now();
        Warmup warmup = warmup(new WarmupProperties(true, Duration.ofSeconds(10), 1, 1, 1, 1),
                new Recording("first", deadlines, false), new Recording("second", deadlines, false));
        warmup.run(null);
        assertThat(deadlines).hasSize(2);
        // The first may use half of the 10 s, the second what is left of them.
        assertThat(Duration.between(deadlines.get(0), deadlines.get(1))).isGreaterThan(Duration.ofSeconds(4));
        assertThat(deadlines.get(1)).isAfterOrEqualTo(before.plusSeconds(10));
        assertThat(warmup.done()).containsExactly("first: ran", "second: ran");
    }

    @Test
    void aFailingStepIsSkippedAndTheOthersRun() {
        List<Instant> deadlines = new ArrayList<>();
        Warmup warmup = warmup(new WarmupProperties(true, Duration.ofSeconds(10), 1, 1, 1, 1),
                new Recording("first", deadlines, true), new Recording("second", deadlines, false));
        warmup.run(null);
        assertThat(warmup.done()).containsExactly("first: failed", "second: ran");
    }

    @Test
    void offRunsNothing() {
        List<Instant> deadlines = new ArrayList<>();
        Warmup warmup = warmup(new WarmupProperties(false, Duration.ofSeconds(10), 1, 1, 1, 1),
                new Recording("first", deadlines, false));
        warmup.run(null);
        assertThat(deadlines).isEmpty();
        assertThat(warmup.done()).isEmpty();
    }
}
