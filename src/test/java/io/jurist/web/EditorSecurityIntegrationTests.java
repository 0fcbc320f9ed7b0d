package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The editor's pages in the whole application: login first, CSRF on forms, security headers. */
@IntegrationTest
class EditorSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void servesNoPageToAnAnonymousVisitor() {
        Http http = new Http(port);
        for (String page : new String[] {"/", "/rules", "/board", "/editor", "/editor/table", "/proposals",
                "/versions", "/proposals/1"}) {
            Http.Response response = http.get(page, null);
            assertThat(response.status()).as(page).isEqualTo(302);
            assertThat(response.header("Location")).as(page).endsWith("/login");
        }
    }

    @Test
    void doesNotAcceptHttpBasicForThePages() {
        Http.Response response = new Http(port).get("/rules", Http.basic("alice"));
        assertThat(response.status()).isEqualTo(302);
    }

    @Test
    void refusesAFormPostWithoutCsrfToken() {
        Http.Response response = new Http(port).post("/editor/save", "application/x-www-form-urlencoded",
                "file=consent/ConsentModels.drl&content=x", null);
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void sendsSecurityHeadersWithTheLoginPage() {
        Http.Response login = new Http(port).get("/login", null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"_csrf\"");
        assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'").contains("script-src 'self'");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void servesTheEditorsFrontEndFromWebJars() {
        Http.Response codemirror = new Http(port).get("/webjars/codemirror/lib/codemirror.js", null);
        assertThat(codemirror.status()).isEqualTo(200);
        assertThat(codemirror.body()).contains("CodeMirror");
    }
}
