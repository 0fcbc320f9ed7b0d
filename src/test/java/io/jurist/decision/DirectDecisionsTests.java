package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.security.ApiTokens;
import io.jurist.security.BearerClients;
import io.jurist.security.Groups;
import jakarta.servlet.ServletRequest;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the direct lane hands to the full chain when it does not answer (the answers themselves: the IT). */
class DirectDecisionsTests {

    private final Decider decider = mock(Decider.class);
    private final DirectDecisions lane = new DirectDecisions(decider, new BearerClients(new ApiTokens(List.of(
            new ApiTokens.Client("platform", "token-a", List.of(Groups.DATA_PLATFORM))))), new ObjectMapper(), 100);

    private static MockHttpServletRequest usual(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/decisions");
        request.addHeader("Authorization", "Bearer token-a");
        request.addHeader("Content-Type", "application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** The request the chain got, or null when the lane answered. */
    private ServletRequest pass(MockHttpServletRequest request) throws Exception {
        ServletRequest[] passed = new ServletRequest[1];
        lane.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed[0] = req);
        return passed[0];
    }

    @Test
    void aBodyThatDoesNotReadIsReplayedToTheChainByteForByteAsStreamOrReader() throws Exception {
        String body = "{\"subject\": {\"id\": \"m\u00e9\",";
        MockHttpServletRequest request = usual(body);
        ServletRequest passed = pass(request);
        assertThat(passed).isNotNull().isNotSameAs(request);
        assertThat(request.getInputStream().read()).as("the body was read").isEqualTo(-1);
        assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(passed.getInputStream().read()).isEqualTo(-1);

        MockHttpServletRequest again = usual(body);
        again.setCharacterEncoding("UTF-8");
        try (BufferedReader reader = (BufferedReader) pass(again).getReader()) {
            assertThat(reader.readLine()).isEqualTo(body);
        }
        assertThat(lane.served()).isZero();
        verifyNoInteractions(decider);
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthIsReplayedAsFarAsItCame() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/decisions") {
            @Override
            public long getContentLengthLong() {
                return 40;
            }
        };
        request.addHeader("Authorization", "Bearer token-a");
        request.addHeader("Content-Type", "application/json");
        request.setContent("{\"subject\":".getBytes(StandardCharsets.UTF_8));
        ServletRequest passed = pass(request);
        assertThat(passed).isNotSameAs(request);
        assertThat(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"subject\":");
        verifyNoInteractions(decider);
    }

    @Test
    void aHeaderValueWithAControlCharacterIsNotPlain() {
        assertThat(DirectDecisions.plain("Bearer token-a")).isTrue();
        assertThat(DirectDecisions.plain("Bearer caf\u00e9")).isTrue();
        for (String value : new String[] {"Bearer \ttoken-a", "Bearer token-a\u0001", "Bearer \u0085token-a",
                "Bearer token\u007f", null}) {
            assertThat(DirectDecisions.plain(value)).as(String.valueOf(value)).isFalse();
        }
    }

    @Test
    void anUnusualRequestIsPassedOnAsItCameWithItsBodyUnread() throws Exception {
        String body = "{}";
        for (var unusual : List.<java.util.function.Consumer<MockHttpServletRequest>>of(
                r -> r.setQueryString("x=1"),
                r -> r.setRequestURI("/api/v1/decisions/"),
                r -> r.setMethod("PUT"),
                r -> r.setSecure(true),
                r -> r.setContextPath("/jurist"),
                r -> r.addHeader("Accept", "application/json"),
                r -> r.addHeader("Transfer-Encoding", "chunked"),
                r -> r.setContent(new byte[101]),
                r -> r.setContent(new byte[0]),
                r -> {
                    r.removeHeader("Authorization");
                    r.addHeader("Authorization", "Bearer token-b");
                },
                r -> {
                    r.removeHeader("Authorization");
                    r.addHeader("Authorization", "Bearer \ttoken-a");
                })) {
            MockHttpServletRequest request = usual(body);
            request.addHeader("Accept", "*/*");
            unusual.accept(request);
            ServletRequest passed = pass(request);
            assertThat(passed).isSameAs(request);
        }
        MockHttpServletRequest huge = new MockHttpServletRequest("POST", "/api/v1/decisions") {
            @Override
            public long getContentLengthLong() {
                return 1L << 32;
            }
        };
        huge.addHeader("Authorization", "Bearer token-a");
        huge.addHeader("Content-Type", "application/json");
        DirectDecisions unlimited = new DirectDecisions(decider, new BearerClients(new ApiTokens(List.of(
                new ApiTokens.Client("platform", "token-a", List.of(Groups.DATA_PLATFORM))))), new ObjectMapper(),
                Long.MAX_VALUE);
        ServletRequest[] passed = new ServletRequest[1];
        unlimited.doFilter(huge, new MockHttpServletResponse(), (req, res) -> passed[0] = req);
        assertThat(passed[0]).as("a length beyond an array's").isSameAs(huge);

        MockHttpServletRequest off = usual(body);
        lane.setEnabled(false);
        assertThat(pass(off)).isSameAs(off);
        verifyNoInteractions(decider);
    }

    @Test
    void operationsCanRuleTheLaneOutAndItServesOnlyItsRoute() {
        var registration = new DirectDecisions.Registration();
        var on = registration.directDecisionsRegistration(lane, true);
        assertThat(on.isEnabled()).isTrue();
        assertThat(on.getUrlPatterns()).containsExactly("/api/v1/decisions");
        assertThat(registration.directDecisionsRegistration(lane, false).isEnabled())
                .as("jurist.api.direct-lane=false registers no lane").isFalse();
    }
}
