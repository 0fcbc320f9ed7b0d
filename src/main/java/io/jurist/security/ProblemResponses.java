package io.jurist.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem details, so machines get the same error shape everywhere. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                tooManyLogins(response, throttled.retryAfterSeconds());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"jurist\", Bearer realm=\"jurist\"");
            write(response, 401, "Unauthorized",
                    "Authenticate with HTTP Basic (people) or Authorization: Bearer <token> (machines).");
        };
    }

    /**
     * 401 for a browser's script without a login (Camunda's webapps): no {@code WWW-Authenticate}, so that the
     * browser shows no password prompt of its own; the person logs in with the login form.
     */
    static AuthenticationEntryPoint loginRequired() {
        return (request, response, e) -> write(response, 401, "Unauthorized",
                "Log in with the login form (/login); the rule editor and Camunda's webapps share that login.");
    }

    /** 429 with {@code Retry-After}: the password was not checked, after too many failed logins from the caller's address. */
    static void tooManyLogins(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(response, 429, "Too Many Requests", "Too many failed logins for this user from your address; the "
                + "password was not checked. Try again in " + retryAfterSeconds + " seconds.");
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, 403, "Forbidden",
                "Your groups do not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
