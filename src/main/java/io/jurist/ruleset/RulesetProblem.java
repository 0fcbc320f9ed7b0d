package io.jurist.ruleset;

/**
 * One thing wrong with a ruleset: a compile error, a bad reference-table row or a failing scenario.
 *
 * @param file    the path under {@code rules/}
 * @param line    the line, 1-based, or 0 when the problem concerns the whole file
 * @param message what is wrong
 */
public record RulesetProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
