package io.jurist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log switched off without a database ({@link DecisionLog#off}): it takes everything and keeps nothing. */
class DecisionLogOffTests {

    private final DecisionLog log = DecisionLog.off(Clock.fixed(DecisionLogTests.NOW, ZoneOffset.UTC));

    @Test
    void takesDecisionsAndBatchesAndKeepsNone() throws Exception {
        log.start();
        assertThat(log.enabled()).isFalse();
        log.record(DecisionLogTests.decision("d-1"));
        BatchRecorder batch = log.startBatch("c", 1, "x");
        assertThat(batch.linesLogged()).isFalse();
        InputStream in = new ByteArrayInputStream(new byte[] {1});
        assertThat(batch.digesting(in)).isSameAs(in);
        batch.decided("GB", DecisionLogTests.GENAI, "DENY", List.of("X"));
        batch.finish(1, true);

        assertThat(log.flush(Duration.ofMillis(1))).isTrue();
        assertThat(log.decision("d-1")).isEmpty();
        assertThat(log.batch(batch.id())).isEmpty();
        assertThat(log.dailyCounts(null, null, Instant.EPOCH, DecisionLogTests.NOW.plusSeconds(86_400))).isEmpty();
        assertThat(log.purgeExpired()).isZero();
        log.stop();
    }

    @Test
    void saysItIsOffAndHasNoWriterRunning() {
        log.start();
        assertThat(log.isRunning()).isFalse();
        assertThat(log.writerState()).isEqualTo(
                new DecisionLog.WriterState(false, false, null, null, null, null, 0, 0));
    }

    @Test
    void hasNoKeyToPseudonymiseWith() {
        assertThatThrownBy(() -> log.pseudonym("member-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLogWithoutADatabaseMustBeAskedForAsOff() {
        assertThatThrownBy(() -> new DecisionLog(null, DecisionLogProperties.defaults().withEnabled(false), "",
                Clock.systemUTC(), new SimpleMeterRegistry()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("off()");
    }
}
