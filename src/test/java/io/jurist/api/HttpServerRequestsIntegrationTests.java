package io.jurist.api;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code http.server.requests} counts and times every request once, under its route's pattern, method, status,
 * outcome and exception, refusals by Spring Security included; read as an operator reads it, at /actuator/metrics.
 */
@IntegrationTest
class HttpServerRequestsIntegrationTests {

    private static final String DECISION = """
            {"subject":{"id":"member-1","country":"US","age":34},"purpose":"GENAI_TRAINING",
             "consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}""";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void countsEveryDecisionOnceUnderItsRoutePatternMethodStatusAndOutcome() {
        String[] ok = {"uri:/api/v1/decisions", "method:POST", "status:200", "outcome:SUCCESS", "exception:none",
                "error:none"};
        String[] invalid = {"uri:/api/v1/decisions", "method:POST", "status:400", "outcome:CLIENT_ERROR"};
        double okBefore = count(ok);
        double invalidBefore = count(invalid);
        for (int i = 0; i < 7; i++) {
            assertThat(http.postJson("/api/v1/decisions", DECISION, DATA_PLATFORM).status()).isEqualTo(200);
        }
        assertThat(http.postJson("/api/v1/decisions", "{}", DATA_PLATFORM).status()).isEqualTo(400);

        // The timer is stopped after the answer has been sent.
        Await.until(() -> count(ok), n -> n >= okBefore + 7, Duration.ofSeconds(10), "7 decisions counted");
        Await.until(() -> count(invalid), n -> n >= invalidBefore + 1, Duration.ofSeconds(10), "1 refusal counted");
        Await.pause(200);
        assertThat(count(ok)).isEqualTo(okBefore + 7);
        assertThat(count(invalid)).isEqualTo(invalidBefore + 1);
        assertThat(total(ok)).isPositive();
    }

    @Test
    void countsRequestsThatSpringSecurityRefusesAndRoutesWithVariablesByTheirPattern() {
        String[] anonymous = {"uri:UNKNOWN", "method:POST", "status:401", "outcome:CLIENT_ERROR"};
        String[] forbidden = {"uri:UNKNOWN", "method:POST", "status:403", "outcome:CLIENT_ERROR"};
        String[] byId = {"uri:/api/v1/decisions/{id}", "method:GET"};
        double anonymousBefore = count(anonymous);
        double forbiddenBefore = count(forbidden);
        double byIdBefore = count(byId);

        assertThat(http.postJson("/api/v1/decisions", DECISION, null).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/decisions", DECISION, basic("bob")).status()).isEqualTo(403);
        JsonNode answer = http.postJson("/api/v1/decisions", DECISION, DATA_PLATFORM).json();
        http.get("/api/v1/decisions/" + answer.get("decisionId").asText(), DATA_PLATFORM);

        Await.until(() -> count(anonymous), n -> n >= anonymousBefore + 1, Duration.ofSeconds(10), "401 counted");
        Await.until(() -> count(forbidden), n -> n >= forbiddenBefore + 1, Duration.ofSeconds(10), "403 counted");
        Await.until(() -> count(byId), n -> n >= byIdBefore + 1, Duration.ofSeconds(10), "read by id counted");
    }

    @Test
    void showsRequestsInProgress() {
        // The request that reads the metric is itself in progress.
        JsonNode active = http.get("/actuator/metrics/http.server.requests.active?tag=method:GET", basic("admin"))
                .json();
        assertThat(statistic(active, "ACTIVE_TASKS")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void timesNoSpringSecurityFilterOneByOne() {
        assertThat(http.get("/actuator/metrics/http.server.requests", basic("admin")).status()).isEqualTo(200);
        for (String name : new String[] {"spring.security.filterchains", "spring.security.authorizations",
                "spring.security.http.secured.requests"}) {
            assertThat(http.get("/actuator/metrics/" + name, basic("admin")).status()).as(name).isEqualTo(404);
        }
    }

    private double count(String... tags) {
        return measurement(tags, "COUNT");
    }

    private double total(String... tags) {
        return measurement(tags, "TOTAL_TIME");
    }

    private double measurement(String[] tags, String statistic) {
        StringBuilder query = new StringBuilder("/actuator/metrics/http.server.requests?");
        for (String tag : tags) {
            query.append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8)).append('&');
        }
        Http.Response response = http.get(query.toString(), basic("admin"));
        if (response.status() == 404) {
            return 0; // no request with these tags yet
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return statistic(response.json(), statistic);
    }

    private static double statistic(JsonNode metric, String statistic) {
        for (JsonNode measurement : metric.get("measurements")) {
            if (statistic.equals(measurement.get("statistic").asText())) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + statistic + " in " + metric);
    }
}
