package io.jurist.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code ./mvnw -Pbench test}: decisions per second of the job over 50 million generated members in Spark
 * {@code local[2]} (reading Parquet, joining, writing Parquet, counting the summary from what was written, posting
 * it), beside the bulk endpoint's over HTTP ({@code jurist.bench.bulk-lines}, 2 million by default, sent with
 * curl from a file), measured in the same run against the same service. Generating the table is not timed. Not a
 * test: it asserts only that both ran; the figures go to {@code target/spark-bench.txt} and docs/benchmarks.md.
 */
class SparkBenchmark {

    @Test
    void decisionsPerSecondOfTheJobBesideTheBulkEndpoint() throws Exception {
        long members = Long.getLong("jurist.spark.members", 50_000_000L);
        long bulkLines = Long.getLong("jurist.bench.bulk-lines", 2_000_000L);
        Path directory = Files.createTempDirectory("jurist-spark-bench");
        try (JuristProcess jurist = JuristProcess.start(directory)) {
            JuristClient client = new JuristClient(jurist.url(), JuristProcess.TOKEN);
            Snapshot snapshot = Snapshot.parse(client.snapshot(client.activeVersion(), BulkEqualityTests.PURPOSE));
            Members generator = new Members(42L, snapshot);
            SparkSession spark = SparkSession.builder().master("local[2]").appName("jurist-spark-bench")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", "UTC").getOrCreate();
            try {
                Path table = directory.resolve("members");
                generator.table(spark, members).write().parquet(table.toString());

                Path ndjson = directory.resolve("members.ndjson");
                generator.writeNdjson(ndjson, bulkLines, BulkEqualityTests.PURPOSE);
                long bulkStart = System.nanoTime();
                long answered = bulk(jurist, ndjson, directory.resolve("answers.ndjson"));
                double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;

                long jobStart = System.nanoTime();
                DecideMembers.Result result = DecideMembers.run(spark, new DecideMembers.Options(table.toString(),
                        "parquet", Map.of(), Members.COLUMNS, BulkEqualityTests.PURPOSE, jurist.url(),
                        JuristProcess.TOKEN, null, null, directory.resolve("decided").toString(), "parquet", null,
                        null));
                double jobSeconds = (System.nanoTime() - jobStart) / 1e9;

                assertThat(answered).isEqualTo(bulkLines);
                assertThat(result.rows()).isEqualTo(members);
                String report = String.format(java.util.Locale.ROOT,
                        "Spark job, local[2], %,d members: %,.0f decisions/s (%.1f s)%n"
                                + "Bulk endpoint over HTTP, %,d lines: %,.0f decisions/s (%.1f s)%n"
                                + "Ratio job / bulk: %.2f%n",
                        members, members / jobSeconds, jobSeconds, bulkLines, bulkLines / bulkSeconds, bulkSeconds,
                        (members / jobSeconds) / (bulkLines / bulkSeconds));
                System.out.print(report);
                Files.writeString(Path.of("target", "spark-bench.txt"), report);
            } finally {
                spark.stop();
            }
        } finally {
            JuristProcess.deleteQuietly(directory);
        }
    }

    /** Sends the lines to the bulk endpoint; answers how many answer lines came back. */
    private static long bulk(JuristProcess jurist, Path ndjson, Path answers) throws Exception {
        Curl.bulk(jurist.url(), ndjson, answers);
        try (var lines = Files.lines(answers)) {
            return lines.count();
        }
    }
}
