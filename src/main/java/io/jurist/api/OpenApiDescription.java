package io.jurist.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI description at {@code /v3/api-docs} says about the service as a whole. */
@Configuration
class OpenApiDescription {

    @Bean
    OpenAPI juristOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Jurist")
                .version("v1")
                .description("Regulatory rules service: decides whether a member's data may be used for a purpose "
                        + "in a jurisdiction (PERMIT or DENY, with reasons, obligations and the ruleset version), "
                        + "one at a time or in NDJSON batches; serves the active ruleset, reference data and an "
                        + "event feed to the data platform; takes rule changes, engagements, suspensions and "
                        + "re-enablements through approval workflows; and reports evidence for regulators. "
                        + "People authenticate with HTTP Basic, machines with a bearer token.")
                .contact(new Contact().name("Jurist maintainers (see the project's README)")));
    }
}
