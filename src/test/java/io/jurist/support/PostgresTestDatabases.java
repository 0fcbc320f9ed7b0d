package io.jurist.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh, empty PostgreSQL databases for tests, made on the server that {@value #URL} names (a JDBC
 * URL of an existing database there, whose user may create databases). {@code .ci/run} sets it.
 */
public final class PostgresTestDatabases {

    public static final String URL = "JURIST_TEST_POSTGRES_URL";
    public static final String USER = "JURIST_TEST_POSTGRES_USER";
    public static final String PASSWORD = "JURIST_TEST_POSTGRES_PASSWORD";
    /** Every database made here starts with this, so that a crashed run's leftovers can be found. */
    public static final String PREFIX = "jurist_test_";

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(.*)");

    /** A database made for one test application. */
    public record Database(String name, String url, String user, String password) {
    }

    private PostgresTestDatabases() {
    }

    public static boolean configured() {
        String url = System.getenv(URL);
        return url != null && !url.isBlank();
    }

    /** Makes a new empty database with a unique name. */
    public static Database create() {
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "");
        execute("create database " + name);
        Matcher url = adminUrl();
        return new Database(name, url.group(1) + name + url.group(3), user(), password());
    }

    /**
     * Drops a database made here, ending any connection still open to it. A database that cannot be
     * dropped yet (autovacuum may be at work in it, and ending that takes pg_signal_backend) is left,
     * with a warning, for the next run of {@code .ci/run} to drop: a test never fails on it.
     */
    public static void drop(String name) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a test database: " + name);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                execute("drop database if exists " + name + " with (force)");
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    System.err.println("WARNING: test database " + name + " left behind: " + e.getMessage());
                    return;
                }
                sleep(attempt * 500L);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl().group(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests (" + URL + "): " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Matcher adminUrl() {
        if (!configured()) {
            throw new IllegalStateException(URL + " is not set");
        }
        Matcher matcher = JDBC_URL.matcher(System.getenv(URL).trim());
        if (!matcher.matches()) {
            throw new IllegalStateException(URL + " is not a jdbc:postgresql://host:port/database URL");
        }
        return matcher;
    }

    private static String user() {
        return System.getenv().getOrDefault(USER, "");
    }

    private static String password() {
        return System.getenv().getOrDefault(PASSWORD, "");
    }
}
