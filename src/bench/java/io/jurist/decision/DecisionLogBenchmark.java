package io.jurist.decision;

import io.jurist.JuristApplication;
import io.jurist.audit.DecisionLog;
import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Single decisions per second through the application's own {@link Decider} (checks, Drools, the answer, and the
 * hand-over to the decision log), with the decision log switched off and on, in one JMH run. The application runs
 * in process with its default embedded database, an H2 file (under {@code target/bench-decision-log}).
 *
 * <p>Each operation decides {@value #REQUESTS} requests and then waits until the log has written every one of them
 * ({@link DecisionLog#flush}), so that "on" is the rate at which decisions are made <em>and logged</em>, not the rate
 * at which they fill the queue; and the run fails if the log dropped any. The log's tables are emptied after each
 * iteration (untimed), so that every iteration writes into tables of the same size.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DecisionLogBenchmark {

    static final int REQUESTS = 10_000;

    /** The decision log switched off (the baseline) or on. */
    @Param({"off", "on"})
    public String log;

    ConfigurableApplicationContext app;
    Decider decider;
    DecisionLog decisionLog;
    JdbcClient jdbc;
    List<DecisionRequest> requests;

    @Setup(Level.Trial)
    public void start() {
        Path database = Path.of("target", "bench-decision-log", log + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        app = new SpringApplicationBuilder(JuristApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE",
                "--camunda.bpm.webapp.enabled=false",
                "--camunda.bpm.job-execution.enabled=false",
                "--logging.level.root=WARN",
                "--jurist.audit.decision-log.enabled=" + log.equals("on"));
        decider = app.getBean(Decider.class);
        decisionLog = app.getBean(DecisionLog.class);
        jdbc = app.getBean(JdbcClient.class);
        requests = requests(REQUESTS, 42);
    }

    /** Requests as the API receives them: every assigned country, a fifth of ages unknown, every consent. */
    static List<DecisionRequest> requests(int size, long seed) {
        String[] countries = Countries.assigned().toArray(new String[0]);
        Consent[] consents = Consent.values();
        long from = Instant.parse("2024-06-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2025-06-01T00:00:00Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(seed);
        List<DecisionRequest> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Integer age = random.nextInt(5) == 0 ? null : 5 + random.nextInt(80);
            list.add(new DecisionRequest(
                    new DecisionRequest.Subject("member-" + i, countries[random.nextInt(countries.length)], age),
                    "GENAI_TRAINING", consents[random.nextInt(consents.length)].name(),
                    Instant.ofEpochSecond(random.nextLong(from, to)).toString()));
        }
        return list;
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void singleDecisions(Blackhole bh) {
        for (DecisionRequest request : requests) {
            bh.consume(decider.decide(request, "bench"));
        }
        if (!decisionLog.flush(Duration.ofMinutes(1))) {
            throw new IllegalStateException("The decision log did not write the decisions within a minute");
        }
    }

    @TearDown(Level.Iteration)
    public void emptyTheLog() {
        jdbc.sql("delete from jurist_decision_log").update();
    }

    @TearDown(Level.Trial)
    public void stop() {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        double written = meters.get("jurist.decisions.log.written").tag("kind", "single").counter().count();
        double dropped = meters.get("jurist.decisions.log.dropped").counters().stream().mapToDouble(Counter::count)
                .sum();
        System.out.printf("%ndecision log %s: %,.0f decisions written, %,.0f dropped%n", log, written, dropped);
        app.close();
        if (dropped > 0) {
            throw new IllegalStateException("The decision log dropped " + dropped + " decisions: the figure is void");
        }
    }
}
