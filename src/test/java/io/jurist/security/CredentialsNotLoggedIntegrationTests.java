package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.WebSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No password, token or Authorization header in any log line: the service is called with right and
 * wrong HTTP Basic credentials, right and wrong bearer tokens, failed and successful form logins and
 * Tasklist logins, while the loggers that see requests and logins (Spring Security and Web, Tomcat,
 * Camunda's REST API, webapps and engine commands, this service) run at DEBUG, and every line they
 * write (message, arguments, MDC and stack traces) is searched for each secret.
 */
@IntegrationTest
class CredentialsNotLoggedIntegrationTests {

    private static final List<String> VERBOSE = List.of("org.springframework.security", "org.springframework.web",
            "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat", "org.camunda.bpm.engine.rest",
            "org.camunda.bpm.webapp", "org.camunda.bpm.engine.cmd", "org.camunda.bpm.engine.identity",
            "org.camunda.bpm.engine.context", "io.jurist");

    private static final String USER = "logcheck";
    private static final String PASSWORD = "Pw-logcheck-7f3a9c2e";
    private static final String WRONG_PASSWORD = "wrong-Pw-5d1b8e44";
    private static final String WRONG_TOKEN = "wrong-token-0c9e7a61b2";

    @LocalServerPort
    int port;

    /** Collects every line written while it is attached, as text that includes everything a layout could print. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(' ').append(argument);
                }
            }
            line.append(' ').append(event.getMDCPropertyMap());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append(' ').append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }
    }

    private static String base64(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void neitherPasswordsNorTokensNorAuthorizationHeadersAppearInTheLog() {
        Http http = new Http(port);
        String token = DATA_PLATFORM.substring("Bearer ".length());
        // A user of our own, whose password is unlike any other text, in a group that may use Tasklist.
        assertThat(http.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\"" + USER + "\",\"firstName\":\"Log\","
                + "\"lastName\":\"Check\",\"email\":\"logcheck@jurist.example\"},\"credentials\":{\"password\":\""
                + PASSWORD + "\"}}", basic("admin")).status()).isEqualTo(204);
        assertThat(http.send("PUT", "/engine-rest/group/dpo/members/" + USER, null, null, basic("admin")).status())
                .isEqualTo(204);

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<String, Level> before = new HashMap<>();
        Capture capture = new Capture();
        capture.setContext(context);
        capture.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(capture);
        for (String name : VERBOSE) {
            before.put(name, context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(Level.DEBUG);
        }
        try {
            for (String path : new String[] {"/api/v1/purposes", "/engine-rest/task", "/actuator/metrics"}) {
                http.get(path, basic(USER, PASSWORD));
                http.get(path, basic(USER, WRONG_PASSWORD));
                http.get(path, basic("alice", WRONG_PASSWORD));
                http.get(path, "Bearer " + token);
                http.get(path, "Bearer " + WRONG_TOKEN);
            }
            http.postJson("/api/v1/rulesets/proposals", "{}", "Bearer " + token);
            http.postJson("/engine-rest/task/none/complete", "{}", basic(USER, PASSWORD));
            // The editor's login form, wrong and right, and Basic where pages do not take it.
            WebSession.anonymous(port).formLogin(USER, WRONG_PASSWORD);
            WebSession.anonymous(port).formLogin("nobody", WRONG_PASSWORD);
            WebSession editor = WebSession.anonymous(port);
            editor.formLogin(USER, PASSWORD);
            editor.get("/rules");
            WebSession.anonymous(port).withAuthorization(basic(USER, PASSWORD)).get("/rules");
            // Tasklist's login, wrong and right, and its API after it.
            WebSession.anonymous(port).camundaLogin("tasklist", USER, WRONG_PASSWORD);
            WebSession tasklist = WebSession.anonymous(port);
            tasklist.camundaLogin("tasklist", USER, PASSWORD);
            tasklist.get("/camunda/api/engine/engine/default/task/count");
            tasklist.camundaLogin("cockpit", USER, PASSWORD);
        } finally {
            root.detachAppender(capture);
            before.forEach((name, level) -> context.getLogger(name).setLevel(level));
            http.send("DELETE", "/engine-rest/user/" + USER, null, null, basic("admin"));
        }

        List<String> secrets = List.of(PASSWORD, WRONG_PASSWORD, token, WRONG_TOKEN, base64(USER, PASSWORD),
                base64(USER, WRONG_PASSWORD), base64("alice", WRONG_PASSWORD), base64("admin", "admin"));
        assertThat(capture.lines).as("lines captured at DEBUG").hasSizeGreaterThan(50);
        // The logins were logged (with the user name), so the search below looked where a leak would be.
        assertThat(capture.lines).anyMatch(line -> line.contains(USER) && line.startsWith("org.springframework.security"));
        assertThat(capture.lines).anyMatch(line -> line.contains("Bearer") || line.contains("Basic")
                || line.contains("/engine-rest/task"));
        List<String> leaks = new ArrayList<>();
        for (String line : capture.lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(secret.substring(0, 6) + "… in: " + line.substring(0, Math.min(300, line.length())));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }
}
