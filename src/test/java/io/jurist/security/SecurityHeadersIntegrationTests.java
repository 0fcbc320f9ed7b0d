package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The security headers of docs/security.md, on the API's answers, the rule editor's pages and Camunda's webapps. */
@IntegrationTest
class SecurityHeadersIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void apiAnswersAreNeitherCachedNorFramedNorSniffed() {
        Http http = new Http(port);
        Map<String, Http.Response> answers = new LinkedHashMap<>();
        answers.put("api 200", http.get("/api/v1/purposes", DATA_PLATFORM));
        answers.put("api 401", http.get("/api/v1/purposes", null));
        answers.put("api 403", http.postJson("/api/v1/rulesets/proposals", "{}", DATA_PLATFORM));
        answers.put("api 404", http.get("/api/v1/engagements/ENG-NONE", basic("alice")));
        answers.put("engine-rest 200", http.get("/engine-rest/task", basic("bob")));
        answers.put("engine-rest user", http.get("/engine-rest/user/alice/profile", basic("bob")));
        answers.put("engine-rest 401", http.get("/engine-rest/task", null));
        answers.put("engine-rest 404", http.get("/engine-rest/task/none", basic("bob")));
        answers.put("actuator", http.get("/actuator/health", null));
        SoftAssertions soft = new SoftAssertions();
        answers.forEach((name, answer) -> {
            soft.assertThat(answer.header("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
            soft.assertThat(answer.header("X-Frame-Options")).as(name).isEqualTo("DENY");
            soft.assertThat(answer.header("Cache-Control")).as(name).contains("no-store");
            soft.assertThat(answer.header("Referrer-Policy")).as(name).isEqualTo("no-referrer");
            soft.assertThat(answer.header("Content-Security-Policy")).as(name)
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        });
        soft.assertAll();
    }

    @Test
    void theEditorsPagesAllowOnlyTheirOwnScriptsAndAreNeitherCachedNorFramed() {
        WebSession alice = WebSession.editor(port, "alice");
        Map<String, Http.Response> pages = new LinkedHashMap<>();
        pages.put("login", WebSession.anonymous(port).get("/login"));
        pages.put("redirect to login", WebSession.anonymous(port).get("/rules"));
        pages.put("rules", alice.get("/rules"));
        pages.put("editor", alice.get("/editor"));
        pages.put("error page", alice.get("/engagements/ENG-NONE"));
        SoftAssertions soft = new SoftAssertions();
        pages.forEach((name, page) -> {
            soft.assertThat(page.header("Content-Security-Policy")).as(name).contains("default-src 'self'")
                    .contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'self'")
                    .contains("form-action 'self'").doesNotContain("unsafe-eval");
            soft.assertThat(page.header("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
            soft.assertThat(page.header("X-Frame-Options")).as(name).isEqualTo("DENY");
            soft.assertThat(page.header("Cache-Control")).as(name).contains("no-store");
            soft.assertThat(page.header("Referrer-Policy")).as(name).isEqualTo("same-origin");
        });
        soft.assertAll();
        assertThat(pages.get("rules").status()).isEqualTo(200);
        assertThat(pages.get("rules").body()).doesNotContain("<script>").doesNotContain(" onclick=");
    }

    @Test
    void camundasWebappsKeepTheirOwnPolicyAndAreNotSniffedNorFramedByOthers() {
        WebSession tasklist = WebSession.camunda(port, "tasklist", "bob");
        Map<String, Http.Response> answers = new LinkedHashMap<>();
        answers.put("tasklist page", tasklist.get("/camunda/app/tasklist/default/"));
        answers.put("tasklist api", tasklist.get("/camunda/api/engine/engine/default/task/count"));
        SoftAssertions soft = new SoftAssertions();
        answers.forEach((name, answer) -> {
            soft.assertThat(answer.header("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
            soft.assertThat(answer.header("X-Frame-Options")).as(name).isEqualTo("SAMEORIGIN");
            soft.assertThat(answer.header("Cache-Control")).as(name).contains("no-store");
            soft.assertThat(answer.header("Referrer-Policy")).as(name).isEqualTo("same-origin");
        });
        soft.assertThat(answers.get("tasklist page").header("Content-Security-Policy")).contains("object-src 'none'");
        soft.assertAll();
    }
}
