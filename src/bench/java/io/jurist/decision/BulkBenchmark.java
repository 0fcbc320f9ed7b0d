package io.jurist.decision;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jurist.audit.DecisionLog;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RulesetCompiler;
import io.jurist.ruleset.RulesetFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The batch endpoint's work without HTTP: NDJSON bytes in, answer lines out (to a counting sink),
 * with the strict reader, the checks, chunked Drools executions and the writer thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class BulkBenchmark {

    static final int LINES = 100_000;

    BatchDecider decider;
    CompiledRuleset ruleset;
    byte[] body;

    @Setup(Level.Trial)
    public void setUp() {
        ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
        // As the application configures it (application.yaml): strict reading, instants as text.
        ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        // The decision log is off here: this measures deciding; DecisionLogBenchmark measures logging.
        decider = new BatchDecider(null, Clock.systemUTC(), mapper, 1000, DecisionLog.off(Clock.systemUTC()));
        String[] countries = {"US", "GB", "DE", "FR", "JP", "BR", "IN", "CH", "NO", "UK"};
        String[] consents = {"NOT_SET", "OPTED_IN", "OPTED_OUT"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            text.append("{\"subject\":{\"id\":\"member-").append(i).append("\",\"country\":\"")
                    .append(countries[i % countries.length]).append('"')
                    .append(i % 5 == 0 ? "" : ",\"age\":" + (10 + i % 70)).append("},\"purpose\":\"GENAI_TRAINING\",")
                    .append("\"consent\":\"").append(consents[i % 3]).append("\",\"at\":\"2025-0")
                    .append(1 + i % 9).append("-01T00:00:00Z\"}\n");
        }
        body = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decider.stop();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long bulkNdjson() throws IOException {
        Counting out = new Counting();
        long lines = decider.decide(ruleset, new ByteArrayInputStream(body), out);
        if (lines != LINES || out.newlines != LINES) {
            throw new IllegalStateException(out.newlines + " answers for " + lines + " lines");
        }
        return out.bytes;
    }

    /** Counts bytes and answer lines, keeps nothing. */
    static final class Counting extends OutputStream {
        long bytes;
        long newlines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                newlines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    newlines++;
                }
            }
        }
    }
}
