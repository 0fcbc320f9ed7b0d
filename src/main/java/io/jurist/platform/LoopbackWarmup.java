package io.jurist.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.decision.DecisionRequest;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.security.ApiTokens;
import io.jurist.security.Groups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * The warm-up's second step: real HTTP over loopback to the node's own port, through the same filters, security
 * chain, MVC and Jackson as a data platform's call, with requests that are invalid (an age of 151), so each is
 * answered 400 and nothing is decided or logged. They authenticate with the first configured API token allowed
 * to ask for decisions; without one the step is left out. They are real requests: {@code http.server.requests}
 * counts them (status 400, uri /api/v1/decisions), as it counts any client's invalid requests.
 */
@Component
@Order(2)
class LoopbackWarmup implements WarmupStep {

    /** Outside QueryCheck's 0..150: every request is refused before it is decided. */
    static final int INVALID_AGE = 151;

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
        URI uri = URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + contextPath + "/api/v1/decisions");
        String authorization = "Bearer " + client.get().token();
        List<byte[]> bodies = new ArrayList<>();
        List<String> purposes = new ArrayList<>(active.current().reference().purposes().keySet());
        for (int i = 0; i < 64; i++) {
            DecisionRequest valid = InProcessWarmup.request(i, purposes);
            DecisionRequest invalid = new DecisionRequest(new DecisionRequest.Subject(valid.subject().id(),
                    valid.subject().country(), INVALID_AGE), valid.purpose(), valid.consent(), valid.at());
            bodies.add(json.writeValueAsBytes(invalid));
        }
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int threads = Math.max(1, properties.httpThreads());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "jurist-warmup-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = sent.getAndIncrement()) < properties.httpRequests()) {
                        if (Instant.now().isAfter(deadline)) {
                            return null;
                        }
                        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .header("Authorization", authorization)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
                                .build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (answer.statusCode() != 400) {
                            throw new IllegalStateException("a warm-up request was answered "
                                    + answer.statusCode() + ", not 400; warm-up over HTTP stopped");
                        }
                        refused.incrementAndGet();
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
        return refused.get() + " invalid requests answered 400 over " + threads + " connection(s) as "
                + client.get().name() + ", none decided or logged";
    }
}
