package io.jurist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the policy benchmarks in one JMH run and prints each figure with its ratio to the baselines
 * measured in that same run (the bulk figure includes parsing and writing NDJSON, which the baselines
 * do not do). Takes JMH's own command-line options (for example {@code -t 2}).
 */
public final class JmhMain {

    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions given = new CommandLineOptions(args);
        // The full check, DMN included, once before anything is timed; a difference fails the run.
        var ruleset = new io.jurist.ruleset.RulesetCompiler().compile(1,
                io.jurist.ruleset.RulesetFiles.readDirectory(Path.of("rules")), null);
        var population = Population.generate(PolicyBenchmark.POPULATION, 42);
        Agreement.checkAll(ruleset, new HandWrittenPolicy(ruleset), new DmnPolicy(ruleset), population, Instant.now());
        System.out.println("Jurist (single and batched), hand-written and Camunda DMN agree on all "
                + population.size() + " cases.");
        Options options = new OptionsBuilder().parent(given)
                .include(given.getIncludes().isEmpty() ? "PolicyBenchmark|BulkBenchmark|DecisionLogBenchmark"
                        : given.getIncludes().get(0))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            String chunk = result.getParams().getParam("chunk");
            String log = result.getParams().getParam("log");
            scores.put(chunk != null ? name + "(chunk=" + chunk + ")" : log != null ? name + "(log=" + log + ")" : name,
                    result.getPrimaryResult().getScore());
        }
        String summary = summary(scores, options.getThreads().orElse(1));
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench-summary.txt"), summary);
    }

    static String summary(Map<String, Double> scores, int threads) throws IOException {
        double handWritten = scores.getOrDefault("handWritten", Double.NaN);
        double dmn = scores.getOrDefault("camundaDmn", Double.NaN);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nDecisions per second, full results, %d thread(s), %s, %d cores%n",
                threads, Instant.now(), Runtime.getRuntime().availableProcessors()));
        text.append(String.format(Locale.ROOT, "%-32s %14s %14s %14s%n", "benchmark", "decisions/s",
                "x hand-written", "x camunda-dmn"));
        scores.forEach((name, score) -> text.append(String.format(Locale.ROOT, "%-32s %,14.0f %14.3f %14.1f%n",
                name, score, score / handWritten, score / dmn)));
        Double logOn = scores.get("singleDecisions(log=on)");
        Double logOff = scores.get("singleDecisions(log=off)");
        if (logOn != null && logOff != null) {
            text.append(String.format(Locale.ROOT, "%nSingle decisions through Decider, decision log on / off: %.3f%n",
                    logOn / logOff));
        }
        return text.toString();
    }
}
