package io.jurist.ruleset;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the rules come from and how closely this node follows the active version in the database.
 *
 * @param directory      the rules directory read on an empty database and compared at start-up
 * @param followInterval how often the database's active version is checked
 * @param maxFiringsPerDecision the most rule firings one decision may take; past it the decision is DENY
 *                       {@code FIRING_LIMIT_EXCEEDED} (a batch chunk is bounded by this times its size)
 * @param validationBudget how long checking candidate files may take (compile, scenarios, impact) before
 *                       the validation is abandoned and refused
 * @param validationThreads how many validations may run at once on this node; more are refused (503)
 */
@ConfigurationProperties("jurist.rules")
public record RulesetProperties(@DefaultValue("rules") Path directory,
                                @DefaultValue("2s") Duration followInterval,
                                @DefaultValue("100") int maxFiringsPerDecision,
                                @DefaultValue("60s") Duration validationBudget,
                                @DefaultValue("2") int validationThreads) {
}
