package io.jurist.platform;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.audit.DecisionLog;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The start-up warm-up runs before the node reports itself ready, as a load balancer sees it over HTTP, and
 * leaves nothing in the decision log.
 */
@IntegrationTest
@TestPropertySource(properties = {"jurist.warmup.enabled=true", "jurist.warmup.decisions=600",
        "jurist.warmup.log-writes=300", "jurist.warmup.http-requests=150",
        "jurist.warmup.http-threads=2", "jurist.warmup.time-limit=10m"})
class WarmupIntegrationTests {

    /** What a load balancer's probe saw while the warm-up ran: status and body of each health path. */
    static final List<String> SEEN_DURING_WARMUP = new ArrayList<>();

    @TestConfiguration
    static class Probe {

        /** A last warm-up step that asks the node's own health endpoints over HTTP, as a load balancer would. */
        @Bean
        @Order(Integer.MAX_VALUE)
        WarmupStep probeHealth(ApplicationContext context) {
            return new WarmupStep() {
                @Override
                public String name() {
                    return "test probe";
                }

                @Override
                public String run(Instant deadline) {
                    Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
                    for (String path : List.of("/actuator/health/readiness", "/actuator/health",
                            "/actuator/health/liveness")) {
                        Http.Response answer = http.get(path, null);
                        SEEN_DURING_WARMUP.add(path + " " + answer.status()
                                + (path.endsWith("/health") ? "" : " " + answer.json().path("status").asText()));
                    }
                    return "probed";
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Warmup warmup;

    @Autowired
    DecisionLog log;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theNodeIsNotReadyUntilTheWarmUpHasRunAndTheWarmUpLogsNothing() {
        // The steps ran, in order, each doing what it was configured to do (bounded here by the counts alone: a
        // loaded build machine must not cut them short).
        assertThat(warmup.done()).hasSize(4);
        assertThat(warmup.done().get(0)).startsWith("in-process decisions: ").containsPattern("[1-9]\\d* decided")
                .endsWith("none logged");
        assertThat(warmup.done().get(1)).isEqualTo(
                "decision log writes: 300 records written in 3 transactions and deleted again");
        assertThat(warmup.done().get(2))
                .isEqualTo("loopback HTTP: 75 invalid decision requests answered 400 (none decided or logged) and 75 "
                        + "reads of a jurisdiction's policies answered 200, over 2 connection(s) as data-platform");
        assertThat(warmup.done().get(3)).isEqualTo("test probe: probed");

        // While it ran, after both warm-up steps: alive, but neither ready nor healthy.
        assertThat(SEEN_DURING_WARMUP).containsExactly(
                "/actuator/health/readiness 503 OUT_OF_SERVICE",
                "/actuator/health 503",
                "/actuator/health/liveness 200 UP");

        // Now it is.
        Http http = new Http(port);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).json().path("status").asText()).isEqualTo("UP");
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);

        // The warm-up's requests were real ones, counted as the invalid requests they were.
        Http.Response refused = http.get("/actuator/metrics/http.server.requests?tag=uri:/api/v1/decisions"
                + "&tag=status:400", basic("admin"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("measurements").get(0).path("value").asDouble()).isEqualTo(75.0);
        Http.Response read = http.get("/actuator/metrics/http.server.requests?tag=uri:/api/v1/jurisdictions/%7Bcountry%7D"
                + "&tag=status:200", basic("admin"));
        assertThat(read.json().path("measurements").get(0).path("value").asDouble()).isEqualTo(75.0);

        // Nothing it did reached the decision log (its rehearsed writes went to the rehearsal table and were
        // deleted again) or moved its counters;
        // the first real decision does.
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from jurist_decision_log", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from jurist_decision_log_rehearsal", Long.class)).isZero();
        assertThat(http.get("/actuator/metrics/jurist.decisions.log.written", basic("admin")).json()
                .path("measurements").get(0).path("value").asDouble()).isZero();
        assertThat(http.postJson("/api/v1/decisions", """
                {"subject":{"id":"member-42","country":"US","age":34},"purpose":"GENAI_TRAINING"}""",
                DATA_PLATFORM).status()).isEqualTo(200);
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from jurist_decision_log", Long.class)).isEqualTo(1L);
    }
}
