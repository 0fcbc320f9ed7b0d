package io.jurist.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A version's policy snapshot for one purpose, as Jurist's {@code GET /api/v1/rulesets/{version}/snapshot} gives it
 * in JSON: every class of inputs (country, consent, age range, instant range) with its decision, reason codes and
 * obligations.
 *
 * @param version  the ruleset version every row belongs to
 * @param revision its revision
 * @param purpose  the purpose
 * @param rows     the classes
 * @param json     the snapshot as received (kept beside the output)
 */
public record Snapshot(int version, String revision, String purpose, List<SnapshotRow> rows, String json) {

    /**
     * One class of inputs and its answer. Instants are microseconds since the epoch (Spark's precision; the
     * snapshot's boundaries are whole days), ages {@code [ageMin, ageMax)} or both null for an unknown age.
     */
    public record SnapshotRow(String country, String consent, Integer ageMin, Integer ageMax, long fromMicros,
                              long toMicros, String decision, List<String> reasonCodes, List<String> obligations) {
    }

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("s_country", DataTypes.StringType, false),
        DataTypes.createStructField("s_consent", DataTypes.StringType, false),
        DataTypes.createStructField("s_age_min", DataTypes.IntegerType, true),
        DataTypes.createStructField("s_age_max", DataTypes.IntegerType, true),
        DataTypes.createStructField("s_from", DataTypes.LongType, false),
        DataTypes.createStructField("s_to", DataTypes.LongType, false),
        DataTypes.createStructField("s_decision", DataTypes.StringType, false),
        DataTypes.createStructField("s_reason_codes", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("s_obligations", DataTypes.createArrayType(DataTypes.StringType, false), false)});

    /** Reads the snapshot's JSON. */
    public static Snapshot parse(String json) {
        JsonNode body;
        try {
            body = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("The snapshot is not JSON: " + e.getMessage(), e);
        }
        int version = body.path("version").asInt(-1);
        String revision = body.path("revision").asText(null);
        String purpose = body.path("purpose").asText(null);
        if (version < 0 || revision == null || purpose == null || !body.path("rows").isArray()) {
            throw new IllegalArgumentException("Not a Jurist snapshot: version, revision, purpose and rows expected");
        }
        List<SnapshotRow> rows = new ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            if (row.path("version").asInt() != version || !row.path("revision").asText().equals(revision)) {
                throw new IllegalArgumentException("A row of the snapshot belongs to another version");
            }
            List<String> reasons = new ArrayList<>();
            row.path("reasonCodes").forEach(r -> reasons.add(r.asText()));
            List<String> obligations = new ArrayList<>();
            row.path("obligations").forEach(o -> obligations.add(o.path("code").asText()));
            rows.add(new SnapshotRow(row.get("country").asText(), row.get("consent").asText(),
                    row.get("ageMin").isNull() ? null : row.get("ageMin").asInt(),
                    row.get("ageMax").isNull() ? null : row.get("ageMax").asInt(),
                    micros(Instant.parse(row.get("from").asText())), micros(Instant.parse(row.get("to").asText())),
                    row.get("decision").asText(), List.copyOf(reasons), List.copyOf(obligations)));
        }
        return new Snapshot(version, revision, purpose, List.copyOf(rows), json);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The rows as a small table, to broadcast. */
    public Dataset<Row> toDataFrame(SparkSession spark) {
        List<Row> list = new ArrayList<>(rows.size());
        for (SnapshotRow row : rows) {
            list.add(RowFactory.create(row.country(), row.consent(), row.ageMin(), row.ageMax(), row.fromMicros(),
                    row.toMicros(), row.decision(), row.reasonCodes(), row.obligations()));
        }
        return spark.createDataFrame(list, SCHEMA);
    }
}
