package io.jurist.audit;

/**
 * What the log keeps of a member's age: the band between the ages data-protection law draws lines at (13, the
 * usual minimum age for online services; 16, the GDPR's default age of digital consent; 18, adulthood and the
 * rules' minor exclusion). Enough to explain and re-check a decision under a rule that uses any of those lines,
 * without making the log a store of members' exact ages.
 */
public final class AgeBand {

    /** The age was not given. */
    public static final String UNKNOWN = "UNKNOWN";

    private AgeBand() {
    }

    /** The band of an age in years; {@link #UNKNOWN} for null. */
    public static String of(Integer age) {
        if (age == null) {
            return UNKNOWN;
        }
        if (age < 13) {
            return "0-12";
        }
        if (age < 16) {
            return "13-15";
        }
        if (age < 18) {
            return "16-17";
        }
        return "18+";
    }
}
