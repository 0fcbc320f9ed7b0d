package io.jurist.platform;

import java.sql.Connection;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Camunda's tables on PostgreSQL, made by Flyway from the SQL scripts inside the camunda-engine jar
 * on the classpath, so that production runs with Camunda's {@code schema-update} off and one history
 * table records every change to the schema.
 */
final class CamundaSchemaMigration implements JavaMigration {

    private static final String CREATE = "org/camunda/bpm/engine/db/create/activiti.postgres.create.";

    /** The order in which Camunda itself creates its schema (engine before history, case before decision). */
    private static final List<String> COMPONENTS = List.of(
            "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

    private final MigrationVersion version;
    private final String description;
    private final List<String> scripts;

    private CamundaSchemaMigration(String version, String description, List<String> scripts) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
        this.scripts = scripts;
    }

    /**
     * Creates the schema of the engine on the classpath. It runs before the application's V1, on an
     * empty database only; later engine versions reach existing databases through upgrade migrations.
     */
    static CamundaSchemaMigration create() {
        return new CamundaSchemaMigration("0.1", "camunda schema",
                COMPONENTS.stream().map(component -> CREATE + component + ".sql").toList());
    }

    /** Every migration of Camunda's schema, oldest first. See docs/operations.md for the upgrade recipe. */
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
    public void migrate(Context context) {
        Connection connection = context.getConnection();
        for (String script : scripts) {
            ClassPathResource resource = new ClassPathResource(script, ProcessEngine.class.getClassLoader());
            if (!resource.exists()) {
                throw new IllegalStateException("Camunda's script " + script + " is not on the classpath");
            }
            ScriptUtils.executeSqlScript(connection, new EncodedResource(resource, "UTF-8"));
        }
    }
}
