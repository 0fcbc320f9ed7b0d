package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The access matrix of docs/security.md for the API's routes: each route called as every identity
 * and an anonymous caller, the status compared with the declared one. Requests that pass security
 * carry bodies that are refused afterwards (400/404/422), so nothing changes.
 */
@IntegrationTest
class AccessMatrixIntegrationTests {

    private static final String[] CALLERS = {"anonymous", "platform", "alice", "bob", "dana", "admin"};

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String authorization(String caller) {
        return switch (caller) {
            case "anonymous" -> null;
            case "platform" -> DATA_PLATFORM;
            default -> basic(caller);
        };
    }

    /** A route, the body it is called with, and the status each caller must get, in CALLERS order. */
    private record Route(String method, String path, String body, int... expected) {
    }

    @Test
    void everyIdentityGetsTheDeclaredStatusOnEveryApiRoute() {
        String notADecision = "{\"subject\":{\"id\":\"\"}}";
        List<Route> routes = List.of(
                new Route("GET", "/api/v1/purposes", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/jurisdictions/GB", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/rulesets/active", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/rulesets", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/rulesets/proposals", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/engagements", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/suspensions", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/reenablements", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/events", null, 401, 200, 200, 200, 200, 200),
                new Route("GET", "/api/v1/decisions/no-such-decision", null, 401, 404, 404, 404, 404, 404),
                new Route("POST", "/api/v1/decisions", notADecision, 401, 400, 400, 403, 403, 400),
                new Route("POST", "/api/v1/rulesets/proposals", "{}", 401, 403, 400, 403, 403, 400),
                new Route("POST", "/api/v1/rulesets/validate", "{\"files\":{\"../x\":\"\"}}", 401, 403, 400, 403, 403, 400),
                new Route("POST", "/api/v1/engagements", "{}", 401, 403, 400, 403, 403, 400),
                new Route("POST", "/api/v1/suspensions", "{}", 401, 403, 400, 403, 403, 400),
                new Route("POST", "/api/v1/reenablements", "{}", 401, 403, 400, 403, 403, 400),
                new Route("POST", "/api/v1/engagements/ENG-NONE/correspondence", "{}", 401, 403, 404, 404, 403, 404),
                new Route("POST", "/api/v1/tasks/no-such-task/complete", "{\"approved\":true,\"comment\":\"x\"}",
                        401, 403, 403, 404, 404, 404),
                new Route("GET", "/actuator/health", null, 200, 200, 200, 200, 200, 200),
                new Route("GET", "/actuator/metrics", null, 401, 403, 403, 403, 403, 200),
                new Route("GET", "/engine-rest/engine", null, 401, 200, 200, 200, 200, 200));
        List<String> mismatches = new ArrayList<>();
        for (Route route : routes) {
            for (int i = 0; i < CALLERS.length; i++) {
                Http.Response response = http.send(route.method(), route.path(),
                        route.body() == null ? null : "application/json", route.body(), authorization(CALLERS[i]));
                if (response.status() != route.expected()[i]) {
                    mismatches.add(route.method() + " " + route.path() + " as " + CALLERS[i] + ": expected "
                            + route.expected()[i] + " but was " + response.status());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
