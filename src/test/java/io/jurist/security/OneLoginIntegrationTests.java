package io.jurist.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One login for the rule editor and Camunda's webapps, over HTTP as a browser does it: the editor's login
 * form opens Tasklist, Cockpit and Admin with the same session (Camunda's container-based authentication),
 * with the groups of Camunda's identity service; anonymous visitors are sent to that form; logging out of
 * either ends both; the webapps' own login form is refused.
 */
@IntegrationTest
class OneLoginIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void anonymousVisitorsOfTheWebappsGoToTheOneLoginForm() {
        WebSession visitor = WebSession.anonymous(port);
        Http.Response page = visitor.get("/camunda/app/tasklist/default/");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
        assertThat(visitor.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
        assertThat(visitor.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(401);
        // After logging in there, the browser is back at Tasklist.
        visitor.get("/login");
        Http.Response login = visitor.postForm("/login", "username=bob&password=bob", true);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).contains("/camunda/app/tasklist/default/");
        assertThat(visitor.get("/camunda/app/tasklist/default/").status()).isEqualTo(200);
    }

    @Test
    void theEditorsLoginOpensEveryWebappWithTheUsersCamundaGroups() {
        WebSession bob = WebSession.editor(port, "bob");
        Http.Response tasklist = bob.openWebapp("tasklist");
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.json().path("userId").asText()).isEqualTo("bob");
        assertThat(tasklist.json().path("authorizedApps").toString()).contains("tasklist");
        assertThat(bob.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);
        // The groups are Camunda's: bob, a legal approver, sees the legal approvers' filter; the admin gets Admin.
        assertThat(bob.get("/camunda/api/engine/engine/default/filter").body()).contains("Tasks for Legal approvers");
        WebSession admin = WebSession.editor(port, "admin");
        Http.Response adminApp = admin.openWebapp("admin");
        assertThat(adminApp.status()).isEqualTo(200);
        assertThat(adminApp.json().path("authorizedApps").toString()).contains("admin", "cockpit");
        assertThat(admin.get("/camunda/app/cockpit/default/").status()).isEqualTo(200);
        // No browser password prompt anywhere: nothing asks for HTTP Basic.
        Http.Response anonymous = WebSession.anonymous(port).get("/camunda/api/engine/engine/default/task/count");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isNull();
    }

    @Test
    void anotherLoginInTheSameBrowserChangesTheSessionAndTheWebappsUser() {
        WebSession browser = WebSession.editor(port, "alice");
        assertThat(browser.openWebapp("tasklist").json().path("userId").asText()).isEqualTo("alice");
        String before = browser.cookies().get("JSESSIONID");
        Http.Response login = browser.formLogin("bob", "bob");
        assertThat(login.status()).isEqualTo(302);
        assertThat(browser.cookies().get("JSESSIONID")).isNotEqualTo(before);
        assertThat(browser.openWebapp("tasklist").json().path("userId").asText()).isEqualTo("bob");
        assertThat(browser.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);
    }

    @Test
    void loggingOutOfTasklistEndsTheEditorsSessionAndTheOtherWayRound() {
        WebSession bob = WebSession.camunda(port, "tasklist", "bob");
        assertThat(bob.get("/rules").status()).isEqualTo(200);
        assertThat(bob.json("POST", "/camunda/api/admin/auth/user/default/logout", null, true).status()).isEqualTo(204);
        assertThat(bob.get("/rules").status()).isEqualTo(302);
        assertThat(bob.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(401);

        WebSession dana = WebSession.camunda(port, "tasklist", "dana");
        dana.get("/rules");
        assertThat(dana.postForm("/logout", "", true).status()).isEqualTo(302);
        assertThat(dana.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
        assertThat(dana.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(401);
    }

    @Test
    void theWebappsOwnLoginFormIsRefusedEvenWithTheRightPassword() {
        WebSession visitor = WebSession.anonymous(port);
        assertThat(visitor.camundaLogin("tasklist", "bob", "bob").status()).isEqualTo(401);
        assertThat(visitor.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
        WebSession alice = WebSession.camunda(port, "tasklist", "alice");
        assertThat(alice.camundaLogin("tasklist", "bob", "bob").status()).isEqualTo(403);
        assertThat(alice.get("/camunda/api/admin/auth/user/default").json().path("userId").asText()).isEqualTo("alice");
    }
}
