package io.jurist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates machines that send {@code Authorization: Bearer <token>}; a wrong token is a 401. */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    /** A client as the filter compares it: its token's bytes and its authorities, computed once, not per call. */
    private record Known(String name, byte[] token, List<GrantedAuthority> authorities) {
    }

    private final Known[] clients;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.clients = tokens.tokens().stream()
                .filter(client -> client.token() != null)
                .map(client -> new Known(client.name(), client.token().getBytes(StandardCharsets.UTF_8),
                        client.groups().stream().map(Groups::authority)
                                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList()))
                .toArray(Known[]::new);
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] presented = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        Known match = null;
        for (Known client : clients) {
            // Constant-time comparison: the time taken says nothing about how much of a token matched.
            if (MessageDigest.isEqual(presented, client.token())) {
                match = client;
            }
        }
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
