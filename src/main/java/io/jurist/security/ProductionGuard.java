package io.jurist.security;

import io.jurist.audit.Pseudonymiser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the production profile, refuses to start while any demo credential would let someone in: the
 * demo bearer token, a demo user who still has the demo password, or demo seeding switched on; and while the
 * decision log would not protect or keep what it should: no pseudonymisation key, the demo one or a short one,
 * or the log switched off.
 */
@Component
@Profile("prod")
class ProductionGuard implements SmartInitializingSingleton {

    private final ApiTokens tokens;
    private final IdentityService identity;
    private final Environment environment;

    ProductionGuard(ApiTokens tokens, IdentityService identity, Environment environment) {
        this.tokens = tokens;
        this.identity = identity;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        if (environment.getProperty("jurist.demo.enabled", Boolean.class, false)) {
            problems.add("jurist.demo.enabled is true");
        }
        if (environment.containsProperty("camunda.bpm.admin-user.id")) {
            problems.add("camunda.bpm.admin-user is configured (create administrators outside the application)");
        }
        for (ApiTokens.Client client : tokens.tokens()) {
            if (ApiTokens.DEMO_TOKEN.equals(client.token())) {
                problems.add("the demo bearer token is configured for client " + client.name());
            }
            if (client.token() == null || client.token().length() < 32) {
                problems.add("the bearer token of client " + client.name() + " is shorter than 32 characters");
            }
        }
        String key = environment.getProperty("jurist.audit.pseudonymisation-key", "");
        if (key.isBlank()) {
            problems.add("no pseudonymisation key for the decision log (set JURIST_PSEUDONYMISATION_KEY)");
        } else if (Pseudonymiser.DEMO_KEY.equals(key)) {
            problems.add("the demo pseudonymisation key is configured (jurist.audit.pseudonymisation-key)");
        } else if (key.getBytes(StandardCharsets.UTF_8).length < Pseudonymiser.MIN_KEY_BYTES) {
            problems.add("the pseudonymisation key is shorter than " + Pseudonymiser.MIN_KEY_BYTES + " bytes");
        }
        if (!environment.getProperty("jurist.audit.decision-log.enabled", Boolean.class, true)) {
            problems.add("the decision log is switched off (jurist.audit.decision-log.enabled is false)");
        }
        Map<String, String> demoPasswords = new java.util.TreeMap<>();
        DemoIdentities.USERS.keySet().forEach(user -> demoPasswords.put(user, user));
        demoPasswords.put("admin", "admin");
        demoPasswords.forEach((user, password) -> {
            if (identity.createUserQuery().userId(user).count() > 0 && identity.checkPassword(user, password)) {
                problems.add("user " + user + " still has the demo password");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the prod profile with demo credentials or unsafe "
                    + "settings: " + String.join("; ", problems));
        }
    }
}
