package io.jurist.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The machine clients that authenticate with {@code Authorization: Bearer <token>}, as every part that checks a token
 * compares it: {@link BearerTokenFilter} in Spring Security's chain, and the decision API's direct lane
 * (io.jurist.decision.DirectDecisions), so that the two cannot differ in whom they recognise. Each client's token bytes
 * and authorities are computed once, at start.
 */
@Component
public final class BearerClients {

    private static final String PREFIX = "Bearer ";

    /**
     * A client a token named.
     *
     * @param name        the identity its calls are recorded under
     * @param authorities its groups as authorities ({@link Groups#authority})
     */
    public record Client(String name, List<GrantedAuthority> authorities) {

        /** Whether any of its authorities is one of these. */
        public boolean hasAnyAuthority(Collection<String> wanted) {
            for (GrantedAuthority authority : authorities) {
                if (wanted.contains(authority.getAuthority())) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Known(Client client, byte[] token) {
    }

    private final Known[] known;

    public BearerClients(ApiTokens tokens) {
        this.known = tokens.tokens().stream()
                .filter(client -> client.token() != null)
                .map(client -> new Known(new Client(client.name(), client.groups().stream().map(Groups::authority)
                        .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList()),
                        client.token().getBytes(StandardCharsets.UTF_8)))
                .toArray(Known[]::new);
    }

    /** Whether an {@code Authorization} header's value claims a bearer token (the scheme in any case). */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * The client whose token a bearer {@code Authorization} header's value presents (surrounding blanks ignored);
     * null when no client has that token or the value is not a bearer one. Every known token is compared, each in
     * constant time: the time taken says nothing about how much of a token matched, nor which.
     */
    public Client find(String authorization) {
        if (!isBearer(authorization)) {
            return null;
        }
        byte[] presented = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        Client match = null;
        for (Known client : known) {
            if (MessageDigest.isEqual(presented, client.token())) {
                match = client.client();
            }
        }
        return match;
    }
}
