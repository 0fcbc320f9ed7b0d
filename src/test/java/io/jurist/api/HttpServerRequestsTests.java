package io.jurist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/** The tags {@code http.server.requests} gets for what the integration tests cannot easily provoke. */
class HttpServerRequestsTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpServerRequests.RequestTimer filter =
            new HttpServerRequests.RequestTimer(meters, "http.server.requests");

    @Test
    void anExceptionOutOfTheChainIsA500NamedByItsClass() {
        var request = new MockHttpServletRequest("POST", "/api/v1/decisions");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/decisions");
        var response = new MockHttpServletResponse();

        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
            throw new ServletException(new IllegalStateException("broken"));
        })).isInstanceOf(ServletException.class);

        Timer timer = meters.get("http.server.requests").tags("uri", "/api/v1/decisions", "method", "POST",
                "status", "500", "outcome", "SERVER_ERROR", "exception", "IllegalStateException",
                "error", "IllegalStateException").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(meters.get("http.server.requests.active").tag("method", "POST").longTaskTimer().activeTasks())
                .isZero();
    }

    @Test
    void unmatchedRequestsAreNamedByWhatHappenedAndUnknownMethodsAreNotTags() throws Exception {
        var missing = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/nothing"), missing, (req, res) ->
                ((MockHttpServletResponse) res).setStatus(404));
        var moved = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/camunda"), moved, (req, res) ->
                ((MockHttpServletResponse) res).setStatus(302));
        var odd = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("BREW", "/api/v1/decisions"), odd, (req, res) ->
                ((MockHttpServletResponse) res).setStatus(405));
        var root = new MockHttpServletRequest("GET", "/");
        root.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "");
        filter.doFilter(root, new MockHttpServletResponse(), (req, res) -> { });

        assertThat(meters.get("http.server.requests").tags("uri", "NOT_FOUND", "status", "404").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("http.server.requests").tags("uri", "REDIRECTION", "outcome", "REDIRECTION")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("http.server.requests").tags("method", "UNKNOWN", "uri", "UNKNOWN", "status", "405")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("http.server.requests").tags("uri", "root", "status", "200", "outcome", "SUCCESS")
                .timer().count()).isEqualTo(1);
    }
}
