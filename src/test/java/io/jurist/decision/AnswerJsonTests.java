package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class AnswerJsonTests {

    // As the application configures its mapper (application.yaml): instants as text, nulls kept.
    private static final ObjectMapper MAPPER = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static String streamed(DecisionResponse response) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            AnswerJson.write(generator, response);
        }
        return out.toString();
    }

    @Test
    void writesExactlyWhatTheMapperWritesForTheSingleEndpoint() throws IOException {
        List<DecisionResponse> answers = List.of(
                new DecisionResponse("id-1", "PERMIT",
                        List.of(new DecisionResponse.ObligationView("REDACT_PERSONAL_DATA", "Rule \"quoted\"", "Redact é\n")),
                        List.of(new DecisionResponse.ReasonView("PERMITTED", "A rule", "Enabled in US.")),
                        new DecisionResponse.JurisdictionView("US", "REST_OF_WORLD"), "member-1", "GENAI_TRAINING",
                        "NOT_SET", Instant.parse("2024-11-25T00:00:00Z"), new DecisionResponse.RulesetRef(3, "sha256:ab"),
                        Instant.parse("2026-11-29T21:08:49.107Z")),
                new DecisionResponse("id-2", "DENY", List.of(),
                        List.of(new DecisionResponse.ReasonView("NO_RULE_PERMITS", null, "No rule permits this use."),
                                new DecisionResponse.ReasonView("MINOR_EXCLUDED", "Minors", "Under 18.")),
                        new DecisionResponse.JurisdictionView("GB", "UK"), "m", "GENAI_TRAINING", "OPTED_OUT",
                        Instant.parse("2024-11-25T00:00:00.000000001Z"), new DecisionResponse.RulesetRef(1, "sha256:cd"),
                        Instant.parse("2026-11-29T21:08:49Z")));
        AnswerJson.SharedTexts texts = new AnswerJson.SharedTexts();
        for (DecisionResponse answer : answers) {
            assertThat(streamed(answer)).isEqualTo(MAPPER.writeValueAsString(answer));
            // And as a batch writer writes it, from its cache of encoded texts, twice over.
            for (int i = 0; i < 2; i++) {
                StringWriter out = new StringWriter();
                try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                    AnswerJson.write(generator, answer, texts);
                }
                assertThat(out.toString()).isEqualTo(MAPPER.writeValueAsString(answer));
            }
        }
    }

    @Test
    void aBatchWritersCacheOfSharedTextsWritesTheSameInstantsEvenWhenTheyShareASlot() throws IOException {
        AnswerJson.SharedTexts texts = new AnswerJson.SharedTexts();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<Instant> instants = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000)));
        }
        for (int round = 0; round < 20_000; round++) {
            Instant at = instants.get(random.nextInt(instants.size()));
            DecisionResponse answer = new DecisionResponse("id-" + round, "DENY", List.of(), List.of(),
                    new DecisionResponse.JurisdictionView("GB", null), "m", "GENAI_TRAINING", "NOT_SET", at,
                    new DecisionResponse.RulesetRef(1, "sha256:cd"), instants.get(round % 3));
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                AnswerJson.write(generator, answer, texts);
            }
            assertThat(out.toString()).isEqualTo(MAPPER.writeValueAsString(answer));
        }
    }

    @Test
    void answersWrittenFromTheirCasesTemplatesAreTheBytesTheFieldByFieldWriterWrites() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<DecisionResponse.ReasonView> denied = List.of(
                new DecisionResponse.ReasonView("NO_RULE_PERMITS", null, "No rule permits \"this\" use."),
                new DecisionResponse.ReasonView("MINOR_EXCLUDED", "Minors", "Under 18 \u00e9\u2028."));
        List<DecisionResponse.ReasonView> permitted = List.of(
                new DecisionResponse.ReasonView("PERMITTED", "A rule", "Enabled in US."));
        List<DecisionResponse.ObligationView> obligations = List.of(
                new DecisionResponse.ObligationView("REDACT_PERSONAL_DATA", "Rule \"quoted\"", "Redact \u00e9\n"));
        String[] subjects = {"member-%d", "m\"%d", "m\\%d", "m\u00e9%d", "m\n%d", "m\u0001%d", "\ud83d\ude00%d", "%d/<>"};
        String[] countries = {"US", "GB", "DE"};
        Instant[] evaluated = {Instant.parse("2026-11-29T21:08:49.107Z"), Instant.parse("2026-11-29T21:08:49Z")};
        // Cases are only told apart by identity; one answer in twenty does not fit its case's template.
        Object[] cases = new Object[40];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = new Object();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // What the field-by-field writer writes to a byte stream, as a batch's answers go out.
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        AnswerJson.SharedTexts texts = new AnswerJson.SharedTexts();
        int templated = 0;
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out);
             JsonGenerator plain = MAPPER.getFactory().createGenerator(expected)) {
            generator.setRootValueSeparator(null);
            plain.setRootValueSeparator(null);
            AnswerJson.Templates templates = new AnswerJson.Templates(MAPPER.getFactory(), generator, texts);
            for (int line = 0; line < 20_000; line++) {
                int c = random.nextInt(cases.length);
                boolean misfit = random.nextInt(20) == 0;
                boolean permit = c % 2 == 0;
                String subject = String.format(random.nextInt(10) == 0 ? subjects[random.nextInt(subjects.length)]
                        : subjects[0], line);
                Instant at = c % 7 == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000) * 86_400L,
                        random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0);
                DecisionResponse answer = new DecisionResponse(Evaluation.newDecisionId(), permit ? "PERMIT" : "DENY",
                        permit ? obligations : List.of(), permit ? permitted : denied,
                        new DecisionResponse.JurisdictionView(countries[(c + (misfit ? 1 : 0)) % 3],
                                c % 3 == 0 ? null : "REGION"),
                        subject, "GENAI_TRAINING", misfit ? "OPTED_IN" : "NOT_SET", at,
                        new DecisionResponse.RulesetRef(misfit && c % 5 == 0 ? 4 : 3, "sha256:ab"),
                        evaluated[line / 1000 % 2]);
                if (templates.write(generator, cases[c], answer)) {
                    templated++;
                } else {
                    AnswerJson.write(generator, answer, texts);
                }
                generator.writeRaw('\n');
                AnswerJson.write(plain, answer);
                plain.writeRaw('\n');
            }
        }
        assertThat(templated).as("answers written from templates").isGreaterThan(15_000);
        String written = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        String[] writtenLines = written.split("\n", -1);
        String[] expectedLines = expected.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        assertThat(writtenLines).hasSameSizeAs(expectedLines);
        for (int i = 0; i < expectedLines.length; i++) {
            assertThat(writtenLines[i]).as("line %d", i).isEqualTo(expectedLines[i]);
        }
    }
}
