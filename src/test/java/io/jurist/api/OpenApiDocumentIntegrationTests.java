package io.jurist.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI description says what the service is, whom to ask, and what each operation does; it is written
 * to {@code target/openapi/api-docs.json}, where {@code .ci/run} lints it with Spectral's {@code spectral:oas} rules.
 */
@IntegrationTest
class OpenApiDocumentIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theDescriptionSaysWhatTheServiceAndEachOperationDo() throws IOException {
        Http.Response docs = new Http(port).get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        Path written = Path.of("target", "openapi", "api-docs.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, docs.body());

        JsonNode info = docs.json().get("info");
        assertThat(info.path("description").asText()).isNotBlank();
        assertThat(info.path("contact").isObject()).isTrue();
        List<String> undescribed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.json().get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (operation.getValue().path("description").asText().isBlank()) {
                    undescribed.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(undescribed).as("operations without a description").isEmpty();
    }
}
