package io.jurist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class BearerTokenFilterTests {

    private final List<String> refused = new ArrayList<>();
    private final BearerTokenFilter filter = new BearerTokenFilter(new BearerClients(new ApiTokens(List.of(
            new ApiTokens.Client("data-platform", "token-a", List.of(Groups.DATA_PLATFORM)),
            new ApiTokens.Client("no-token", null, List.of(Groups.ADMIN)),
            new ApiTokens.Client("authors", "token-b", List.of(Groups.RULE_AUTHORS, Groups.ADMIN))))),
            (request, response, e) -> {
                refused.add(e.getMessage());
                response.setStatus(401);
            });

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private Authentication call(String authorization, MockHttpServletResponse response, MockFilterChain chain)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/decisions");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        Authentication[] seen = new Authentication[1];
        filter.doFilter(request, response, (req, res) -> {
            seen[0] = SecurityContextHolder.getContext().getAuthentication();
            chain.doFilter(req, res);
        });
        return seen[0];
    }

    @Test
    void aKnownTokenAuthenticatesItsClientWithItsGroupsEveryTime() throws Exception {
        for (int i = 0; i < 2; i++) {
            Authentication who = call("Bearer token-b", new MockHttpServletResponse(), new MockFilterChain());
            assertThat(who.getName()).isEqualTo("authors");
            assertThat(who.isAuthenticated()).isTrue();
            assertThat(who.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                    .containsExactly("GROUP_rule-authors", "GROUP_camunda-admin");
            SecurityContextHolder.clearContext();
        }
        assertThat(call("bearer  token-a ", new MockHttpServletResponse(), new MockFilterChain()).getName())
                .isEqualTo("data-platform");
    }

    @Test
    void anUnknownTokenIsRefusedAndOtherCallsPassThrough() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/decisions");
        request.addHeader("Authorization", "Bearer token-c");
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
        assertThat(refused).containsExactly("Unknown bearer token");

        // A client without a token is never matched, not even by an empty one.
        MockFilterChain empty = new MockFilterChain();
        MockHttpServletRequest blank = new MockHttpServletRequest("POST", "/api/v1/decisions");
        blank.addHeader("Authorization", "Bearer ");
        filter.doFilter(blank, new MockHttpServletResponse(), empty);
        assertThat(empty.getRequest()).isNull();

        assertThat(call(null, new MockHttpServletResponse(), new MockFilterChain())).isNull();
        assertThat(call("Basic dXNlcjpwYXNz", new MockHttpServletResponse(), new MockFilterChain())).isNull();
    }
}
