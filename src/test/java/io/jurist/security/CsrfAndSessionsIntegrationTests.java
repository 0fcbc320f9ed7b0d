package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CSRF where browsers are (the rule editor's forms, Camunda's webapps) and none needed where they
 * are not: the API and Camunda's REST API keep no session and set no cookie.
 */
@IntegrationTest
class CsrfAndSessionsIntegrationTests {

    private static final String DRAFT = "file=consent%2FConsentModels.drl&content=%2F%2F+CSRF+test+draft";

    @LocalServerPort
    int port;

    @Test
    void theEditorsFormsNeedTheSessionsOwnToken() {
        WebSession erin = WebSession.editor(port, "erin");
        erin.get("/editor");
        // Without a token, or with another session's, nothing is saved.
        assertThat(erin.postForm("/editor/save", DRAFT, false).status()).isEqualTo(403);
        WebSession bob = WebSession.editor(port, "bob");
        bob.get("/rules");
        assertThat(erin.postForm("/editor/save", DRAFT + "&_csrf=" + bob.csrfToken(), false).status()).isEqualTo(403);
        assertThat(erin.get("/editor?file=consent/ConsentModels.drl").body()).doesNotContain("CSRF test draft");
        // With it, the draft is saved (and then discarded again).
        erin.get("/editor");
        Http.Response saved = erin.postForm("/editor/save", DRAFT, true);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(erin.get("/editor?file=consent/ConsentModels.drl").body()).contains("CSRF test draft");
        // Discarding asks first (200, the confirmation page); the confirmation, with the token, discards.
        assertThat(erin.postForm("/editor/discard", "file=consent%2FConsentModels.drl", true).status()).isEqualTo(200);
        assertThat(erin.get("/editor?file=consent/ConsentModels.drl").body()).contains("CSRF test draft");
        assertThat(erin.postForm("/editor/discard", "file=consent%2FConsentModels.drl&confirm=yes", true).status())
                .isEqualTo(302);
        assertThat(erin.get("/editor?file=consent/ConsentModels.drl").body()).doesNotContain("CSRF test draft");
    }

    @Test
    void logInAndOutAreFormsWithTheTokenTooAndLoggingInChangesTheSession() {
        WebSession visitor = WebSession.anonymous(port);
        visitor.get("/login");
        String before = visitor.cookies().get("JSESSIONID");
        // A login form posted from elsewhere (no token) is refused.
        assertThat(visitor.postForm("/login", "username=alice&password=alice", false).status()).isEqualTo(403);
        visitor.get("/login");
        Http.Response login = visitor.postForm("/login", "username=alice&password=alice", true);
        assertThat(login.status()).isEqualTo(302);
        assertThat(visitor.cookies().get("JSESSIONID")).isNotNull().isNotEqualTo(before);
        assertThat(visitor.get("/rules").status()).isEqualTo(200);
        // Logging out needs the token as well; then the session is no longer logged in.
        assertThat(visitor.postForm("/logout", "", false).status()).isEqualTo(403);
        assertThat(visitor.get("/rules").status()).isEqualTo(200);
        visitor.get("/rules");
        assertThat(visitor.postForm("/logout", "", true).status()).isEqualTo(302);
        assertThat(visitor.get("/rules").status()).isEqualTo(302);
    }

    @Test
    void camundasWebappsNeedTheirTokenForEveryChange() {
        // Their own login form is not used (one login, through the editor's form): refused without a session.
        WebSession visitor = WebSession.anonymous(port);
        assertThat(visitor.json("POST", "/camunda/api/admin/auth/user/default/login/tasklist", null, false).status())
                .isEqualTo(401);
        WebSession bob = WebSession.camunda(port, "tasklist", "bob");
        assertThat(bob.cookies()).containsKey("XSRF-TOKEN");
        assertThat(bob.json("POST", "/camunda/api/engine/engine/default/filter/none/count", "{}", false).status())
                .isEqualTo(403);
    }

    @Test
    void theApiAndCamundasRestApiNeverStartASessionNorTakeOne() {
        Http http = new Http(port);
        List<Http.Response> answers = new ArrayList<>();
        answers.add(http.get("/api/v1/purposes", basic("alice")));
        answers.add(http.get("/api/v1/purposes", basic("alice", "wrong")));
        answers.add(http.get("/api/v1/purposes", DATA_PLATFORM));
        answers.add(http.get("/api/v1/purposes", "Bearer wrong-token"));
        answers.add(http.get("/api/v1/purposes", null));
        answers.add(http.postJson("/api/v1/rulesets/validate", "{\"files\":{\"../x\":\"\"}}", basic("alice")));
        answers.add(http.get("/engine-rest/task", basic("bob")));
        answers.add(http.get("/engine-rest/task", null));
        answers.add(http.postJson("/engine-rest/task/none/complete", "{}", basic("bob")));
        answers.add(http.get("/actuator/health", null));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.raw().headers().allValues("Set-Cookie"))
                .as(answer.raw().request().uri() + " " + answer.status()).isEmpty());
        // A logged-in browser session is no credential for the API: every call authenticates itself.
        WebSession alice = WebSession.editor(port, "alice");
        String cookie = "JSESSIONID=" + alice.cookies().get("JSESSIONID");
        for (String path : new String[] {"/api/v1/purposes", "/engine-rest/task"}) {
            Http.Response withCookie = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Cookie", cookie).GET().build());
            assertThat(withCookie.status()).as(path).isEqualTo(401);
        }
    }
}
