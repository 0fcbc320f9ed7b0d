package io.jurist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Refuses (403), for every caller, an administrator's included, the routes of Camunda's REST API that
 * would move, restart, migrate or rewrite a process instance, run or reschedule its jobs, or deploy or
 * delete processes: under {@code /engine-rest} and the webapps' own {@code /camunda/api/engine}. The
 * processes come only from {@code bpmn/} and advance only by their own steps; the engine refuses the same
 * commands for any caller (the workflow module's guard), this answers before the engine is reached. The
 * routes are listed in docs/security.md.
 */
class GovernedRoutesFilter extends OncePerRequestFilter {

    /** {@code /engine-rest}, {@code /engine-rest/engine/{name}} or {@code /camunda/api/engine/engine/{name}}. */
    private static final Pattern PREFIX = Pattern.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)?$");

    private static final String ID = "[^/]+";
    private static final String DEFINITION = "/process-definition/(?:" + ID + "|key/" + ID + "(?:/tenant-id/" + ID + ")?)";

    /** Method and path below the prefix, as regular expressions. */
    private static final List<Pattern> REFUSED = List.of(
            // moving tokens past tasks, restarting, migrating
            route("POST", "/process-instance/" + ID + "/modification(?:-async)?"),
            route("POST", "/modification/.*"),
            route("POST", DEFINITION + "/restart(?:-async)?"),
            route("POST", "/migration/.*"),
            route("POST", "/execution/" + ID + "/signal"),
            route("POST", "/execution/" + ID + "/messageSubscriptions/" + ID + "/trigger"),
            route("POST", "/message"),
            route("POST", "/process-instance/message-async"),
            route("POST", "/signal"),
            route("POST", "/condition"),
            // variables a process reads later
            route("POST|PUT|DELETE", "/process-instance/" + ID + "/variables(?:/.*)?"),
            route("POST", "/process-instance/variables-async"),
            route("POST|PUT|DELETE", "/execution/" + ID + "/localVariables(?:/.*)?"),
            route("POST|PUT|DELETE", "/task/" + ID + "/(?:variables|localVariables)(?:/.*)?"),
            // jobs run, retried, rescheduled, reprioritised, suspended or deleted by hand
            route("POST", "/job/" + ID + "/(?:execute|duedate/recalculate)"),
            route("PUT", "/job/" + ID + "/(?:retries|duedate|suspended|priority)"),
            route("DELETE", "/job/" + ID),
            route("POST", "/job/retries"),
            route("PUT", "/job/suspended"),
            route("PUT", "/job-definition/(?:suspended|" + ID + "/(?:suspended|retries|jobPriority))"),
            route("POST", "/process-instance/job-retries(?:-historic-query-based)?"),
            // which processes exist
            route("POST", "/deployment/create"),
            route("POST", "/deployment/" + ID + "/redeploy"),
            route("DELETE", "/deployment/" + ID),
            route("DELETE", DEFINITION + "(?:/delete)?"));

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private static Pattern route(String methods, String path) {
        return Pattern.compile("(?:" + methods + ") " + path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Decoded, as the REST API's router matches it: an escaped letter does not make another route.
        if (refused(request.getMethod(), PATHS.getPathWithinApplication(request))) {
            ProblemResponses.write(response, 403, "Forbidden", request.getMethod() + " " + request.getRequestURI()
                    + " is refused for everyone: the processes come only from bpmn/ and move only by their own "
                    + "steps and approvals (docs/security.md).");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a method and path (below the context path) is one of the refused routes. */
    static boolean refused(String method, String path) {
        String normalised = path.replaceAll("/{2,}", "/");
        if (normalised.length() > 1 && normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        Matcher prefix = PREFIX.matcher(normalised);
        if (!prefix.matches() || prefix.group(1) == null) {
            return false;
        }
        String route = method.toUpperCase(Locale.ROOT) + " " + prefix.group(1);
        return REFUSED.stream().anyMatch(p -> p.matcher(route).matches());
    }
}
