package io.jurist.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One login for the rule editor and Camunda's webapps (Tasklist, Cockpit, Admin): Camunda's
 * container-based authentication asks this provider who is logged in, and the answer is whoever
 * logged in through the editor's form (Spring Security's session, checked by
 * {@link CamundaUserAuthenticationProvider} under the login throttle). The groups are left to Camunda,
 * which reads them from its identity service, as its own login does.
 *
 * <p>Instantiated by Camunda's {@code ContainerBasedAuthenticationFilter} by its class name, hence public.
 */
public class SpringSessionWebappAuthentication implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // Only a person who logged in with a password: never an anonymous visitor, never a bearer token.
        if (authentication instanceof UsernamePasswordAuthenticationToken person && person.isAuthenticated()
                && person.getName() != null && !person.getName().isBlank()) {
            return AuthenticationResult.successful(person.getName());
        }
        return AuthenticationResult.unsuccessful();
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security sends anonymous visitors to the login form before they get here; nothing to add.
    }
}
