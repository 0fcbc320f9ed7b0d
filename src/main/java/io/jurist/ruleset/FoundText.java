package io.jurist.ruleset;

import java.util.List;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PatternDescr;

/** How {@link RuleChecker}'s refusals name what they found, in the rule author's words. */
final class FoundText {

    private FoundText() {
    }

    /** What a rule's condition holds instead of one pattern: the first element that is no pattern, in DRL's words. */
    static String describe(List<BaseDescr> elements, BaseDescr first) {
        if (elements.isEmpty()) {
            return "no pattern";
        }
        for (BaseDescr element : elements) {
            if (element instanceof PatternDescr p && p.getSource() != null) {
                return "from, collect, accumulate or an entry point";
            }
        }
        String kind = first.getClass().getSimpleName().replace("Descr", "");
        return switch (kind) {
            case "Not" -> "not";
            case "Exists" -> "exists";
            case "Eval" -> "eval";
            case "Or" -> "or";
            case "And" -> "and";
            case "Forall" -> "forall";
            case "ConditionalBranch" -> "if ... do";
            case "NamedConsequence" -> "do[...]";
            case "Pattern" -> elements.size() + " patterns";
            default -> kind;
        };
    }

    /** A value on one line, at most 80 characters. */
    static String shorten(String value) {
        String one = value == null ? "" : value.replaceAll("\\s+", " ").strip();
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
