package io.jurist.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for integration tests: real requests to the real port, as a caller makes them. */
public final class Http {

    public static final String DATA_PLATFORM = "Bearer demo-data-platform-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;
    /** The client address to connect from, when not the default one. */
    private final String from;

    public Http(int port) {
        this.base = "http://localhost:" + port;
        this.from = null;
    }

    /**
     * A client that connects from another address of this machine ({@code 127.0.0.2}, {@code 127.0.0.3}…),
     * as a caller elsewhere does: the service sees that address as the client's.
     */
    public static Http from(String address, int port) {
        return new Http(address, port);
    }

    private Http(String from, int port) {
        this.base = "http://localhost:" + port;
        this.from = from;
    }

    public static String basic(String user) {
        return basic(user, user);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A response with its body read as JSON where it is JSON. */
    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String authorization) {
        return send(request(path, authorization).GET().build());
    }

    public Response postJson(String path, String json, String authorization) {
        return post(path, "application/json", json, authorization);
    }

    public Response post(String path, String contentType, String body, String authorization) {
        HttpRequest.Builder builder = request(path, authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    public Response send(String method, String path, String contentType, String body, String authorization) {
        HttpRequest.Builder builder = request(path, authorization).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    public HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public Response send(HttpRequest request) {
        if (from != null) {
            return RawHttp.send(from, request);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
