package io.jurist.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark job: decides every member of a table with the policy snapshot of one Jurist version and purpose, writes
 * each member with its decision, reason codes, obligations, version and revision, and posts one summary of the run
 * to Jurist's decision log.
 *
 * <p>The version is pinned: the job reads the active version once (or takes {@code --version}), fetches that
 * version's snapshot by its number in the path, and decides every member with it, whatever is activated meanwhile.
 * Before posting the summary it checks that the version still has the snapshot's revision (versions never change;
 * the service also refuses a summary whose revision is not its version's). See docs/data-platform.md.
 */
public final class DecideMembers {

    /** The name of the run's description, written beside the output's files. */
    public static final String MANIFEST = "_jurist_run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to decide and where.
     *
     * @param input         the members: a path (or paths, comma-separated), or a table's name with format {@code table}
     * @param format        parquet, csv, json, orc, any Spark source, or {@code table}
     * @param readOptions   options for the reader (e.g. {@code header=true} for CSV)
     * @param columns       where the members table keeps what a decision needs
     * @param purpose       the purpose
     * @param juristUrl     the service's address (null for an offline run from a snapshot file)
     * @param token         the data platform's bearer token
     * @param version       the version to decide with; null: the active one, read once at the start
     * @param snapshotFile  a snapshot fetched before (JSON), for an offline run: no summary is posted
     * @param output        where to write the decided members
     * @param outputFormat  parquet, orc or json
     * @param at            the instant of every decision when the table has no instant column; null: the run's start
     * @param inputId       what identifies a source that is not a set of files (e.g. a table and its snapshot id)
     */
    public record Options(String input, String format, Map<String, String> readOptions, Columns columns,
                          String purpose, String juristUrl, String token, Integer version, String snapshotFile,
                          String output, String outputFormat, Instant at, String inputId) {
    }

    /**
     * What a run did.
     *
     * @param snapshot    the snapshot that decided every member
     * @param rows        members read
     * @param decided     members decided
     * @param invalid     members the service would refuse
     * @param inputSha256 the input's identity
     * @param summary     the summary (as posted)
     * @param batchId     the id the decision log keeps the summary under, or null for an offline run
     * @param activeAtEnd the version active when the run ended (null offline): another one than the snapshot's
     *                    means a version was activated meanwhile, which did not change this run's decisions
     */
    public record Result(Snapshot snapshot, long rows, long decided, long invalid, String inputSha256,
                         ObjectNode summary, String batchId, Integer activeAtEnd) {
    }

    private DecideMembers() {
    }

    public static void main(String[] args) {
        Options options = parse(args);
        SparkSession spark = SparkSession.builder().appName("jurist-decide-members").getOrCreate();
        try {
            Result result = run(spark, options);
            System.out.println("Decided " + result.decided() + " of " + result.rows() + " members with version "
                    + result.snapshot().version() + " (revision " + result.snapshot().revision() + "), "
                    + result.invalid() + " not decidable; written to " + options.output()
                    + (result.batchId() == null ? "; offline: no summary posted"
                    : "; decision log batch " + result.batchId()));
            if (result.activeAtEnd() != null && result.activeAtEnd() != result.snapshot().version()) {
                System.out.println("Version " + result.activeAtEnd() + " was activated during the run; every member "
                        + "was decided with version " + result.snapshot().version() + ", as pinned.");
            }
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in the given session. */
    public static Result run(SparkSession spark, Options options) {
        return run(spark, options, new MemberDecisions());
    }

    static Result run(SparkSession spark, Options options, MemberDecisions decisions) {
        Instant startedAt = Instant.now();
        JuristClient jurist = options.juristUrl() == null ? null : new JuristClient(options.juristUrl(),
                options.token());
        Snapshot snapshot = snapshot(options, jurist);

        Dataset<Row> members = "table".equals(options.format()) ? spark.table(options.input())
                : spark.read().format(options.format()).options(options.readOptions())
                        .load(options.input().split(","));
        Instant at = options.at() != null ? options.at() : startedAt;
        decisions.decide(spark, members, snapshot, options.columns(), at)
                .write().mode(SaveMode.ErrorIfExists).format(options.outputFormat()).save(options.output());

        // The summary counts what was written.
        List<Row> groups = spark.read().format(options.outputFormat()).load(options.output())
                .groupBy(col(MemberDecisions.COUNTRY), col(MemberDecisions.DECISION), col(MemberDecisions.REASON_CODES))
                .count().collectAsList();
        ObjectNode summary = JSON.createObjectNode();
        summary.putObject("ruleset").put("version", snapshot.version()).put("revision", snapshot.revision());
        summary.put("purpose", snapshot.purpose());
        String inputSha256 = options.inputId() != null ? InputIdentity.ofName(options.inputId())
                : InputIdentity.ofFiles(members, spark.sparkContext().hadoopConfiguration());
        summary.put("inputSha256", inputSha256);
        summary.put("startedAt", startedAt.toString());
        ArrayNode counts = JSON.createArrayNode();
        long decided = 0;
        long invalid = 0;
        for (Row group : groups) {
            long n = group.getLong(3);
            if (group.isNullAt(1)) {
                invalid += n;
                continue;
            }
            decided += n;
            ObjectNode count = counts.addObject();
            count.put("country", group.getString(0));
            count.put("decision", group.getString(1));
            ArrayNode reasons = count.putArray("reasonCodes");
            group.<String>getList(2).forEach(reasons::add);
            count.put("decisions", n);
        }
        summary.put("rows", decided + invalid);
        summary.put("decided", decided);
        summary.put("invalid", invalid);
        summary.set("counts", counts);

        String batchId = null;
        Integer activeAtEnd = null;
        if (jurist != null) {
            String revision = jurist.revision(snapshot.version());
            if (!revision.equals(snapshot.revision())) {
                throw new IllegalStateException("Version " + snapshot.version() + " now has revision " + revision
                        + ", not the snapshot's " + snapshot.revision() + ": no summary posted");
            }
            activeAtEnd = jurist.activeVersion();
            summary.put("finishedAt", Instant.now().toString());
            batchId = jurist.postSummary(summary.toString());
        } else {
            summary.put("finishedAt", Instant.now().toString());
        }
        writeManifest(spark, options, snapshot, summary, batchId);
        return new Result(snapshot, decided + invalid, decided, invalid, inputSha256, summary, batchId, activeAtEnd);
    }

    private static Snapshot snapshot(Options options, JuristClient jurist) {
        if (options.snapshotFile() != null) {
            try {
                Snapshot snapshot = Snapshot.parse(Files.readString(java.nio.file.Path.of(options.snapshotFile())));
                if (options.version() != null && options.version() != snapshot.version()) {
                    throw new IllegalArgumentException("The snapshot file is of version " + snapshot.version()
                            + ", not " + options.version());
                }
                if (options.purpose() != null && !options.purpose().equals(snapshot.purpose())) {
                    throw new IllegalArgumentException("The snapshot file is for " + snapshot.purpose() + ", not "
                            + options.purpose());
                }
                return snapshot;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (jurist == null) {
            throw new IllegalArgumentException("Give --jurist-url (and the token) or --snapshot-file");
        }
        int version = options.version() != null ? options.version() : jurist.activeVersion();
        Snapshot snapshot = Snapshot.parse(jurist.snapshot(version, options.purpose()));
        if (snapshot.version() != version) {
            throw new IllegalStateException("Asked for version " + version + ", got " + snapshot.version());
        }
        return snapshot;
    }

    private static void writeManifest(SparkSession spark, Options options, Snapshot snapshot, ObjectNode summary,
                                      String batchId) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("input", options.input());
        manifest.put("inputId", options.inputId());
        manifest.put("batchId", batchId);
        manifest.set("summary", summary);
        try {
            manifest.set("snapshot", JSON.readTree(snapshot.json()));
            Path path = new Path(options.output(), MANIFEST);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(path, false)) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest)
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code --name=value} arguments; {@code --read.NAME=value} are reader options. The token is read from
     * the environment variable {@code JURIST_TOKEN} unless {@code --token} is given (a command line is visible to
     * every user of the machine).
     */
    static Options parse(String[] args) {
        Map<String, String> named = new LinkedHashMap<>();
        Map<String, String> readOptions = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Arguments are --name=value; not " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            if (name.startsWith("read.")) {
                readOptions.put(name.substring(5), value);
            } else {
                named.put(name, value);
            }
        }
        Columns columns = new Columns(named.getOrDefault("id-column", Columns.DEFAULT.id()),
                named.getOrDefault("country-column", Columns.DEFAULT.country()),
                named.getOrDefault("age-column", Columns.DEFAULT.age()),
                named.getOrDefault("consent-column", Columns.DEFAULT.consent()), named.get("at-column"));
        String token = named.containsKey("token") ? named.get("token") : System.getenv("JURIST_TOKEN");
        Options options = new Options(required(named, "input"), named.getOrDefault("format", "parquet"),
                readOptions, columns, named.get("purpose"), named.get("jurist-url"), token,
                named.containsKey("version") ? Integer.valueOf(named.get("version")) : null,
                named.get("snapshot-file"), required(named, "output"),
                named.getOrDefault("output-format", "parquet"),
                named.containsKey("at") ? Instant.parse(named.get("at")) : null, named.get("input-id"));
        if (options.snapshotFile() == null && options.purpose() == null) {
            throw new IllegalArgumentException("--purpose is required");
        }
        if (options.juristUrl() != null && options.token() == null) {
            throw new IllegalArgumentException("The token is required: JURIST_TOKEN or --token");
        }
        if (!List.of("parquet", "orc", "json").contains(options.outputFormat())) {
            throw new IllegalArgumentException("--output-format is parquet, orc or json (the reason codes are lists)");
        }
        return options;
    }

    private static String required(Map<String, String> named, String name) {
        String value = named.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
