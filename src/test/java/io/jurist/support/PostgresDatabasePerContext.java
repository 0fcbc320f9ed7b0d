package io.jurist.support;

import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * In the PostgreSQL run, gives each test application context a new empty database, as the H2 run
 * gets a new in-memory one, and drops it when the context closes.
 */
class PostgresDatabasePerContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (TestDatabase.selected() != TestDatabase.POSTGRES) {
            return;
        }
        PostgresTestDatabases.Database database = PostgresTestDatabases.create();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("postgresTestDatabase", Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.user(),
                "spring.datasource.password", database.password())));
        // Registered before any other bean, so destroyed after all of them, the connection pool included.
        ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("postgresTestDatabaseDrop", () -> PostgresTestDatabases.drop(database.name()));
    }
}
