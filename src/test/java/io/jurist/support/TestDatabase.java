package io.jurist.support;

import java.util.Locale;

/**
 * The database the integration tests run against: H2 by default, PostgreSQL when the system property
 * {@value #PROPERTY} is {@code postgres} (the build's second run of the same integration tests).
 */
public enum TestDatabase {
    H2, POSTGRES;

    public static final String PROPERTY = "jurist.test.database";

    public static TestDatabase selected() {
        String value = System.getProperty(PROPERTY, "h2").trim().toUpperCase(Locale.ROOT);
        return value.isEmpty() ? H2 : valueOf(value);
    }
}
