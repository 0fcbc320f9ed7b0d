package io.jurist.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.jurist.security.ApiHeaders;
import io.jurist.security.BearerClients;
import io.jurist.security.Groups;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The direct lane for the one hot call, {@code POST /api/v1/decisions}: the usual request is authenticated,
 * authorised, read, decided, logged and answered here, without Spring Security's chain and Spring MVC's dispatch,
 * which cost several times the decision itself (docs/benchmarks.md). The answer is the one the full chain gives:
 * the same status, headers (but the framing: a Content-Length instead of chunks) and body, and the decision log
 * records the decision once, as {@link DecisionController#decide} does. Everything unusual goes the full way,
 * untouched.
 *
 * <p>The lane takes a request only when all of these hold, else it passes it on as it came:
 * <ul>
 *   <li>the method is POST, the request URI is exactly {@code /api/v1/decisions} (the raw URI: no path parameter,
 *       encoded character, doubled slash or other case), the context path is empty, there is no query string, and
 *       the connection is not HTTPS (over HTTPS the chain also writes HSTS);</li>
 *   <li>one Content-Type, {@code application/json} without a charset or with UTF-8; no Accept, or one of
 *       {@code *}{@code /*} and {@code application/json} (what MVC answers as application/json);</li>
 *   <li>a declared Content-Length of 1 byte up to the API's body limit ({@code jurist.api.max-body}, as
 *       {@code BodySizeLimitFilter} applies it) and no Transfer-Encoding;</li>
 *   <li>{@code Authorization: Bearer <token>} of a known client ({@link BearerClients}, the table and constant-time
 *       comparison Spring Security's bearer filter uses) with one of the authorities that may decide
 *       ({@link Groups#MAY_DECIDE}, the list SecurityConfig's rule for this route reads): the lane authenticates
 *       and authorises the call itself, relying on no other route's guard;</li>
 *   <li>the body, exactly Content-Length bytes, reads as a {@link DecisionRequest} with the application's
 *       ObjectMapper as MVC's JSON converter reads it (same strictness: unknown fields, coercions...), and the
 *       decider finds it valid and decides it ({@link Decider#make}) without failing.</li>
 * </ul>
 * A request that fails a check after its body was read is passed on with the body replayed, followed by whatever
 * the connection still holds, so the chain reads what the client sent and answers exactly as it would have;
 * nothing has been decided or logged by then (the decider logs only in {@link Decider#record}, after the last
 * check). A lane-served request carries the route's pattern ({@link HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE})
 * so that {@code http.server.requests}, timed around this filter, tags it as before.
 *
 * <p>What the lane skips for the requests it serves, and why that is safe (the filters mapped to this route, in
 * order after the request timer; the character-encoding filter and the timer run before the lane, as before):
 * <ul>
 *   <li>FormContentFilter: parses form bodies of PUT, PATCH and DELETE only;</li>
 *   <li>Spring Security's chain: its firewall refuses non-normalised or encoded paths (the lane takes only the
 *       exact raw URI) and header values with control characters as they are read (the lane reads Authorization,
 *       Content-Type and Accept, and takes no value with a control character: Content-Type and Accept must be exact,
 *       Authorization is checked; of Content-Length and Transfer-Encoding only Tomcat's parsed length and the
 *       presence); the bearer filter and
 *       the authorisation rule are applied by the lane itself (above); Basic authentication, anonymous calls,
 *       sessions, CSRF (off for the API) and the exception translation have nothing to do for a bearer call that
 *       is allowed; the header writer's headers are written by {@link ApiHeaders}, which the parity test
 *       compares with the chain's;</li>
 *   <li>RequestContextFilter: exposes the request and locale to code that asks the thread; the decision path
 *       does not;</li>
 *   <li>BodySizeLimitFilter: the lane takes only a declared length within the same limit, and reads no more;</li>
 *   <li>Tomcat's WebSocket filter: acts only on upgrade requests (GET);</li>
 *   <li>ResourceUrlEncodingFilter: rewrites URLs of static resources encoded into pages; a decision has none;</li>
 *   <li>DirectErrorRequests: acts only on {@code /error};</li>
 *   <li>Spring MVC: the handler lookup (the route is fixed), content negotiation (Accept is one of the two values
 *       it answers as application/json), the JSON converter (the same ObjectMapper reading the same type and
 *       writing the same answer: the parity test compares the bytes), method validation (Jurist has no validation
 *       annotations) and the exception handlers (any failure goes to the chain, which answers it).</li>
 * </ul>
 */
final class DirectDecisions implements Filter {

    static final String PATH = "/api/v1/decisions";
    private static final String JSON = "application/json";
    private static final Set<String> CONTENT_TYPES = Set.of(JSON, "application/json;charset=UTF-8",
            "application/json; charset=UTF-8", "application/json;charset=utf-8", "application/json; charset=utf-8");

    private final Decider decider;
    private final BearerClients clients;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final long maxBody;
    private final LongAdder served = new LongAdder();
    private volatile boolean enabled = true;

    DirectDecisions(Decider decider, BearerClients clients, ObjectMapper json, long maxBody) {
        this.decider = decider;
        this.clients = clients;
        // As Spring MVC's Jackson converter reads a @RequestBody and writes a return value of this type.
        this.reader = json.readerFor(DecisionRequest.class);
        this.writer = json.writer();
        // A body is read into one array: a limit configured beyond that leaves the larger bodies to the chain.
        this.maxBody = Math.min(maxBody, Integer.MAX_VALUE - 8);
    }

    /** Registered for the route alone, right after the request timer, for requests as they arrive. */
    @Configuration
    static class Registration {

        @Bean
        DirectDecisions directDecisions(Decider decider, BearerClients clients, ObjectMapper json,
                                        @Value("${jurist.api.max-body:64KB}") DataSize maxBody) {
            return new DirectDecisions(decider, clients, json, maxBody.toBytes());
        }

        /**
         * With {@code jurist.api.direct-lane=false} the filter is not registered: every decision call takes the full
         * way (operations' switch, should the lane ever need to be ruled out).
         */
        @Bean
        FilterRegistrationBean<DirectDecisions> directDecisionsRegistration(DirectDecisions lane,
                @Value("${jurist.api.direct-lane:true}") boolean on) {
            var registration = new FilterRegistrationBean<>(lane);
            registration.setEnabled(on);
            registration.addUrlPatterns(PATH);
            // Right after io.jurist.api.HttpServerRequests' timer (HIGHEST_PRECEDENCE + 1), which times the lane too.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            return registration;
        }
    }

    /** Off: every request goes the full way (tests compare both). */
    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How many decisions the lane has answered. */
    long served() {
        return served.sum();
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!enabled || !usual(request)) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader("Authorization");
        BearerClients.Client client = plain(authorization) ? clients.find(authorization) : null;
        if (client == null || !client.hasAnyAuthority(Groups.MAY_DECIDE)) {
            chain.doFilter(request, response);
            return;
        }
        int length = (int) request.getContentLengthLong();
        byte[] body = new byte[length];
        ServletInputStream in = request.getInputStream();
        int read = 0;
        try {
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (IOException e) {
            // The chain reads the same stream and meets the same failure.
            chain.doFilter(new ReplayedRequest(request, body, read), response);
            return;
        }
        Decider.Made made = read == length ? decide(body) : null;
        byte[] answer = made == null ? null : write(made.answer());
        if (answer == null) {
            chain.doFilter(new ReplayedRequest(request, body, read), response);
            return;
        }
        decider.record(made, client.name());
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATH);
        response.setStatus(HttpServletResponse.SC_OK);
        ApiHeaders.write(response);
        response.setContentType(JSON);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        served.increment();
    }

    /** Whether the request has the usual form the lane serves; reads no body. */
    private boolean usual(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())
                || !request.getContextPath().isEmpty() || request.getQueryString() != null || request.isSecure()) {
            return false;
        }
        long length = request.getContentLengthLong();
        if (length < 1 || length > maxBody || request.getHeader("Transfer-Encoding") != null) {
            return false;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !CONTENT_TYPES.contains(contentType) || !single(request, "Content-Type")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept == null || (("*/*".equals(accept) || JSON.equals(accept)) && single(request, "Accept"));
    }

    /**
     * Whether a header's value has no control character. Spring Security's firewall refuses the request when one is
     * read (Tomcat lets a tab through, and the token comparison ignores one at either end of the token).
     */
    static boolean plain(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean single(HttpServletRequest request, String header) {
        Enumeration<String> values = request.getHeaders(header);
        values.nextElement();
        return !values.hasMoreElements();
    }

    /** The request read and decided, not yet logged; null when it is not a valid decision request. */
    private Decider.Made decide(byte[] body) {
        try {
            DecisionRequest question = reader.readValue(body);
            return question == null ? null : decider.make(question);
        } catch (IOException | RuntimeException e) {
            // Malformed, unknown field, invalid value, or any failure before the decision was logged: the chain
            // reads the body again and answers it as it does.
            return null;
        }
    }

    /** The answer's bytes as Spring MVC's Jackson converter writes them; null when that fails (the chain answers). */
    private byte[] write(DecisionResponse answer) {
        try {
            return writer.writeValueAsBytes(answer);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
