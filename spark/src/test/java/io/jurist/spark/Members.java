package io.jurist.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated members: member {@code i} is a pure function of {@code i} and the snapshot's edges, so that Spark
 * generates the table in parallel and the same lines go to the bulk endpoint. Most are valid, with ages at each
 * threshold of the rules and either side, and instants at each date a class starts and a microsecond either side;
 * some use lower case and the aliases UK and EL; a few are what the service refuses (an unassigned country, an age
 * outside 0..150, an unknown consent, a blank id, an instant before 1900).
 */
final class Members implements Serializable {

    static final StructType SCHEMA = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("member_id", DataTypes.StringType, true)
            .add("country_code", DataTypes.StringType, true)
            .add("age_years", DataTypes.IntegerType, true)
            .add("consent_setting", DataTypes.StringType, true)
            .add("at_micros", DataTypes.LongType, false);
    /** The generated table's column names, none of them the job's defaults. */
    static final Columns COLUMNS = new Columns("member_id", "country_code", "age_years", "consent_setting", "decided_at");

    private static final String[] CONSENTS = {"OPTED_IN", "OPTED_OUT", "NOT_SET"};
    private static final String[] REFUSED_COUNTRIES = {"XX", "ZZ", "G", "GBR", "", " GB", "ıt"};
    private static final long FROM = Snapshot.micros(Instant.parse("1990-01-01T00:00:00Z"));
    private static final long TO = Snapshot.micros(Instant.parse("2040-01-01T00:00:00Z"));
    private static final long BEFORE_1900 = Snapshot.micros(Instant.parse("1899-12-31T23:59:59.999999Z"));

    private final long seed;
    private final String[] countries;
    private final int[] ages;
    private final long[] instants;

    Members(long seed, Snapshot snapshot) {
        this.seed = seed;
        TreeSet<String> countries = new TreeSet<>();
        TreeSet<Integer> ages = new TreeSet<>();
        TreeSet<Long> instants = new TreeSet<>();
        long end = Snapshot.micros(Instant.parse("+10000-01-01T00:00:00Z"));
        for (Snapshot.SnapshotRow row : snapshot.rows()) {
            countries.add(row.country());
            if (row.ageMin() != null) {
                for (int edge : new int[] {row.ageMin(), row.ageMax()}) {
                    for (int age = edge - 1; age <= edge + 1; age++) {
                        if (age >= 0 && age <= 150) {
                            ages.add(age);
                        }
                    }
                }
            }
            for (long edge : new long[] {row.fromMicros(), row.toMicros()}) {
                if (edge < end) {
                    instants.add(edge - 1);
                    instants.add(edge);
                    instants.add(edge + 1);
                }
            }
        }
        instants.remove(BEFORE_1900 - 1);
        this.countries = countries.toArray(String[]::new);
        this.ages = ages.stream().mapToInt(Integer::intValue).toArray();
        this.instants = instants.stream().mapToLong(Long::longValue).filter(m -> m >= BEFORE_1900).toArray();
    }

    /** MATHEMATICAL DOUBLE-STRUCK CAPITAL A: one character, two UTF-16 units. */
    static final String OUTSIDE_BMP = new String(Character.toChars(0x1D538));

    /** Member {@code i}: line, id, country, age, consent, instant (microseconds). */
    Object[] member(long i) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        int d = random.nextInt(1000);
        // A few ids the service refuses (none, blank), and ids of characters outside the BMP at 128 UTF-16 units
        // (accepted) and 130 (refused: the service counts UTF-16 units, not characters).
        String id = d == 0 ? (random.nextBoolean() ? null : " ")
                : d == 1 ? OUTSIDE_BMP.repeat(random.nextBoolean() ? 64 : 65) : "member-" + i;
        int c = random.nextInt(100);
        String country;
        if (c < 88) {
            country = countries[random.nextInt(countries.length)];
        } else if (c < 93) {
            country = countries[random.nextInt(countries.length)].toLowerCase(java.util.Locale.ROOT);
        } else if (c < 97) {
            country = new String[] {"UK", "EL", "uk", "El"}[random.nextInt(4)];
        } else if (c < 99) {
            country = REFUSED_COUNTRIES[random.nextInt(REFUSED_COUNTRIES.length)];
        } else {
            country = null;
        }
        int a = random.nextInt(100);
        Integer age;
        if (a < 12) {
            age = null;
        } else if (a < 14) {
            age = new int[] {-1, 151, 200}[random.nextInt(3)];
        } else if (a < 60) {
            age = ages[random.nextInt(ages.length)];
        } else {
            age = random.nextInt(151);
        }
        int k = random.nextInt(100);
        String consent = k < 10 ? null : k < 12 ? "opted_in" : CONSENTS[random.nextInt(3)];
        int t = random.nextInt(1000);
        long at = t < 5 ? BEFORE_1900 - random.nextLong(1_000_000_000L)
                : t < 500 ? instants[random.nextInt(instants.length)] : random.nextLong(FROM, TO);
        return new Object[] {i, id, country, age, consent, at};
    }

    /** Members 0 to n - 1 as a table, with the instant as a timestamp column. */
    Dataset<Row> table(SparkSession spark, long n) {
        Members members = this;
        return spark.range(n).map((MapFunction<Long, Row>) i -> RowFactory.create(members.member(i)),
                        org.apache.spark.sql.Encoders.row(SCHEMA))
                .withColumn(COLUMNS.at(), functions.timestamp_micros(functions.col("at_micros")))
                .drop("at_micros");
    }

    /** Members 0 to n - 1 as the bulk endpoint's NDJSON, one request a line (absent fields left out). */
    void writeNdjson(Path file, long n, String purpose) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            writeNdjson(out, n, purpose);
        }
    }

    /** The same, to a writer. */
    void writeNdjson(Writer out, long n, String purpose) throws IOException {
        JsonFactory json = new JsonFactory();
        {
            for (long i = 0; i < n; i++) {
                Object[] m = member(i);
                JsonGenerator g = json.createGenerator(out);
                g.writeStartObject();
                g.writeObjectFieldStart("subject");
                if (m[1] != null) {
                    g.writeStringField("id", (String) m[1]);
                }
                if (m[2] != null) {
                    g.writeStringField("country", (String) m[2]);
                }
                if (m[3] != null) {
                    g.writeNumberField("age", (Integer) m[3]);
                }
                g.writeEndObject();
                g.writeStringField("purpose", purpose);
                if (m[4] != null) {
                    g.writeStringField("consent", (String) m[4]);
                }
                g.writeStringField("at", Instant.EPOCH.plus((Long) m[5], ChronoUnit.MICROS).toString());
                g.writeEndObject();
                g.flush();
                out.write('\n');
            }
        }
    }

    static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
