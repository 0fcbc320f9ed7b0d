package io.jurist.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.JuristApplication;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.support.PostgresTestDatabases;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Camunda's schema on PostgreSQL: the prod profile on an empty database, twice (Flyway makes
 * Camunda's schema and then the application's, Camunda changes none, and a restart finds it all),
 * and an engine upgrade script run only where the schema needs it.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabases.URL, matches = ".*\\S.*",
        disabledReason = PostgresTestDatabases.URL + " is not set (.ci/run sets it; see README)")
class PostgresSchemaStartupIntegrationTests {

    private PostgresTestDatabases.Database database;

    @AfterEach
    void drop() {
        if (database != null) {
            PostgresTestDatabases.drop(database.name());
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(JuristApplication.class).profiles("prod").run(
                "--server.port=0",
                "--camunda.bpm.webapp.enabled=false",
                "--JURIST_DB_URL=" + database.url(),
                "--JURIST_DB_USER=" + database.user(),
                "--JURIST_DB_PASSWORD=" + database.password(),
                "--JURIST_PLATFORM_TOKEN=a-production-token-of-at-least-32-characters",
                "--JURIST_PSEUDONYMISATION_KEY=a-production-pseudonymisation-key-of-32-bytes-or-more");
    }

    @Test
    void migratesAnEmptyDatabaseWithCamundasScriptsFirstAndStartsAgainOnIt() {
        database = PostgresTestDatabases.create();
        int migrations;
        try (ConfigurableApplicationContext first = start()) {
            ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) first.getBean(ProcessEngine.class)
                    .getProcessEngineConfiguration();
            assertThat(engine.getDatabaseType()).isEqualTo("postgres");
            assertThat(engine.getDatabaseSchemaUpdate()).isEqualTo("false");
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            List<Map<String, Object>> history = jdbc.queryForList(
                    "select version, description, success from flyway_schema_history order by installed_rank");
            assertThat(history).extracting(row -> row.get("version") + " " + row.get("description"))
                    .startsWith("0.1 camunda schema", "1 rulesets");
            assertThat(history).allSatisfy(row -> assertThat(row.get("success")).isEqualTo(true));
            migrations = history.size();
            assertThat(jdbc.queryForObject("select version_ from act_ge_schema_log where id_ = '0'", String.class))
                    .isEqualTo(ProductPropertiesUtil.getProductVersion());
            assertThat(jdbc.queryForObject("select version from jurist_active_ruleset", Integer.class)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            // A restart applies nothing again.
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history", Integer.class))
                    .isEqualTo(migrations);
            assertThat(jdbc.queryForObject("select count(*) from jurist_ruleset_version", Integer.class)).isEqualTo(1);
            assertThat(second.getBean(ActiveRuleset.class).current().version()).isEqualTo(1);
        }
    }

    @Test
    void runsAnEngineUpgradeScriptOnlyOnASchemaThatIsStillOlder() {
        database = PostgresTestDatabases.create();
        CamundaSchemaMigration create = CamundaSchemaMigration.create();
        CamundaSchemaMigration upgrade = CamundaSchemaMigration.upgrade("0.2", "7.23_to_7.24", "7.24.0");
        JdbcTemplate jdbc = new JdbcTemplate(
                new DriverManagerDataSource(database.url(), database.user(), database.password()));

        flyway(create).target("0.1").load().migrate();
        jdbc.update("update act_ge_schema_log set version_ = '7.23.0'");
        flyway(create, upgrade).load().migrate();
        assertThat(jdbc.queryForList("select version_ from act_ge_schema_log order by timestamp_, id_", String.class))
                .containsExactly("7.23.0", "7.24.0");

        PostgresTestDatabases.drop(database.name());
        database = PostgresTestDatabases.create();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        flyway(create, upgrade).load().migrate();
        assertThat(jdbc.queryForList("select version_ from act_ge_schema_log", String.class))
                .as("a schema made by the newer engine's scripts needs no upgrade").hasSize(1);
        assertThat(jdbc.queryForList("select success from flyway_schema_history where version = '0.2'", Boolean.class))
                .containsExactly(true);
    }

    private FluentConfiguration flyway(JavaMigration... migrations) {
        return Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .javaMigrations(migrations);
    }
}
