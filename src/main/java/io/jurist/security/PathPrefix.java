package io.jurist.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches a request by the start of its path below the context path, whichever servlet serves it.
 * Pattern matchers tied to Spring MVC do not see paths that Camunda's Jersey servlet serves.
 */
final class PathPrefix implements RequestMatcher {

    private final List<String> prefixes;

    private PathPrefix(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    static PathPrefix of(String... prefixes) {
        return new PathPrefix(List.of(prefixes));
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
