package io.jurist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates machines that send {@code Authorization: Bearer <token>}; a wrong token is a 401. */
class BearerTokenFilter extends OncePerRequestFilter {

    private final BearerClients clients;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(BearerClients clients, AuthenticationEntryPoint entryPoint) {
        this.clients = clients;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (!BearerClients.isBearer(header)) {
            chain.doFilter(request, response);
            return;
        }
        BearerClients.Client match = clients.find(header);
        if (match == null) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Unknown bearer token"));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(match.name(), null, match.authorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
