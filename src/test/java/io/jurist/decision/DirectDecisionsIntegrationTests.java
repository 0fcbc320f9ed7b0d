package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.audit.DecisionLog;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The direct lane for single decisions ({@link DirectDecisions}) answers what the full chain answers: every request
 * below is sent with the lane on and off, in one context, and must get the same status, headers (but Date and the
 * framing) and body (but the decision's id and time); the lane serves exactly the usual valid calls, the decision
 * log records each answered decision once, and {@code http.server.requests} tags a lane-served call as before.
 */
@IntegrationTest
class DirectDecisionsIntegrationTests {

    private static final String PATH = "/api/v1/decisions";
    private static final String JSON = "application/json";
    private static final String PERMIT = """
            {"subject":{"id":"member-42","country":"US","age":34},"purpose":"GENAI_TRAINING",\
            "consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}""";
    private static final String DENY = """
            {"subject":{"id":"member-43","country":"GB","age":15},"purpose":"GENAI_TRAINING",\
            "at":"2025-01-01T00:00:00Z"}""";
    private static final String DATA_PLATFORM = Http.DATA_PLATFORM;
    private static final String AUTHORS_BOT = "Bearer authors-bot-token";
    private static final String APPROVERS_BOT = "Bearer approvers-bot-token";
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([^\"]*)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    DirectDecisions lane;

    @Autowired
    DecisionLog log;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void laneOn() {
        lane.setEnabled(true);
    }

    /** A request: what it is, whether the lane should serve it, and how it is built. */
    private record Case(String name, boolean served, UnaryOperator<HttpRequest.Builder> request, String path) {
    }

    private static Case post(String name, boolean served, String path, String authorization, String contentType,
                             String body, String... headers) {
        return new Case(name, served, builder -> {
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            for (int i = 0; i < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            return builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }, path);
    }

    private static Case decision(String name, boolean served, String body, String... headers) {
        return post(name, served, PATH, DATA_PLATFORM, JSON, body, headers);
    }

    private static List<Case> cases() {
        // Every decision names its instant: one about "now" would differ between the two answers.
        String valid = "\"purpose\":\"GENAI_TRAINING\",\"at\":\"2025-01-01T00:00:00Z\"";
        List<Case> cases = new ArrayList<>(List.of(
                decision("PERMIT", true, PERMIT),
                decision("DENY, two reasons", true, DENY),
                post("charset UTF-8", true, PATH, DATA_PLATFORM, "application/json;charset=UTF-8", PERMIT),
                post("charset utf-8 after a blank", true, PATH, DATA_PLATFORM, "application/json; charset=utf-8",
                        DENY),
                decision("Accept */*", true, PERMIT, "Accept", "*/*"),
                decision("Accept application/json", true, PERMIT, "Accept", JSON),
                decision("no consent, no age, a lower-case country", true,
                        "{\"subject\":{\"id\":\"m\",\"country\":\"jp\"}," + valid + "}"),
                decision("a duplicate field, read as MVC reads it", true,
                        "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"country\":\"GB\"}," + valid + "}"),
                decision("text after the object, read as MVC reads it", true, PERMIT + " trailing"),
                decision("non-ASCII text", true, "{\"subject\":{\"id\":\"m\u00e9\u4e00\",\"country\":\"US\"},"
                        + valid + "}"),
                post("a rule authors' token", true, PATH, AUTHORS_BOT, JSON, PERMIT),
                decision("a tab inside another header", true, PERMIT, "X-Note", "a\tb"),
                decision("a C1 control inside another header", true, PERMIT, "X-Note", "a\u0085b"),
                // Bodies the lane reads and hands back to the chain.
                decision("unknown field", false, "{\"subject\":{\"id\":\"m\",\"country\":\"US\"}," + valid
                        + ",\"purpse\":1}"),
                decision("unknown nested field", false, "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"agee\":3},"
                        + valid + "}"),
                decision("malformed JSON", false, "{\"subject\": {\"id\": \"m\","),
                decision("not an object", false, "[1,2]"),
                decision("null", false, "null"),
                decision("age as text", false, "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":\"34\"},"
                        + valid + "}"),
                decision("age as fraction", false, "{\"subject\":{\"id\":\"m\",\"country\":\"US\",\"age\":34.5},"
                        + valid + "}"),
                decision("invalid values", false, "{\"subject\":{\"id\":\"\",\"country\":\"XX\",\"age\":200},"
                        + "\"purpose\":\"NOPE\",\"consent\":\"MAYBE\",\"at\":\"yesterday\"}"),
                decision("missing subject", false, "{" + valid + "}"),
                decision("missing fields", false, "{}"),
                decision("empty body", false, ""),
                decision("blank body", false, "   "),
                decision("a body over the limit", false, "{\"subject\":{\"id\":\"" + "m".repeat(70_000)
                        + "\",\"country\":\"US\"}," + valid + "}"),
                // Requests the lane leaves alone.
                post("text/plain", false, PATH, DATA_PLATFORM, "text/plain", PERMIT),
                post("no content type", false, PATH, DATA_PLATFORM, null, PERMIT),
                post("charset ISO-8859-1", false, PATH, DATA_PLATFORM, "application/json;charset=ISO-8859-1",
                        PERMIT),
                post("application/problem+json", false, PATH, DATA_PLATFORM, "application/problem+json", PERMIT),
                decision("Accept text/html", false, PERMIT, "Accept", "text/html"),
                decision("Accept application/xml", false, PERMIT, "Accept", "application/xml"),
                decision("Accept a list", false, PERMIT, "Accept", "application/json, text/plain"),
                decision("Accept application/*", false, PERMIT, "Accept", "application/*"),
                decision("two Accept headers", false, PERMIT, "Accept", JSON, "Accept", "text/html"),
                post("an unknown token", false, PATH, "Bearer not-a-token", JSON, PERMIT),
                post("a token's prefix", false, PATH, "Bearer demo-data-platform", JSON, PERMIT),
                post("a tab before the token", false, PATH, "Bearer \tdemo-data-platform-token", JSON, PERMIT),
                post("a token without a deciding group", false, PATH, APPROVERS_BOT, JSON, PERMIT),
                post("Basic, a rule author", false, PATH, Http.basic("alice"), JSON, PERMIT),
                post("Basic, a legal approver", false, PATH, Http.basic("bob"), JSON, PERMIT),
                post("Basic, a wrong password", false, PATH, Http.basic("alice", "nope"), JSON, PERMIT),
                post("anonymous", false, PATH, null, JSON, PERMIT),
                post("trailing slash", false, PATH + "/", DATA_PLATFORM, JSON, PERMIT),
                post("double slash", false, "/" + PATH, DATA_PLATFORM, JSON, PERMIT),
                post("path parameter", false, PATH + ";x=1", DATA_PLATFORM, JSON, PERMIT),
                post("upper case", false, "/API/v1/decisions", DATA_PLATFORM, JSON, PERMIT),
                post("encoded character", false, "/api/v1/%64ecisions", DATA_PLATFORM, JSON, PERMIT),
                post("query string", false, PATH + "?x=1", DATA_PLATFORM, JSON, PERMIT),
                new Case("chunked body", false, builder -> builder.header("Authorization", DATA_PLATFORM)
                        .header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(PERMIT.getBytes(StandardCharsets.UTF_8)))), PATH),
                new Case("PUT", false, builder -> builder.header("Authorization", DATA_PLATFORM)
                        .header("Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString(PERMIT)), PATH),
                new Case("GET", false, builder -> builder.header("Authorization", DATA_PLATFORM).GET(), PATH)));
        return cases;
    }

    /** An answer as compared: the status, the headers but Date and framing, the body but id and times. */
    private record Answer(int status, Map<String, List<String>> headers, String body, String decisionId) {
    }

    private Answer send(Case c) {
        HttpRequest request = c.request().apply(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + c.path())).timeout(Duration.ofSeconds(60))).build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(c.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String key = name.toLowerCase();
            if (!List.of("date", "content-length", "transfer-encoding").contains(key)) {
                headers.put(key, values.stream().map(v -> v.replaceAll("JSESSIONID=[^;]*", "JSESSIONID=?")).toList());
            }
        });
        Matcher id = DECISION_ID.matcher(response.body());
        String body = response.body().replaceAll("\"decisionId\":\"[^\"]*\"", "\"decisionId\":\"?\"")
                .replaceAll("\"(evaluatedAt|timestamp)\":\"[^\"]*\"", "\"$1\":\"?\"");
        return new Answer(response.statusCode(), headers, body, id.find() ? id.group(1) : null);
    }

    @Test
    void answersEveryRequestAsTheFullChainDoesAndServesOnlyTheUsualValidOnes() {
        double writtenBefore = written();
        List<String> decided = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Case c : cases()) {
            lane.setEnabled(true);
            long servedBefore = lane.served();
            Answer direct = send(c);
            long servedByLane = lane.served() - servedBefore;
            lane.setEnabled(false);
            Answer full = send(c);
            assertThat(lane.served() - servedBefore - servedByLane).as(c.name()).isZero();

            assertThat(servedByLane).as(c.name() + ": served by the lane").isEqualTo(c.served() ? 1 : 0);
            assertThat(direct.status()).as(c.name() + ": status").isEqualTo(full.status());
            assertThat(direct.headers()).as(c.name() + ": headers").isEqualTo(full.headers());
            assertThat(direct.body()).as(c.name() + ": body").isEqualTo(full.body());
            if (c.served()) {
                assertThat(direct.status()).as(c.name()).isEqualTo(200);
            }
            for (Answer answer : List.of(direct, full)) {
                if (answer.decisionId() != null) {
                    decided.add(answer.decisionId());
                }
            }
            statuses.put(c.name(), direct.status());
        }
        // The cases cover what they claim: decisions, refusals of every kind, and the chain's other answers.
        assertThat(new TreeSet<>(statuses.values())).as(statuses.toString())
                .contains(200, 400, 401, 403, 405, 406, 413, 415);

        // Each answered decision is logged once, under its id; nothing else is logged.
        assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(decided).doesNotHaveDuplicates();
        assertThat(written() - writtenBefore).as("decisions logged").isEqualTo(decided.size());
        for (String id : decided) {
            assertThat(log.decision(id)).as(id).isPresent();
        }
        assertThat(log.decision(decided.get(0)).orElseThrow().client()).isEqualTo("data-platform");
    }

    @Test
    void aLaneServedDecisionIsTimedUnderTheSameTagsAsBefore() {
        Case permit = decision("PERMIT", true, PERMIT);
        Map<List<Tag>, Long> direct = timed(permit, true);
        Map<List<Tag>, Long> full = timed(permit, false);
        assertThat(direct).isEqualTo(full);
        assertThat(direct).containsExactly(Map.entry(List.of(Tag.of("error", "none"), Tag.of("exception", "none"),
                Tag.of("method", "POST"), Tag.of("outcome", "SUCCESS"), Tag.of("status", "200"),
                Tag.of("uri", "/api/v1/decisions")), 1L));
    }

    /** The change in http.server.requests' counts, by tags, that one request made. */
    private Map<List<Tag>, Long> timed(Case c, boolean laneOn) {
        lane.setEnabled(laneOn);
        long servedBefore = lane.served();
        Map<List<Tag>, Long> before = timers();
        assertThat(send(c).status()).isEqualTo(200);
        assertThat(lane.served() - servedBefore).isEqualTo(laneOn ? 1 : 0);
        Await.until(() -> total(timers()), n -> n > total(before), Duration.ofSeconds(10), "the request timed");
        Await.pause(200);
        Map<List<Tag>, Long> after = timers();
        Map<List<Tag>, Long> change = new HashMap<>();
        after.forEach((tags, count) -> {
            long was = before.getOrDefault(tags, 0L);
            if (count != was) {
                change.put(tags, count - was);
            }
        });
        return change;
    }

    private Map<List<Tag>, Long> timers() {
        Map<List<Tag>, Long> counts = new HashMap<>();
        for (Timer timer : meters.find("http.server.requests").timers()) {
            counts.put(timer.getId().getTags(), timer.count());
        }
        return counts;
    }

    private static long total(Map<List<Tag>, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private double written() {
        return meters.get("jurist.decisions.log.written").tag("kind", "single").counter().count();
    }
}
