package io.jurist.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jurist.JuristApplication;
import io.jurist.audit.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The prod profile refuses to start while a demo credential is configured, and while the decision log has no
 * proper pseudonymisation key or is switched off.
 */
class ProductionProfileStartupIntegrationTests {

    private static final String TOKEN = "a-production-token-of-at-least-32-characters";
    private static final String KEY = "a-production-pseudonymisation-key-of-32-bytes-or-more";

    /** Starts the prod profile with the given token and a production key, and further settings. */
    private static void start(String token, String... more) {
        startWithKey(token, KEY, more);
    }

    /** Starts the prod profile with the given token and key (none when null), as command-line arguments. */
    private static void startWithKey(String token, String key, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0",
                "--JURIST_DB_URL=jdbc:h2:mem:prod-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "--JURIST_DB_USER=sa", "--JURIST_DB_PASSWORD=",
                // The production schema comes from migrations; an in-memory test database needs it made.
                "--camunda.bpm.database.schema-update=true",
                // Camunda's webapp filters keep the first application context of a JVM in a static
                // field, so a second one in the test JVM cannot start them; the guard needs no webapp.
                "--camunda.bpm.webapp.enabled=false",
                "--JURIST_PLATFORM_TOKEN=" + token));
        if (key != null) {
            args.add("--JURIST_PSEUDONYMISATION_KEY=" + key);
        }
        for (String setting : more) {
            args.add("--" + setting);
        }
        new SpringApplicationBuilder(JuristApplication.class).profiles("prod").run(args.toArray(String[]::new)).close();
    }

    @Test
    void refusesToStartWithTheDemoToken() {
        assertThatThrownBy(() -> start("demo-data-platform-token"))
                .hasStackTraceContaining("Refusing to start in the prod profile")
                .hasStackTraceContaining("demo bearer token");
    }

    @Test
    void refusesToStartWithDemoSeedingSwitchedOn() {
        assertThatThrownBy(() -> start(TOKEN, "jurist.demo.enabled=true"))
                .hasStackTraceContaining("jurist.demo.enabled is true");
    }

    @Test
    void refusesToStartWithTheDemoAdministrator() {
        assertThatThrownBy(() -> start(TOKEN,
                "camunda.bpm.admin-user.id=admin", "camunda.bpm.admin-user.password=admin"))
                .hasStackTraceContaining("camunda.bpm.admin-user");
    }

    @Test
    void refusesToStartWithoutAPseudonymisationKeyOrWithTheDecisionLogSwitchedOff() {
        assertThatThrownBy(() -> startWithKey(TOKEN, null, "jurist.audit.decision-log.enabled=false"))
                .hasStackTraceContaining("Refusing to start in the prod profile")
                .hasStackTraceContaining("no pseudonymisation key for the decision log")
                .hasStackTraceContaining("the decision log is switched off");
    }

    @Test
    void refusesToStartWithTheDemoPseudonymisationKey() {
        assertThatThrownBy(() -> startWithKey(TOKEN, Pseudonymiser.DEMO_KEY))
                .hasStackTraceContaining("the demo pseudonymisation key is configured");
    }

    @Test
    void refusesToStartWithAShortPseudonymisationKey() {
        assertThatThrownBy(() -> startWithKey(TOKEN, "x".repeat(31)))
                .hasStackTraceContaining("the pseudonymisation key is shorter than 32 bytes");
    }

    @Test
    void startsWithProductionCredentials() {
        start(TOKEN);
    }
}
