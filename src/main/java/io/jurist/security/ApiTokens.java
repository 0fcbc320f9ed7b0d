package io.jurist.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bearer tokens machines authenticate with.
 *
 * @param tokens each client's name, token and groups
 */
@ConfigurationProperties("jurist.security")
public record ApiTokens(List<Client> tokens) {

    /** The token of the demo data platform, refused by the production profile. */
    public static final String DEMO_TOKEN = "demo-data-platform-token";

    public ApiTokens {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /**
     * One machine client.
     *
     * @param name   the identity its calls are recorded under
     * @param token  the secret it sends as {@code Authorization: Bearer <token>}
     * @param groups the groups it acts in
     */
    public record Client(String name, String token, List<String> groups) {

        public Client {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        @Override
        public String toString() {
            // Never print the secret.
            return "Client[name=" + name + ", groups=" + groups + "]";
        }
    }
}
