package io.jurist.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.Node;
import io.jurist.support.PostgresTestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Nodes started from the packaged jar, in the prod profile, on one PostgreSQL database: the base for
 * the tests of several nodes and of crashes.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabases.URL, matches = ".*\\S.*",
        disabledReason = PostgresTestDatabases.URL + " is not set (.ci/run sets it; see README)")
class SeveralNodesStartupIntegrationTests {

    private static final String TOKEN = "a-production-token-of-at-least-32-characters";
    private static final String UK_MEMBER = """
            {"subject":{"id":"member-42","country":"GB","age":34},"purpose":"GENAI_TRAINING",
             "consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}""";

    private PostgresTestDatabases.Database database;
    private Node first;
    private Node second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (database != null) {
            PostgresTestDatabases.drop(database.name());
        }
    }

    private Node start(String name) {
        return Node.start(name, Map.of(
                        "JURIST_DB_URL", database.url(),
                        "JURIST_DB_USER", database.user(),
                        "JURIST_DB_PASSWORD", database.password(),
                        "JURIST_PLATFORM_TOKEN", TOKEN,
                        "JURIST_PSEUDONYMISATION_KEY", "a-production-pseudonymisation-key-of-32-bytes-or-more"),
                "--spring.profiles.active=prod",
                "--jurist.rules.directory=" + Path.of("rules").toAbsolutePath());
    }

    private static JsonNode decide(Node node) {
        Http.Response response = node.http().postJson("/api/v1/decisions", UK_MEMBER, "Bearer " + TOKEN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void twoNodesServeTheSameRulesetAndOneGoesOnAnsweringWhenTheOtherIsKilled() {
        database = PostgresTestDatabases.create();
        first = start("first");
        second = start("second");

        JsonNode fromFirst = decide(first);
        JsonNode fromSecond = decide(second);
        assertThat(fromFirst.get("decision").asText()).isEqualTo("DENY");
        assertThat(fromSecond.get("ruleset")).isEqualTo(fromFirst.get("ruleset"));
        assertThat(fromSecond.at("/ruleset/version").asInt()).isEqualTo(1);

        first.kill();
        assertThat(first.alive()).isFalse();
        assertThat(decide(second).get("ruleset")).isEqualTo(fromFirst.get("ruleset"));
    }
}
