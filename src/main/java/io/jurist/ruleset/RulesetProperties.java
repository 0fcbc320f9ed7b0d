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
 */
@ConfigurationProperties("jurist.rules")
public record RulesetProperties(@DefaultValue("rules") Path directory,
                                @DefaultValue("2s") Duration followInterval) {
}
