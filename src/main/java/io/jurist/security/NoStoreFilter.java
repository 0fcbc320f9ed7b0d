package io.jurist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps Camunda's REST API from weakening the cache headers: it answers {@code Cache-Control: no-cache}
 * itself, which would keep Spring Security's {@code no-store} off answers that carry tasks, variables
 * and users. Its own caching headers are dropped, so Spring Security's are the ones sent.
 */
class NoStoreFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!caching(name)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!caching(name)) {
                    super.addHeader(name, value);
                }
            }
        });
    }

    private static boolean caching(String name) {
        return "Cache-Control".equalsIgnoreCase(name) || "Pragma".equalsIgnoreCase(name)
                || "Expires".equalsIgnoreCase(name);
    }
}
