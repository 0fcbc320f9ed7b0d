package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SecurityIntegrationTests {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void camundaRestApiNeedsTheSameUsersAndTellsTheEngineWhoCalls() {
        assertThat(http.get("/engine-rest/engine", null).status()).isEqualTo(401);
        assertThat(http.get("/engine-rest/user", basic("bob", "wrong")).status()).isEqualTo(401);
        Http.Response bob = http.get("/engine-rest/user?id=alice", basic("bob"));
        assertThat(bob.status()).isEqualTo(200);
        assertThat(bob.json().findValuesAsText("id")).containsExactly("alice");
        // Authorizations are on: a machine identity without Camunda permissions sees no users.
        Http.Response machine = http.get("/engine-rest/user", DATA_PLATFORM);
        assertThat(machine.status()).isEqualTo(200);
        assertThat(machine.json()).isEmpty();
        Http.Response groups = http.get("/engine-rest/identity/groups?userId=erin", basic("erin"));
        assertThat(groups.json().at("/groups").findValuesAsText("id"))
                .containsExactlyInAnyOrder("rule-authors", "legal-approvers");
    }

    /** Logs into Tasklist as its page does: fetch the CSRF token first, then post the form. */
    private int tasklistLogin(String user, String password) {
        Http.Response page = http.get("/camunda/app/tasklist/default/", null);
        assertThat(page.status()).isEqualTo(200);
        // The token is kept in the session, so both cookies go back with the form.
        java.util.List<String> cookies = page.raw().headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';'))).toList();
        String token = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                .substring("XSRF-TOKEN=".length());
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", String.join("; ", cookies))
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build();
        return http.send(login).status();
    }

    @Test
    void theDemoUsersLogIntoTasklistWithTheirPasswords() {
        for (String user : new String[] {"alice", "bob", "dana", "erin", "admin"}) {
            assertThat(tasklistLogin(user, user)).as(user).isEqualTo(200);
        }
        assertThat(tasklistLogin("alice", "bob")).isEqualTo(401);
    }

    @Test
    void eachApproverGroupHasATasklistFilter() {
        Http.Response filters = http.get("/engine-rest/filter", basic("admin"));
        assertThat(filters.json().findValuesAsText("name")).contains("Tasks for Legal approvers",
                "Tasks for Data protection officer", "Tasks for Rule authors (legal)");
        assertThat(http.get("/engine-rest/filter", basic("dana")).json().findValuesAsText("name"))
                .containsExactly("Tasks for Data protection officer");
    }

    @Test
    void tokensAndPasswordsNeverAppearInResponsesOrProblemDetails() {
        Http.Response denied = http.get("/api/v1/purposes", "Bearer not-the-token");
        assertThat(denied.body()).doesNotContain("not-the-token");
        assertThat(denied.header("WWW-Authenticate")).contains("Basic").contains("Bearer");
    }
}
