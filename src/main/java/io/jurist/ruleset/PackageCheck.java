package io.jurist.ruleset;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;

/**
 * The allow-list of what a rule file holds around its rules ({@link RuleChecker} checks the rules): the package
 * {@code io.jurist.rules}, imports of the fact model only, and none of the declarations Drools would compile as code
 * or share between decisions (functions, globals, types, entry points, windows, file attributes, units).
 */
final class PackageCheck {

    /** Where a refusal goes: a line of the file (0 when unknown) and the words for the rule author. */
    interface Refusals {
        void refuse(int line, String message);
    }

    private static final String FACTS_PACKAGE = "io.jurist.facts.";
    private static final Pattern PACKAGE = Pattern.compile("io\\.jurist\\.rules(\\.[a-z][a-z0-9_]*)*");

    private PackageCheck() {
    }

    /**
     * Refuses what the file holds outside the rule language; answers the simple names of the fact model's enums the
     * file imports (its conditions may compare with their values).
     */
    static Set<String> check(PackageDescr parsed, SourceLines lines, Refusals refusals) {
        if (parsed.getName() == null || !PACKAGE.matcher(parsed.getName()).matches()) {
            refusals.refuse(lines.lineContaining("package", 0), "a rule file starts with 'package io.jurist.rules;'; "
                    + "found package " + (parsed.getName() == null || parsed.getName().isEmpty() ? "(none)"
                    : parsed.getName()));
        }
        Set<String> importedEnums = new HashSet<>();
        for (ImportDescr imported : parsed.getImports()) {
            String target = imported.getTarget();
            String simple = target.startsWith(FACTS_PACKAGE) ? target.substring(FACTS_PACKAGE.length()) : null;
            if (simple != null && FactVocabulary.ENUMS.containsKey(simple)) {
                importedEnums.add(simple);
            }
            if (simple == null || !FactVocabulary.IMPORTABLE.containsKey(simple)) {
                refusals.refuse(line(imported), "a rule file may import only the fact model ("
                        + String.join(", ", new TreeSet<>(FactVocabulary.IMPORTABLE.keySet()))
                        + " from io.jurist.facts); found import " + target);
            }
        }
        refuseAll(refusals, parsed.getFunctionImports(), "import function", "functions are code: a rule may only "
                + "decide");
        refuseAll(refusals, parsed.getAccumulateImports(), "import accumulate", "accumulate functions are not part of "
                + "the rule language");
        refuseAll(refusals, parsed.getGlobals(), "global", "globals are shared by every decision and are not part of "
                + "the rule language");
        refuseAll(refusals, parsed.getFunctions(), "function", "functions are code: a rule may only decide");
        refuseAll(refusals, parsed.getTypeDeclarations(), "declare", "rules use the fact model; they do not declare "
                + "types");
        refuseAll(refusals, parsed.getEnumDeclarations(), "declare enum", "rules use the fact model; they do not "
                + "declare types");
        refuseAll(refusals, parsed.getEntryPointDeclarations(), "entry-point", "entry points are not part of the rule "
                + "language");
        refuseAll(refusals, parsed.getWindowDeclarations(), "window", "windows are not part of the rule language");
        refuseAll(refusals, parsed.getAttributes(), "a file attribute",
                "attributes such as dialect or salience are not part of the rule language");
        if (parsed.getUnit() != null) {
            refusals.refuse(line(parsed.getUnit()), "units are not part of the rule language; found unit");
        }
        return importedEnums;
    }

    private static void refuseAll(Refusals refusals, Collection<? extends BaseDescr> found, String what, String why) {
        for (BaseDescr descr : found) {
            String name = descr instanceof AnnotationDescr a ? a.getName() : "";
            refusals.refuse(line(descr), why + "; found " + what + (name.isEmpty() ? "" : " " + name));
        }
    }

    static int line(BaseDescr descr) {
        return Math.max(descr.getLine(), 0);
    }
}
