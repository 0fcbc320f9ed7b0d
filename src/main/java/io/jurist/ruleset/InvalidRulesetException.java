package io.jurist.ruleset;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that cannot be compiled, with every problem found. */
class InvalidRulesetException extends RuntimeException {

    private final transient List<RulesetProblem> problems;

    public InvalidRulesetException(List<RulesetProblem> problems) {
        super("The ruleset is not valid:\n  " + problems.stream().map(RulesetProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RulesetProblem> problems() {
        return problems;
    }
}
