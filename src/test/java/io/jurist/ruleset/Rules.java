package io.jurist.ruleset;

import java.nio.file.Path;

/** The project's own rules directory, compiled once for the tests that read it. */
final class Rules {

    static final Path DIRECTORY = Path.of("rules");

    private static CompiledRuleset compiled;

    private Rules() {
    }

    static RulesetFiles files() {
        return RulesetFiles.readDirectory(DIRECTORY);
    }

    static synchronized CompiledRuleset compiled() {
        if (compiled == null) {
            compiled = new RulesetCompiler().compile(1, files(), null);
        }
        return compiled;
    }
}
