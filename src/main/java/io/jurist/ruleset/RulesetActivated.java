package io.jurist.ruleset;

import java.time.Instant;

/**
 * Published when a node starts serving a version.
 *
 * @param version     the version now active
 * @param revision    its content hash
 * @param activatedAt when it was activated
 */
public record RulesetActivated(int version, String revision, Instant activatedAt) {
}
