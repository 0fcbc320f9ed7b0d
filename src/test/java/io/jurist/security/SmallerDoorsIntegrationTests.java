package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import io.jurist.web.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The smaller doors of issue 13: over-long texts on tasks (400 naming the field, never a database
 * error with its SQL), country codes of two ASCII letters only, batches that trickle in or crowd in,
 * the session cookie's SameSite, the API description's content security policy and {@code /error}.
 */
@IntegrationTest
class SmallerDoorsIntegrationTests {

    private static final String DECISION = "{\"subject\":{\"id\":\"m-1\",\"country\":\"%s\"},\"purpose\":\"GENAI_TRAINING\"}";

    @LocalServerPort
    int port;

    private String openEngagementTask(Http http) {
        Http.Response opened = http.postJson("/api/v1/engagements", "{\"regulator\":\"ICO\",\"jurisdictions\":[\"GB\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"summary\":\"smaller doors\"}", basic("alice"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String instance = opened.json().path("processInstanceId").asText();
        JsonNode tasks = Await.until(() -> http.get("/engine-rest/task?processInstanceId=" + instance, basic("bob")).json(),
                list -> list.size() > 0, Duration.ofSeconds(10), "the triage task");
        return tasks.get(0).path("id").asText();
    }

    @Test
    void anOverlongCommentOrEvidenceIsRefusedNamingItsFieldOnEveryRoute() {
        Http http = new Http(port);
        String task = openEngagementTask(http);
        String tooLong = "x".repeat(4001);

        Http.Response api = http.postJson("/api/v1/tasks/" + task + "/complete", "{\"approved\":true,\"comment\":\""
                + tooLong + "\",\"evidence\":{\"assessment\":\"fine\",\"suspendNow\":false}}", basic("bob"));
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.json().path("errors").findValuesAsText("field")).containsExactly("comment");
        api = http.postJson("/api/v1/tasks/" + task + "/complete", "{\"approved\":true,\"comment\":\"ok\","
                + "\"evidence\":{\"assessment\":\"" + tooLong + "\",\"suspendNow\":false}}", basic("bob"));
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.json().path("errors").findValuesAsText("field")).containsExactly("evidence.assessment");

        for (String route : new String[] {"complete", "submit-form"}) {
            Http.Response comment = http.postJson("/engine-rest/task/" + task + "/" + route, "{\"variables\":{"
                    + "\"approved\":{\"value\":true},\"comment\":{\"value\":\"" + tooLong + "\"},"
                    + "\"assessment\":{\"value\":\"fine\"},\"suspendNow\":{\"value\":false}}}", basic("bob"));
            assertThat(comment.status()).as(route + ": " + comment.body()).isEqualTo(400);
            assertThat(comment.body()).contains("'comment'").doesNotContainIgnoringCase("insert into");
            Http.Response evidence = http.postJson("/engine-rest/task/" + task + "/" + route, "{\"variables\":{"
                    + "\"approved\":{\"value\":true},\"comment\":{\"value\":\"ok\"},"
                    + "\"assessment\":{\"value\":\"" + tooLong + "\"},\"suspendNow\":{\"value\":false}}}", basic("bob"));
            assertThat(evidence.status()).as(route + ": " + evidence.body()).isEqualTo(400);
            assertThat(evidence.body()).contains("'assessment'").doesNotContainIgnoringCase("insert into");
        }
        // Nothing was decided: the task is still open.
        assertThat(http.get("/engine-rest/task/" + task, basic("bob")).status()).isEqualTo(200);
    }

    @Test
    void theEnginesServerErrorsShowNoSql() {
        Http http = new Http(port);
        Http.Response failed = http.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\"long-name\","
                + "\"firstName\":\"" + "n".repeat(300) + "\"},\"credentials\":{\"password\":\"Long-name-1\"}}", basic("admin"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("ACT_ID_USER")
                .doesNotContainIgnoringCase("sql").contains("the failure is logged");
        // The webapps' copy of the REST API answers the same way.
        WebSession cockpit = WebSession.camunda(port, "admin", "admin");
        Http.Response webapp = cockpit.json("POST", "/camunda/api/engine/engine/default/user/create",
                "{\"profile\":{\"id\":\"long-name-2\",\"firstName\":\"" + "n".repeat(300) + "\"},"
                        + "\"credentials\":{\"password\":\"Long-name-2\"}}", true);
        assertThat(webapp.status()).isEqualTo(500);
        assertThat(webapp.body()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("sql");
    }

    @Test
    void countryCodesAreTwoAsciiLettersOnly() {
        Http http = new Http(port);
        for (String lookalike : new String[] {"\u0131t", "\u017fe", " gb ", "g b", "GB "}) {
            Http.Response single = http.postJson("/api/v1/decisions", DECISION.formatted(lookalike), DATA_PLATFORM);
            assertThat(single.status()).as(lookalike).isEqualTo(400);
            assertThat(single.json().path("errors").findValuesAsText("field")).containsExactly("subject.country");
            Http.Response batch = http.post("/api/v1/decisions/batch", "application/x-ndjson",
                    DECISION.formatted(lookalike) + "\n", DATA_PLATFORM);
            assertThat(batch.status()).isEqualTo(200);
            assertThat(batch.json().path("errors").findValuesAsText("field")).as(lookalike)
                    .containsExactly("subject.country");
            Http.Response engagement = http.postJson("/api/v1/engagements", "{\"regulator\":\"ICO\",\"jurisdictions\":[\""
                    + lookalike + "\"],\"purpose\":\"GENAI_TRAINING\",\"summary\":\"x\"}", basic("alice"));
            assertThat(engagement.status()).as(lookalike).isEqualTo(400);
            assertThat(engagement.json().path("errors").findValuesAsText("field")).containsExactly("jurisdictions[0]");
            Http.Response suspension = http.postJson("/api/v1/suspensions", "{\"jurisdictions\":[\"" + lookalike
                    + "\"],\"purpose\":\"GENAI_TRAINING\",\"reason\":\"x\"}", basic("alice"));
            assertThat(suspension.status()).as(lookalike).isEqualTo(400);
        }
        // Codes in either case and the aliases of the table stay.
        for (String code : new String[] {"gb", "Gb", "UK", "el"}) {
            assertThat(http.postJson("/api/v1/decisions", DECISION.formatted(code), DATA_PLATFORM).status())
                    .as(code).isEqualTo(200);
        }
    }

    /** A batch request whose body is sent later (or never), on a connection of its own. */
    private Socket openBatch(String authorization) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        socket.getOutputStream().write(("POST /api/v1/decisions/batch HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + authorization + "\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** An answer on a raw connection, read up to the end of its JSON body (the server may keep the socket open). */
    private static String readAnswer(Socket socket) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        while (!(answer.indexOf("\r\n\r\n") >= 0 && answer.lastIndexOf("}") > answer.indexOf("\r\n\r\n"))) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return answer.toString();
    }

    @Test
    void aBatchTricklingInIsCutWithAClearAnswer() throws IOException {
        try (Socket socket = openBatch(DATA_PLATFORM)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] line = DECISION.formatted("GB").concat("\n").getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            int sent = 0;
            // One byte a second, as a slow-loris client sends; the answer comes when the server cuts it.
            while (in.available() == 0 && System.nanoTime() < deadline) {
                try {
                    out.write(line[sent++ % line.length]);
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                Await.pause(1000);
            }
            String answer = readAnswer(socket);
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).contains("bytes per second").contains("Jurist-Batch-Id");
        }
    }

    @Test
    void oneClientRunsOnlySoManyBatchesAtOnce() throws IOException {
        Http http = new Http(port);
        List<Socket> held = new ArrayList<>();
        try {
            // Five batches of one client whose bodies do not come: four run (waiting for their bodies),
            // whichever came last is refused.
            for (int i = 0; i < 5; i++) {
                held.add(openBatch(DATA_PLATFORM));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<Socket> answered = new ArrayList<>();
            while (answered.isEmpty() && System.nanoTime() < deadline) {
                for (Socket socket : held) {
                    if (socket.getInputStream().available() > 0) {
                        answered.add(socket);
                    }
                }
                Await.pause(100);
            }
            assertThat(answered).hasSize(1);
            String answer = readAnswer(answered.get(0));
            assertThat(answer).startsWith("HTTP/1.1 429").contains("Retry-After: 5").contains("At most 4 batches");
            // Another client is not held up.
            assertThat(http.post("/api/v1/decisions/batch", "application/x-ndjson", DECISION.formatted("GB") + "\n",
                    basic("alice")).status()).isEqualTo(200);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        Await.until(() -> http.post("/api/v1/decisions/batch", "application/x-ndjson", DECISION.formatted("GB") + "\n",
                DATA_PLATFORM).status(), status -> status == 200, Duration.ofSeconds(30), "batches accepted again");
    }

    @Test
    void sessionCookiesAreSameSiteTheApiDescriptionHasACspAndErrorIsNoServerError() throws IOException {
        Http http = new Http(port);
        Http.Response login = WebSession.anonymous(port).formLogin("alice", "alice");
        assertThat(login.raw().headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Lax"));
        Http.Response page = http.get("/camunda/app/tasklist/default/", null);
        assertThat(page.raw().headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax"));

        Http.Response ui = http.get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Security-Policy")).contains("script-src 'self'").contains("object-src 'none'");
        Http.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");

        try (Browser browser = Browser.start(port)) {
            // Swagger UI still works under its policy: its scripts run and show the API's operations.
            browser.open("/swagger-ui/index.html");
            assertThat(browser.waitFor(By.cssSelector(".opblock-summary-path")).getText()).startsWith("/api/v1/");
        }

        for (String auth : new String[] {null, basic("alice")}) {
            Http.Response error = http.get("/error", auth);
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.body()).doesNotContain("999");
        }
    }
}
