package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Wrong passwords sent without any credentials must not lock anyone out: they are throttled (429 with
 * Retry-After) per user and client address, on every door that takes a password, while the same user
 * still logs in from another address, and Camunda never locks the account, however many failures.
 * Each "address" is a loopback address of its own (127.0.0.x), so the tests do not disturb each other
 * nor the other tests (which call from 127.0.0.1).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleIntegrationTests {

    private static final String WRONG = "Wrong-pw-8c1e4f";
    /** jurist.security.login-throttle.failures-per-user, as configured by default. */
    private static final int PER_USER = 5;
    private static final int PER_ADDRESS = 30;

    @LocalServerPort
    int port;

    @Test
    void basicLoginsAreThrottledForTheAttackersAddressOnlyAndTheAccountIsNeverLocked(CapturedOutput output) {
        Http attacker = Http.from("127.0.0.2", port);
        for (int i = 0; i < PER_USER; i++) {
            assertThat(attacker.get("/api/v1/purposes", basic("bob", WRONG)).status()).isEqualTo(401);
        }
        Http.Response throttled = attacker.get("/api/v1/purposes", basic("bob", WRONG));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().path("status").asInt()).isEqualTo(429);
        // The password is not even checked from there for a while, the right one neither.
        assertThat(attacker.get("/api/v1/purposes", basic("bob")).status()).isEqualTo(429);
        // Bob, from his own address, is not locked out.
        assertThat(Http.from("127.0.0.3", port).get("/api/v1/purposes", basic("bob")).status()).isEqualTo(200);

        // Many more failures, from several addresses, over Camunda's own limit (10): never a lock for good.
        for (int address = 4; address <= 6; address++) {
            Http other = Http.from("127.0.0." + address, port);
            for (int i = 0; i < PER_USER; i++) {
                assertThat(other.get("/engine-rest/task", basic("bob", WRONG)).status()).isEqualTo(401);
            }
            assertThat(other.get("/engine-rest/task", basic("bob", WRONG)).status()).isEqualTo(429);
        }
        assertThat(Http.from("127.0.0.7", port).get("/engine-rest/task", basic("bob")).status()).isEqualTo(200);
        assertThat(Http.from("127.0.0.7", port).get("/api/v1/purposes", basic("bob")).status()).isEqualTo(200);

        // Logged with the user and the address, never the password.
        assertThat(output.getOut()).contains("Too many failed logins for user 'bob' from 127.0.0.2");
        assertThat(output.getOut()).doesNotContain(WRONG);
    }

    @Test
    void theEditorsLoginFormIsThrottled() {
        for (int i = 0; i < PER_USER; i++) {
            Http.Response login = WebSession.from("127.0.0.11", port).formLogin("dana", WRONG);
            assertThat(login.status()).isEqualTo(302);
            assertThat(login.header("Location")).endsWith("/login?error");
        }
        Http.Response throttled = WebSession.from("127.0.0.11", port).formLogin("dana", "dana");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        Http.Response elsewhere = WebSession.from("127.0.0.12", port).formLogin("dana", "dana");
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(elsewhere.header("Location")).doesNotContain("error");
    }

    @Test
    void tasklistsOwnLoginChecksNoPasswordSoItCannotGoAroundTheThrottle() {
        // One login (the editor's form): the webapps' own login form is refused before any password is checked,
        // however often it is tried, with a wrong password or the right one.
        for (int i = 0; i < PER_USER + 2; i++) {
            WebSession attempt = WebSession.from("127.0.0.21", port);
            assertThat(attempt.camundaLogin("tasklist", "erin", i == PER_USER ? "erin" : WRONG).status())
                    .isEqualTo(401);
            assertThat(attempt.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
        }
        // Nothing was counted against erin from there: the throttled door is the only one, and it is still open.
        Http.Response login = WebSession.from("127.0.0.21", port).formLogin("erin", "erin");
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");
    }

    @Test
    void oneAddressTryingManyUsersIsThrottledWhateverTheUser() {
        Http sprayer = Http.from("127.0.0.31", port);
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(sprayer.get("/api/v1/purposes", basic("spray-" + i, WRONG)).status()).isEqualTo(401);
        }
        assertThat(sprayer.get("/api/v1/purposes", basic("alice", WRONG)).status()).isEqualTo(429);
        assertThat(Http.from("127.0.0.32", port).get("/api/v1/purposes", basic("alice")).status()).isEqualTo(200);
    }

    @Test
    void onlyAdminsMayTestSomeonesPassword() {
        Http http = new Http(port);
        String body = "{\"username\":\"alice\",\"password\":\"alice\"}";
        for (String path : new String[] {"/engine-rest/identity/verify", "/engine-rest/engine/default/identity/verify"}) {
            assertThat(http.postJson(path, body, null).status()).isEqualTo(401);
            for (String caller : new String[] {"alice", "bob", "dana", "erin"}) {
                assertThat(http.postJson(path, body, basic(caller)).status()).as(caller + " " + path).isEqualTo(403);
            }
            assertThat(http.postJson(path, body, DATA_PLATFORM).status()).isEqualTo(403);
            Http.Response admin = http.postJson(path, body, basic("admin"));
            assertThat(admin.status()).isEqualTo(200);
            assertThat(admin.json().path("authenticated").asBoolean()).isTrue();
        }
        // Nor through the webapps' copy of the REST API, after logging into Tasklist.
        WebSession tasklist = WebSession.camunda(port, "tasklist", "bob");
        assertThat(tasklist.json("POST", "/camunda/api/engine/engine/default/identity/verify", body, true).status())
                .isEqualTo(403);
    }
}
