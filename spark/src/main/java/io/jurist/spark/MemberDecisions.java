package io.jurist.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Decides every member of a table with a policy snapshot: the members are joined with the snapshot's classes,
 * broadcast, on country and consent (an equi-join, so each member meets only the few classes of its country and
 * consent) and then the range condition on age and instant picks the one class that holds the member.
 *
 * <p>The inputs are read as the service reads a request: the country in any case, with the aliases UK and EL; a
 * missing consent is NOT_SET; an unknown age is null. A member the service would refuse (a blank or too long id,
 * an unassigned country, an age outside 0..150, another consent value, an instant outside the accepted range)
 * matches no class and is written with {@code jurist_decision} null and {@code jurist_invalid} saying why.
 */
public class MemberDecisions {

    /** The columns the job adds to each member. */
    public static final String DECISION = "jurist_decision";
    public static final String REASON_CODES = "jurist_reason_codes";
    public static final String OBLIGATIONS = "jurist_obligations";
    public static final String VERSION = "jurist_version";
    public static final String REVISION = "jurist_revision";
    public static final String INVALID = "jurist_invalid";
    /** The country as decided (canonical upper-case code), for the summary's counts. */
    public static final String COUNTRY = "jurist_country";

    private static final int MAX_ID = 128;
    private static final int MAX_AGE = 150;

    /**
     * Each member with its decision, reason codes, obligations, version and revision (or why it was not decided).
     *
     * @param at the instant of members without an instant column (the run's)
     */
    public Dataset<Row> decide(SparkSession spark, Dataset<Row> members, Snapshot snapshot, Columns columns,
                               Instant at) {
        Column rawCountry = col(columns.country()).cast(DataTypes.StringType);
        Column upper = functions.upper(rawCountry);
        Column country = when(rawCountry.rlike("^[A-Za-z]{2}$"),
                when(upper.equalTo("UK"), lit("GB")).when(upper.equalTo("EL"), lit("GR")).otherwise(upper));
        Column rawConsent = col(columns.consent()).cast(DataTypes.StringType);
        Column consent = functions.coalesce(rawConsent, lit("NOT_SET"));
        // try_cast: a value that is no number (or no instant) makes the member invalid instead of failing the job
        // (Spark 4 casts in ANSI mode).
        Column age = col(columns.age()).try_cast(DataTypes.IntegerType);
        Column atMicros = columns.at() == null ? lit(Snapshot.micros(at))
                : functions.unix_micros(col(columns.at()).try_cast(DataTypes.TimestampType));
        Column id = col(columns.id()).cast(DataTypes.StringType);

        Dataset<Row> keyed = members
                .withColumn("m_country", country)
                .withColumn("m_consent", consent)
                .withColumn("m_age", age)
                .withColumn("m_at", atMicros)
                .withColumn("m_invalid", invalid(id, rawCountry, country, rawConsent, col(columns.age()), age,
                        atMicros));
        Dataset<Row> classes = broadcast(snapshot.toDataFrame(spark));
        Column join = keyed.col("m_invalid").isNull()
                .and(keyed.col("m_country").equalTo(classes.col("s_country")))
                .and(keyed.col("m_consent").equalTo(classes.col("s_consent")))
                .and(classCondition(keyed.col("m_age"), keyed.col("m_at"), classes));
        Dataset<Row> joined = keyed.join(classes, join, "left_outer");
        Column decided = col("s_decision").isNotNull();
        return joined
                .withColumn(DECISION, col("s_decision"))
                .withColumn(REASON_CODES, col("s_reason_codes"))
                .withColumn(OBLIGATIONS, col("s_obligations"))
                .withColumn(VERSION, when(decided, lit(snapshot.version())))
                .withColumn(REVISION, when(decided, lit(snapshot.revision())))
                .withColumn(COUNTRY, when(decided, col("m_country")))
                .withColumn(INVALID, when(decided, lit(null).cast(DataTypes.StringType))
                        .otherwise(functions.coalesce(col("m_invalid"),
                                lit("subject.country is not an assigned code, or the instant is outside the accepted range"))))
                .drop("m_country", "m_consent", "m_age", "m_at", "m_invalid", "s_country", "s_consent", "s_age_min",
                        "s_age_max", "s_from", "s_to", "s_decision", "s_reason_codes", "s_obligations");
    }

    /**
     * Whether the member's age and instant lie in the class's ranges: {@code [ageMin, ageMax)} (both null for an
     * unknown age) and {@code [from, to)}.
     */
    protected Column classCondition(Column age, Column atMicros, Dataset<Row> classes) {
        Column ageMatches = age.isNull().and(classes.col("s_age_min").isNull())
                .or(age.geq(classes.col("s_age_min")).and(age.lt(classes.col("s_age_max"))));
        return ageMatches.and(atMicros.geq(classes.col("s_from"))).and(atMicros.lt(classes.col("s_to")));
    }

    /** The age as a whole number of years (as a double), or null when it is not one (34.5, "abc"). */
    private static Column wholeAge(Column rawAge) {
        Column years = rawAge.try_cast(DataTypes.DoubleType);
        return when(years.equalTo(functions.floor(years)), years);
    }

    /** Why the service would refuse the member, or null. */
    private static Column invalid(Column id, Column rawCountry, Column country, Column rawConsent, Column rawAge,
                                  Column age, Column atMicros) {
        return when(id.isNull().or(id.rlike("^\\p{javaWhitespace}*$")), lit("subject.id is required"))
                // The service counts an id's length in UTF-16 units, as Java's String.length() does.
                .when(functions.length(functions.encode(id, "UTF-16BE")).gt(2 * MAX_ID),
                        lit("subject.id is longer than " + MAX_ID + " characters"))
                .when(rawCountry.isNull(), lit("subject.country is required"))
                .when(country.isNull(), lit("subject.country is not an ISO 3166-1 alpha-2 code"))
                // A fractional age (34.5 in a decimal column) is refused as the service refuses it, not cut.
                .when(rawAge.isNotNull().and(wholeAge(rawAge).isNull().or(age.isNull()).or(age.lt(0))
                                .or(age.gt(MAX_AGE))),
                        lit("subject.age must be a whole number between 0 and " + MAX_AGE))
                .when(rawConsent.isNotNull().and(functions.not(rawConsent.isin("OPTED_IN", "OPTED_OUT", "NOT_SET"))),
                        lit("consent must be one of OPTED_IN, OPTED_OUT, NOT_SET"))
                .when(atMicros.isNull(), lit("the instant is missing"));
    }
}
