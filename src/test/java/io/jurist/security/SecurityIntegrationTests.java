package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
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

    @Test
    void theDemoUsersOpenTasklistWithTheirPasswordsThroughTheOneLogin() {
        for (String user : new String[] {"alice", "bob", "dana", "erin", "admin"}) {
            Http.Response tasklist = WebSession.editor(port, user).openWebapp("tasklist");
            assertThat(tasklist.status()).as(user).isEqualTo(200);
            assertThat(tasklist.json().path("userId").asText()).isEqualTo(user);
        }
        Http.Response wrong = WebSession.anonymous(port).formLogin("alice", "bob");
        assertThat(wrong.header("Location")).endsWith("/login?error");
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
