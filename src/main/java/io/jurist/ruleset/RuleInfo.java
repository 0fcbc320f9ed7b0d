package io.jurist.ruleset;

/**
 * A rule as an author sees it.
 *
 * @param name  the rule's name, a sentence
 * @param basis the policy or legal basis its metadata names
 * @param file  the DRL file under {@code rules/}
 * @param line  the line its {@code rule} keyword stands on
 */
public record RuleInfo(String name, String basis, String file, int line) {
}
