package io.jurist.platform;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * On PostgreSQL, Flyway creates Camunda's tables before the application's. H2, the embedded default,
 * keeps Camunda's own {@code schema-update}: its existing files under ./data have no such migration.
 */
@Configuration
class CamundaSchemaOnPostgres {

    @Bean
    FlywayConfigurationCustomizer camundaSchemaMigrations() {
        return configuration -> {
            if (isPostgres(configuration.getDataSource())) {
                List<JavaMigration> migrations = new ArrayList<>(Arrays.asList(configuration.getJavaMigrations()));
                migrations.addAll(CamundaSchemaMigration.all());
                configuration.javaMigrations(migrations.toArray(JavaMigration[]::new));
            }
        };
    }

    static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return DatabaseDriver.fromProductName(product) == DatabaseDriver.POSTGRESQL;
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the migrations are for", e);
        }
    }
}
