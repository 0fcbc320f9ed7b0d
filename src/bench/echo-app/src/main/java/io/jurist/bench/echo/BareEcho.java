package io.jurist.bench.echo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web stack's own limit: Tomcat, Spring MVC and Jackson reading a decision request into the same shape of
 * record Jurist reads and writing it back, and nothing more. {@code src/bench/http.sh} measures Jurist's decisions
 * as a ratio to this.
 */
@SpringBootApplication
@RestController
public class BareEcho {

    /** The shape of Jurist's decision request (fields as text, as Jurist reads them). */
    public record Request(Subject subject, String purpose, String consent, String at) {

        public record Subject(String id, String country, Integer age) {
        }
    }

    @PostMapping(path = "/api/v1/decisions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Request echo(@RequestBody Request request) {
        return request;
    }

    public static void main(String[] args) {
        SpringApplication.run(BareEcho.class, args);
    }
}
