package io.jurist.decision;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the HTTP benchmarks: reads a decision request and writes it back, through the same
 * filters, security and JSON mapper as a decision, so the ratio to it is the cost of deciding.
 * Exists only under the {@code benchmark} profile.
 */
@Hidden
@RestController
@Profile("benchmark")
class EchoController {

    static final String PATH = "/api/v1/benchmark/echo";

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionRequest echo(@RequestBody DecisionRequest request) {
        return request;
    }
}
