package io.jurist.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers Spring Security's API chain (SecurityConfig) writes on every answer of the API over plain HTTP, for the
 * one place that answers an API call without that chain: the decision API's direct lane
 * (io.jurist.decision.DirectDecisions). Spring Security's defaults plus the API's content security policy and
 * referrer policy; HSTS only on HTTPS, which the lane leaves to the chain. The lane's parity test compares them with
 * the chain's answer, header by header.
 */
public final class ApiHeaders {

    /** The API's content security policy: answers are data, never a page to render or frame. */
    public static final String CSP = "default-src 'none'; frame-ancestors 'none'";

    private ApiHeaders() {
    }

    /** Writes the headers the API chain writes on an answer over plain HTTP (not HTTPS). */
    public static void write(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
