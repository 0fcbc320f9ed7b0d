package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;

class DecisionAnswerConverterTests {

    // As the application configures its mapper (application.yaml): instants as text, nulls kept.
    private static final ObjectMapper MAPPER = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final DecisionAnswerConverter converter = new DecisionAnswerConverter(MAPPER);
    private final MappingJackson2HttpMessageConverter jackson = new MappingJackson2HttpMessageConverter(MAPPER);

    private static final DecisionResponse ANSWER = new DecisionResponse("id-1", "PERMIT",
            List.of(new DecisionResponse.ObligationView("REDACT_PERSONAL_DATA", "Rule \"quoted\"", "Redact é\n")),
            List.of(new DecisionResponse.ReasonView("PERMITTED", null, "Enabled in US.")),
            new DecisionResponse.JurisdictionView("US", null), "member-1", "GENAI_TRAINING", "NOT_SET",
            Instant.parse("2024-11-25T00:00:00Z"), new DecisionResponse.RulesetRef(3, "sha256:ab"),
            Instant.parse("2026-11-29T21:08:49.107Z"));

    @Test
    void writesTheSameBytesAndHeadersAsSpringsJacksonConverter() throws IOException {
        for (MediaType asked : new MediaType[] {MediaType.APPLICATION_JSON, null}) {
            MockHttpOutputMessage ours = new MockHttpOutputMessage();
            converter.write(ANSWER, asked, ours);
            MockHttpOutputMessage theirs = new MockHttpOutputMessage();
            jackson.write(ANSWER, asked, theirs);
            assertThat(ours.getBodyAsBytes()).isEqualTo(theirs.getBodyAsBytes());
            assertThat(ours.getHeaders()).isEqualTo(theirs.getHeaders());
        }
    }

    @Test
    void writesOnlyDecisionAnswersAndReadsNothing() {
        assertThat(converter.canWrite(DecisionResponse.class, MediaType.APPLICATION_JSON)).isTrue();
        assertThat(converter.canWrite(DecisionRequest.class, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(converter.canWrite(Object.class, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(converter.canWrite(DecisionResponse.class, MediaType.TEXT_HTML)).isFalse();
        assertThat(converter.canRead(DecisionResponse.class, MediaType.APPLICATION_JSON)).isFalse();
    }
}
