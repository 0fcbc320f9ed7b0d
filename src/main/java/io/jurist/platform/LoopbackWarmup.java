package io.jurist.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.decision.DecisionRequest;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.security.ApiTokens;
import io.jurist.security.Groups;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The warm-up's last step: real HTTP over loopback to the node's own port, through the same filters, security
 * chain, MVC and Jackson as a data platform's call. Every other request is a decision request that is invalid (an
 * age of 151), so it is answered 400 and nothing is decided or logged; the others read one jurisdiction's
 * policies ({@code GET /api/v1/jurisdictions/{country}}, answered 200), which runs the path a successful answer
 * takes through Spring MVC and Jackson. They authenticate with the first configured API token allowed to ask for
 * decisions; without one the step is left out. They are real requests: {@code http.server.requests} counts them,
 * as it counts any client's. They go over {@link LoopbackConnection}s, which cost the node little besides the
 * server's own work.
 */
@Component
@Order(3)
class LoopbackWarmup implements WarmupStep {

    /** Outside QueryCheck's 0..150: every request is refused before it is decided. */
    static final int INVALID_AGE = 151;
    /** Connecting, and waiting for any one answer, fails the step after this long. */
    private static final int TIMEOUT_MILLIS = 10_000;

    private final WarmupProperties properties;
    private final ApplicationContext context;
    private final ServerProperties server;
    private final ApiTokens tokens;
    private final ObjectMapper json;
    private final ActiveRuleset active;

    LoopbackWarmup(WarmupProperties properties, ApplicationContext context, ServerProperties server,
                   ApiTokens tokens, ObjectMapper json, ActiveRuleset active) {
        this.properties = properties;
        this.context = context;
        this.server = server;
        this.tokens = tokens;
        this.json = json;
        this.active = active;
    }

    @Override
    public String name() {
        return "loopback HTTP";
    }

    @Override
    public String run(Instant deadline) throws Exception {
        if (properties.httpRequests() <= 0) {
            return "left out (jurist.warmup.http-requests=0)";
        }
        if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return "left out (no web server)";
        }
        if (server.getSsl() != null && server.getSsl().isEnabled()) {
            return "left out (the server speaks TLS)";
        }
        Optional<ApiTokens.Client> client = tokens.tokens().stream()
                .filter(c -> c.groups().contains(Groups.DATA_PLATFORM)).findFirst();
        if (client.isEmpty()) {
            return "left out (no API token of the data-platform group is configured)";
        }
        String contextPath = server.getServlet().getContextPath() == null ? "" : server.getServlet().getContextPath();
        int port = web.getWebServer().getPort();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        String authorization = "Bearer " + client.get().token();
        String hostAndPort = address.getHostString() + ":" + port;
        List<byte[]> requests = new ArrayList<>();
        List<byte[]> reads = new ArrayList<>();
        List<String> purposes = new ArrayList<>(active.current().reference().purposes().keySet());
        for (int i = 0; i < 64; i++) {
            DecisionRequest valid = InProcessWarmup.request(i, purposes);
            DecisionRequest invalid = new DecisionRequest(new DecisionRequest.Subject(valid.subject().id(),
                    valid.subject().country(), INVALID_AGE), valid.purpose(), valid.consent(), valid.at());
            requests.add(LoopbackConnection.post(hostAndPort, contextPath + "/api/v1/decisions",
                    "application/json", authorization, json.writeValueAsBytes(invalid)));
            reads.add(LoopbackConnection.get(hostAndPort, contextPath + "/api/v1/jurisdictions/"
                    + valid.subject().country(), authorization));
        }
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        int threads = Math.max(1, properties.httpThreads());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "jurist-warmup-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (LoopbackConnection connection = new LoopbackConnection(address, TIMEOUT_MILLIS)) {
                        int i;
                        while ((i = sent.getAndIncrement()) < properties.httpRequests()) {
                            if ((i & 63) == 0 && Instant.now().isAfter(deadline)) {
                                return null;
                            }
                            boolean decisionRequest = (i & 1) == 0;
                            int expected = decisionRequest ? 400 : 200;
                            int status = connection.exchange((decisionRequest ? requests : reads)
                                    .get((i >> 1) % requests.size()));
                            if (status != expected) {
                                throw new IllegalStateException("a warm-up request was answered " + status
                                        + ", not " + expected + "; warm-up over HTTP stopped");
                            }
                            (decisionRequest ? refused : read).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return refused.get() + " invalid decision requests answered 400 (none decided or logged) and " + read.get()
                + " reads of a jurisdiction's policies answered 200, over " + threads + " connection(s) as "
                + client.get().name();
    }
}
