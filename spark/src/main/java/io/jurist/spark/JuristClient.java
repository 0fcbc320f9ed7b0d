package io.jurist.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few calls the job makes to Jurist, with the data platform's bearer token. */
public final class JuristClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param url   the service's base address, e.g. {@code https://jurist.example.org}
     * @param token the data platform's bearer token
     */
    public JuristClient(String url, String token) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
    }

    /** The version the service answers with now. */
    public int activeVersion() {
        return get("/api/v1/rulesets/active").get("version").asInt();
    }

    /** A stored version's revision. */
    public String revision(int version) {
        return get("/api/v1/rulesets/" + version).get("revision").asText();
    }

    /** The snapshot of a version (pinned by its number in the path) for a purpose, as JSON. */
    public String snapshot(int version, String purpose) {
        return send(request("/api/v1/rulesets/" + version + "/snapshot?purpose="
                + URLEncoder.encode(purpose, StandardCharsets.UTF_8)).GET().build(), 200);
    }

    /** Posts a run's summary to the decision log; answers the batch id it is logged under. */
    public String postSummary(String summaryJson) {
        String body = send(request("/api/v1/decisions/summaries").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(summaryJson)).build(), 201);
        return read(body).get("batchId").asText();
    }

    private JsonNode get(String path) {
        return read(send(request(path).GET().build(), 200));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private String send(HttpRequest request, int expected) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Jurist did not answer " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Jurist answered " + response.statusCode() + " to " + request.method()
                    + " " + request.uri().getPath() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
