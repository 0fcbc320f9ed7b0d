package io.jurist.bench;

import io.jurist.decision.Evaluation;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.RulesetCompiler;
import io.jurist.ruleset.RulesetFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full decisions per second (decision, reasons with rule names, obligations, as answer objects) for
 * the same population: Jurist one request per Drools execution and many per execution, the
 * hand-written baseline, and Camunda's DMN engine. Each fork first checks that all three agree.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(PolicyBenchmark.POPULATION)
public class PolicyBenchmark {

    static final int POPULATION = 10_000;
    static final int DMN_SLICE = 100;

    /** The compiled ruleset, the baselines and the population, checked for agreement once per fork. */
    @State(Scope.Benchmark)
    public static class Policies {
        CompiledRuleset ruleset;
        HandWrittenPolicy handWritten;
        DmnPolicy dmn;
        List<DecisionQuery> population;
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        int cursor;

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
            handWritten = new HandWrittenPolicy(ruleset);
            dmn = new DmnPolicy(ruleset);
            population = Population.generate(POPULATION, 42);
            // Every fork checks before it times; the slow DMN check only where DMN is timed.
            Agreement.checkAll(ruleset, handWritten,
                    params.getBenchmark().endsWith("camundaDmn") ? dmn : null, population, now);
        }
    }

    /** How many requests go into one Drools execution. */
    @State(Scope.Benchmark)
    public static class Chunking {
        @Param({"10", "100", "1000", "10000"})
        public int chunk;
    }

    @Benchmark
    public void juristSingle(Policies p, Blackhole bh) {
        for (DecisionQuery q : p.population) {
            bh.consume(Evaluation.decide(p.ruleset, q, p.now));
        }
    }

    @Benchmark
    public void juristBatched(Policies p, Chunking c, Blackhole bh) {
        List<DecisionQuery> population = p.population;
        for (int from = 0; from < population.size(); from += c.chunk) {
            List<DecisionQuery> chunk = population.subList(from, Math.min(population.size(), from + c.chunk));
            bh.consume(Evaluation.decideAll(p.ruleset, chunk, p.now));
        }
    }

    @Benchmark
    public void handWritten(Policies p, Blackhole bh) {
        for (DecisionQuery q : p.population) {
            bh.consume(p.handWritten.decide(q, p.now));
        }
    }

    /** DMN is three orders of magnitude slower: a slice of the population per call keeps calls short. */
    @Benchmark
    @OperationsPerInvocation(DMN_SLICE)
    public void camundaDmn(Policies p, Blackhole bh) {
        int from = p.cursor;
        for (int i = 0; i < DMN_SLICE; i++) {
            bh.consume(p.dmn.decide(p.population.get(from + i), p.now));
        }
        p.cursor = (from + DMN_SLICE) % POPULATION;
    }
}
