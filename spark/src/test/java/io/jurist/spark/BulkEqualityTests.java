package io.jurist.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job against the service itself: a million generated members (see {@link Members}) decided by the job in Spark
 * {@code local[2]} and, line for line, by the bulk endpoint ({@code POST /api/v1/decisions/batch}) of a Jurist
 * started from the service's jar. Every member's decision, reason codes, obligations, version and revision must be
 * the same, and so must the two batch summaries in the decision log. A control run with an off-by-one join shows
 * that the comparison finds a wrong job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkEqualityTests {

    static final String PURPOSE = "GENAI_TRAINING";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID = "INVALID";

    final long n = Long.getLong("jurist.spark.members", 1_000_000L);
    Path directory;
    JuristProcess jurist;
    SparkSession spark;
    JuristClient client;
    Snapshot snapshot;
    Path members;
    /** What the bulk endpoint answered for each line, in the form of {@link #key}. */
    String[] expected;
    String bulkBatchId;

    @BeforeAll
    void startJuristAndAskTheBulkEndpoint() throws Exception {
        directory = Files.createTempDirectory("jurist-spark-test");
        jurist = JuristProcess.start(directory);
        client = new JuristClient(jurist.url(), JuristProcess.TOKEN);
        snapshot = Snapshot.parse(client.snapshot(client.activeVersion(), PURPOSE));
        spark = SparkSession.builder().master("local[2]").appName("jurist-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        Members generator = new Members(20261202L, snapshot);
        members = directory.resolve("members");
        generator.table(spark, n).write().parquet(members.toString());
        Path ndjson = directory.resolve("members.ndjson");
        generator.writeNdjson(ndjson, n, PURPOSE);
        expected = bulk(ndjson);
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (jurist != null) {
            jurist.close();
        }
        if (directory != null) {
            JuristProcess.deleteQuietly(directory);
        }
    }

    /** Sends the lines to the bulk endpoint and keeps each answer line's key. */
    private String[] bulk(Path ndjson) throws IOException, InterruptedException {
        Path answers = directory.resolve("answers.ndjson");
        bulkBatchId = Curl.bulk(jurist.url(), ndjson, answers);
        String[] keys = new String[Math.toIntExact(n)];
        Map<String, String> interned = new HashMap<>();
        int line = 0;
        try (BufferedReader in = Files.newBufferedReader(answers, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                JsonNode answer = JSON.readTree(text);
                String key;
                if (answer.has("error")) {
                    key = INVALID;
                } else {
                    List<String> reasons = new ArrayList<>();
                    answer.get("reasons").forEach(r -> reasons.add(r.get("code").asText()));
                    List<String> obligations = new ArrayList<>();
                    answer.get("obligations").forEach(o -> obligations.add(o.get("code").asText()));
                    key = key(answer.get("decision").asText(), Members.sorted(reasons), Members.sorted(obligations),
                            answer.at("/ruleset/version").asInt(), answer.at("/ruleset/revision").asText());
                }
                keys[line++] = interned.computeIfAbsent(key, k -> k);
            }
        }
        assertThat(line).as("answer lines").isEqualTo(n);
        return keys;
    }

    static String key(String decision, List<String> reasons, List<String> obligations, int version,
                      String revision) {
        return decision + " " + reasons + " " + obligations + " v" + version + " " + revision;
    }

    /** The lines where the job's output differs from the bulk endpoint's answers (a line missing or doubled too). */
    private List<String> differences(Path output) {
        Dataset<Row> decided = spark.read().parquet(output.toString()).select(new Column("line"),
                new Column(MemberDecisions.DECISION), new Column(MemberDecisions.REASON_CODES),
                new Column(MemberDecisions.OBLIGATIONS), new Column(MemberDecisions.VERSION),
                new Column(MemberDecisions.REVISION));
        int[] seen = new int[expected.length];
        List<String> differences = new ArrayList<>();
        long count = 0;
        Iterator<Row> rows = decided.toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            count++;
            int line = Math.toIntExact(row.getLong(0));
            seen[line]++;
            String key = row.isNullAt(1) ? INVALID : key(row.getString(1), row.getList(2), row.getList(3),
                    row.getInt(4), row.getString(5));
            if (!key.equals(expected[line]) || seen[line] > 1) {
                differences.add("line " + line + ": job " + key + (seen[line] > 1 ? " (again)" : "") + ", bulk "
                        + expected[line]);
            }
        }
        for (int line = 0; line < seen.length; line++) {
            if (seen[line] == 0) {
                differences.add("line " + line + ": missing from the job's output");
            }
        }
        System.out.println("Compared " + count + " rows of the job's output with " + n + " bulk answers: "
                + differences.size() + " differences");
        return differences;
    }

    private DecideMembers.Options options(Path output, String snapshotFile) {
        return new DecideMembers.Options(members.toString(), "parquet", Map.of(), Members.COLUMNS, PURPOSE,
                snapshotFile == null ? jurist.url() : null, snapshotFile == null ? JuristProcess.TOKEN : null, null,
                snapshotFile, output.toString(), "parquet", null, null);
    }

    @Test
    void theJobDecidesEveryMemberAsTheBulkEndpointDoesAndLogsTheSameSummary() throws Exception {
        Path output = directory.resolve("decided");
        DecideMembers.Result result = DecideMembers.run(spark, options(output, null));

        List<String> differences = differences(output);
        assertThat(differences).as("first differences: %s", differences.subList(0, Math.min(10,
                differences.size()))).isEmpty();
        assertThat(result.rows()).isEqualTo(n);
        assertThat(result.invalid()).isPositive();
        assertThat(result.snapshot().version()).isEqualTo(client.activeVersion());

        // The decision log holds both runs as batches with the same counts.
        JsonNode bulk = loggedBatch(bulkBatchId);
        JsonNode job = loggedBatch(result.batchId());
        assertThat(job.get("kind").asText()).isEqualTo("BATCH");
        assertThat(job.get("decided").asLong()).isEqualTo(bulk.get("decided").asLong());
        assertThat(job.get("invalid").asLong()).isEqualTo(bulk.get("invalid").asLong());
        assertThat(job.get("ruleset")).isEqualTo(bulk.get("ruleset"));
        assertThat(job.get("inputSha256").asText()).isEqualTo(result.inputSha256()).startsWith("sha256:");
        assertThat(counts(job)).isEqualTo(counts(bulk));
        // The run's description beside the output names the batch.
        assertThat(JSON.readTree(output.resolve(DecideMembers.MANIFEST).toFile()).get("batchId").asText())
                .isEqualTo(result.batchId());
    }

    @Test
    void aJobWithAnOffByOneAgeRangeIsCaughtByTheComparison() throws Exception {
        Path snapshotFile = directory.resolve("snapshot.json");
        Files.writeString(snapshotFile, snapshot.json());
        Path output = directory.resolve("decided-wrongly");
        // Offline, from the snapshot file: nothing goes to the decision log.
        MemberDecisions wrong = new MemberDecisions() {
            @Override
            protected Column classCondition(Column age, Column atMicros, Dataset<Row> classes) {
                Column ageMatches = age.isNull().and(classes.col("s_age_min").isNull())
                        .or(age.geq(classes.col("s_age_min")).and(age.leq(classes.col("s_age_max"))));
                return ageMatches.and(atMicros.geq(classes.col("s_from"))).and(atMicros.lt(classes.col("s_to")));
            }
        };
        DecideMembers.Result result = DecideMembers.run(spark, options(output, snapshotFile.toString()), wrong);

        assertThat(result.batchId()).isNull();
        assertThat(differences(output)).isNotEmpty();
    }

    @Test
    void anAgeThatIsNoWholeNumberIsRefusedAsTheServiceRefusesIt() throws Exception {
        Instant at = Instant.parse("2025-06-01T00:00:00Z");
        Columns columns = new Columns("member_id", "country_code", "age_years", "consent_setting", null);
        StructType decimalAges = new StructType().add("member_id", DataTypes.StringType)
                .add("country_code", DataTypes.StringType).add("age_years", DataTypes.createDecimalType(5, 2))
                .add("consent_setting", DataTypes.StringType);
        StructType textAges = new StructType().add("member_id", DataTypes.StringType)
                .add("country_code", DataTypes.StringType).add("age_years", DataTypes.StringType)
                .add("consent_setting", DataTypes.StringType);
        Dataset<Row> decimals = spark.createDataFrame(List.of(
                RowFactory.create("whole", "GB", new java.math.BigDecimal("34.00"), null),
                RowFactory.create("half", "GB", new java.math.BigDecimal("34.50"), null),
                RowFactory.create("almost", "GB", new java.math.BigDecimal("17.99"), null)), decimalAges);
        Dataset<Row> texts = spark.createDataFrame(List.of(
                RowFactory.create("digits", "GB", "34", null),
                RowFactory.create("words", "GB", "thirty", null)), textAges);

        Map<String, Row> decided = new HashMap<>();
        for (Dataset<Row> table : List.of(decimals, texts)) {
            for (Row row : new MemberDecisions().decide(spark, table, snapshot, columns, at).collectAsList()) {
                decided.put(row.getString(row.fieldIndex("member_id")), row);
            }
        }

        // The service decides age 34 and refuses 34.5 (a JSON number that is not whole) with a 400.
        JsonNode service = JSON.readTree(decide("{\"subject\":{\"id\":\"m\",\"country\":\"GB\",\"age\":34},"
                + "\"purpose\":\"" + PURPOSE + "\",\"at\":\"" + at + "\"}", 200));
        decide("{\"subject\":{\"id\":\"m\",\"country\":\"GB\",\"age\":34.5},\"purpose\":\"" + PURPOSE
                + "\",\"at\":\"" + at + "\"}", 400);
        for (String whole : List.of("whole", "digits")) {
            Row row = decided.get(whole);
            assertThat(row.<String>getAs(MemberDecisions.INVALID)).as(whole).isNull();
            assertThat(row.<String>getAs(MemberDecisions.DECISION)).as(whole)
                    .isEqualTo(service.get("decision").asText());
        }
        for (String refused : List.of("half", "almost", "words")) {
            Row row = decided.get(refused);
            assertThat(row.<String>getAs(MemberDecisions.DECISION)).as(refused).isNull();
            assertThat(row.<String>getAs(MemberDecisions.INVALID)).as(refused)
                    .isEqualTo("subject.age must be a whole number between 0 and 150");
        }
    }

    /** One decision from the service's single endpoint; the status must be the one given. */
    private String decide(String body, int status) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        jurist.url() + "/api/v1/decisions")).header("Authorization", "Bearer " + JuristProcess.TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private JsonNode loggedBatch(String id) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(jurist.url()
                    + "/api/v1/decisions/" + id)).header("Authorization", "Bearer " + JuristProcess.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            // A bulk batch's summary is written by the log's writer shortly after its answer ends.
            assertThat(System.nanoTime()).as("batch %s in the decision log", id).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Map<String, Long> counts(JsonNode batch) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode count : batch.get("counts")) {
            List<String> reasons = new ArrayList<>();
            count.get("reasonCodes").forEach(r -> reasons.add(r.asText()));
            counts.merge(count.get("country").asText() + " " + count.get("purpose").asText() + " "
                    + count.get("decision").asText() + " " + Members.sorted(reasons), count.get("decisions").asLong(),
                    Long::sum);
        }
        return counts;
    }
}
