package io.jurist.ruleset;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The hostile corpus sent as a rule author would send it (alice, HTTP Basic, nothing proposed or approved):
 * each file is refused at its line, none has any effect, and the service goes on answering.
 */
@IntegrationTest
class HostileRulesIntegrationTests {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private void theServiceAnswersNormally() {
        Http.Response decision = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-1\",\"country\":\"US\","
                + "\"age\":30},\"purpose\":\"GENAI_TRAINING\",\"at\":\"2025-06-01T00:00:00Z\"}", DATA_PLATFORM);
        assertThat(decision.status()).as(decision.body()).isEqualTo(200);
        assertThat(decision.json().get("decision").asText()).isEqualTo("PERMIT");
    }

    @TestFactory
    Stream<DynamicTest> validatingEachHostileFileRefusesItAtItsLineWithNoEffect() {
        return HostileRules.all().stream().map(hostile -> DynamicTest.dynamicTest(hostile.name(), () -> {
            Http.Response response = http.postJson("/api/v1/rulesets/validate",
                    Http.json(Map.of("files", Map.of(hostile.path(), hostile.content()))), basic("alice"));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode answer = response.json();
            assertThat(answer.get("valid").asBoolean()).isFalse();
            assertThat(answer.get("errors")).as(response.body()).anySatisfy(problem -> {
                assertThat(problem.get("file").asText()).isEqualTo(hostile.path());
                assertThat(problem.get("line").asInt()).isEqualTo(hostile.line());
                assertThat(problem.get("message").asText()).contains(hostile.fragment());
            });
            assertThat(hostile.hadAnEffect()).as("canary of %s", hostile.name()).isFalse();
            theServiceAnswersNormally();
        }));
    }

    @Test
    void proposingAHostileFileIsRefusedAndStoresNothing() {
        HostileRules.Hostile hostile = HostileRules.all().stream()
                .filter(h -> h.name().equals("ClassForNameConcatenated.drl")).findFirst().orElseThrow();
        int versions = http.get("/api/v1/rulesets", DATA_PLATFORM).json().size();
        Http.Response response = http.postJson("/api/v1/rulesets/proposals", Http.json(Map.of("summary", "probe",
                "files", Map.of(hostile.path(), hostile.content()))), basic("alice"));
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().at("/errors/0/file").asText()).isEqualTo(hostile.path());
        assertThat(response.json().at("/errors/0/line").asInt()).isEqualTo(hostile.line());
        assertThat(http.get("/api/v1/rulesets", DATA_PLATFORM).json().size()).isEqualTo(versions);
        assertThat(hostile.hadAnEffect()).isFalse();
        theServiceAnswersNormally();
    }

    @Test
    void theEditorShowsTheRefusalAtItsLineAndRunsNothingOnAPlainGet() {
        HostileRules.Hostile hostile = HostileRules.all().stream()
                .filter(h -> h.name().equals("SystemSetProperty.drl")).findFirst().orElseThrow();
        WebSession editor = WebSession.editor(port, "alice");
        String file = "exclusions/Minors.drl";
        assertThat(editor.get("/editor?file=" + encode(file)).status()).isEqualTo(200);
        Http.Response saved = editor.postForm("/editor/save", "file=" + encode(file) + "&content="
                + encode(hostile.content()), true);
        assertThat(saved.status()).as(saved.body()).isIn(200, 302);
        try {
            assertThat(editor.get("/editor/review").status()).isEqualTo(200);
            assertThat(editor.get("/editor/scenarios?run=").status()).isEqualTo(200);
            assertThat(hostile.hadAnEffect()).isFalse();
            assertThat(editor.get("/editor/review").status()).isEqualTo(200);
            Http.Response checked = editor.postForm("/editor/review", "", true);
            assertThat(checked.status()).isEqualTo(200);
            assertThat(checked.body()).contains(file + ":" + hostile.line())
                    .contains("a rule may only call deny, permit or oblige on the case; found System.setProperty");
            assertThat(hostile.hadAnEffect()).isFalse();
        } finally {
            editor.get("/editor?file=" + encode(file));
            editor.postForm("/editor/discard", "file=" + encode(file), true);
        }
    }

    @Test
    void theStartingRulesAndANewRuleInTheFactApisWordsAreAccepted() {
        String rule = """
                package io.jurist.rules;

                import io.jurist.facts.DecisionCase;

                rule "Members in Chile under 21 are excluded"
                    @basis("Test: a country's own age line")
                when
                    $case : DecisionCase( country == "CL", age != null, age < 21 )
                then
                    $case.deny("UNDER_21_IN_CHILE", "Members in " + $case.getCountry() + " under 21 are not used.");
                end
                """;
        Http.Response response = http.postJson("/api/v1/rulesets/validate",
                Http.json(Map.of("files", Map.of("exclusions/Chile.drl", rule))), basic("alice"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("valid").asBoolean()).as(response.body()).isTrue();
        assertThat(response.json().at("/impact/kind").asText()).isEqualTo("RESTRICTIVE");
        assertThat(response.json().at("/impact/coverage").asText()).isEqualTo("EXHAUSTIVE");
        assertThat(response.json().at("/impact/byCountry/CL/PERMIT_TO_DENY").asInt()).isPositive();
        assertThat(List.copyOf(response.json().at("/impact/byCountry").properties()).stream().map(Map.Entry::getKey))
                .containsExactly("CL");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
