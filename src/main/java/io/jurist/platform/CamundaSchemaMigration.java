package io.jurist.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Camunda's tables on PostgreSQL, made by Flyway from the SQL scripts inside the camunda-engine jar
 * on the classpath, so that production runs with Camunda's {@code schema-update} off and one history
 * table records every change to the schema.
 */
final class CamundaSchemaMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(CamundaSchemaMigration.class);
    private static final String CREATE = "org/camunda/bpm/engine/db/create/activiti.postgres.create.";
    private static final String UPGRADE = "org/camunda/bpm/engine/db/upgrade/postgres_engine_";

    /** The order in which Camunda itself creates its schema (engine before history, case before decision). */
    private static final List<String> COMPONENTS = List.of(
            "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

    private final MigrationVersion version;
    private final String description;
    private final List<String> scripts;
    /** The engine version the scripts bring the schema to; null for the creation, which always runs. */
    private final String target;

    private CamundaSchemaMigration(String version, String description, List<String> scripts, String target) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
        this.scripts = scripts;
        this.target = target;
    }

    /**
     * Creates the schema of the engine on the classpath. It runs before the application's V1, on an
     * empty database only; later engine versions reach existing databases through upgrade migrations.
     */
    static CamundaSchemaMigration create() {
        return new CamundaSchemaMigration("0.1", "camunda schema",
                COMPONENTS.stream().map(component -> CREATE + component + ".sql").toList(), null);
    }

    /**
     * Runs one of the engine's upgrade scripts, {@code postgres_engine_<script>.sql} (for example
     * {@code 7.24_to_7.25}, or a patch script such as {@code 7.13_patch_7.13.4_to_7.13.5_1}), unless
     * Camunda's schema log shows the schema at {@code target} or later already, as it does on a
     * database that {@link #create()} made with the newer engine's scripts. {@code target} is the
     * version the script itself writes to the log ({@code 7.25.0}, {@code 7.13.5_1}).
     */
    static CamundaSchemaMigration upgrade(String version, String script, String target) {
        return new CamundaSchemaMigration(version, "camunda upgrade " + script,
                List.of(UPGRADE + script + ".sql"), target);
    }

    /**
     * Every migration of Camunda's schema, oldest first. An engine upgrade adds one here, numbered
     * after the application's latest migration; see docs/operations.md.
     */
    static List<JavaMigration> all() {
        return List.of(create());
    }

    List<String> scripts() {
        return scripts;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    /**
     * None: the scripts are those of whichever engine is on the classpath, so their text changes with
     * every Camunda upgrade, and a checksum would then fail the validation of every existing database.
     */
    @Override
    public Integer getChecksum() {
        return null;
    }

    /** PostgreSQL changes its schema transactionally: a failed script leaves no half-made schema. */
    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (target != null) {
            String schema = schemaVersion(connection);
            if (compare(schema, target) >= 0) {
                log.info("Camunda's schema is at {} already: {} has nothing to do", schema, description);
                return;
            }
        }
        for (String script : scripts) {
            ClassPathResource resource = new ClassPathResource(script, ProcessEngine.class.getClassLoader());
            if (!resource.exists()) {
                throw new IllegalStateException("Camunda's script " + script + " is not on the classpath");
            }
            ScriptUtils.executeSqlScript(connection, new EncodedResource(resource, "UTF-8"));
        }
    }

    /** The latest engine version in Camunda's schema log: the creation's, then each upgrade's. */
    static String schemaVersion(Connection connection) throws SQLException {
        String latest = "0";
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version_ from act_ge_schema_log")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version != null && compare(version, latest) > 0) {
                    latest = version;
                }
            }
        }
        return latest;
    }

    /**
     * Compares engine versions as Camunda's schema log writes them, by their numbers: "7.9.0" before
     * "7.24.0", "7.13.5" before the patch parts "7.13.5_1" and "7.13.5_2"; a suffix such as
     * "-alpha1" is ignored.
     */
    static int compare(String left, String right) {
        int[] a = numbers(left);
        int[] b = numbers(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int difference = Integer.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        return Arrays.stream(version.split("[._-]"))
                .takeWhile(part -> part.matches("\\d+")).mapToInt(Integer::parseInt).toArray();
    }
}
