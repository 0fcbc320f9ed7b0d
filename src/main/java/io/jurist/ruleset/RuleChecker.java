package io.jurist.ruleset;

import io.jurist.ruleset.FactVocabulary.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The rule language's gate: every {@code .drl} file is parsed with Drools' own parser and its parts
 * walked against an allow-list before the Drools compiler sees any of it ({@link PackageCheck} checks what
 * surrounds the rules). A rule may decide; it may
 * never act: one {@code DecisionCase( … )} pattern of comparisons with values, and calls of
 * {@code deny}, {@code permit} or {@code oblige} with a code and a message. Anything else is refused
 * with its file, its line and what was found, in words a rule author reads.
 *
 * <p>Drools compiles consequences and evaluates annotation values as code, and Java reads
 * {@code \}{@code u} escapes before anything else: that is why nothing outside this language reaches it.
 */
final class RuleChecker {

    /**
     * What checking found.
     *
     * @param problems     every refusal, with file and line; empty when all files are in the language
     * @param ageThresholds every whole number a rule compares the member's age with
     * @param quoted        the getters of the case whose values a message quotes, directly or through a
     *                      variable bound to the property (what a decision's text depends on beyond its conditions)
     */
    public record Result(List<RulesetProblem> problems, Set<Integer> ageThresholds, Set<String> quoted) {

        public Result(List<RulesetProblem> problems, Set<Integer> ageThresholds) {
            this(problems, ageThresholds, Set.of());
        }
    }

    static final Set<String> ANNOTATIONS = Set.of("basis", "reference");
    private static final Pattern ANNOTATION_TEXT = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\[\"\\\\nt])*\"");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u", Pattern.CASE_INSENSITIVE);
    private static final int MAX_RULE_NAME = 200;

    private RuleChecker() {
    }

    /** Checks every {@code .drl} file of the ruleset. */
    public static Result check(RulesetFiles files) {
        List<RulesetProblem> problems = new ArrayList<>();
        Set<Integer> ages = new TreeSet<>();
        Set<String> quoted = new TreeSet<>();
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                new FileCheck(file.getKey(), file.getValue(), problems, ages, quoted).run();
            }
        }
        return new Result(List.copyOf(problems), ages, Set.copyOf(quoted));
    }

    /** The walk of one file. */
    private static final class FileCheck {

        private final String path;
        private final String text;
        private final List<RulesetProblem> problems;
        private final Set<Integer> ages;
        private final Set<String> quoted;
        private final SourceLines lines;
        private Set<String> importedEnums = Set.of();

        FileCheck(String path, String text, List<RulesetProblem> problems, Set<Integer> ages, Set<String> quoted) {
            this.path = path;
            this.text = text;
            this.problems = problems;
            this.ages = ages;
            this.quoted = quoted;
            this.lines = new SourceLines(text);
        }

        void run() {
            Matcher escape = UNICODE_ESCAPE.matcher(text);
            if (escape.find()) {
                refuse(lines.lineOf(escape.start()), "a rule file cannot contain \\u escapes (Java would read them as "
                        + "code before any check); write the character itself");
                return;
            }
            int loneReturn = lines.loneCarriageReturn();
            if (loneReturn >= 0) {
                refuse(lines.lineOf(loneReturn), "a rule file ends its lines with a line feed (\\n or \\r\\n), never a lone "
                        + "carriage return, which Java and the editor would read differently");
                return;
            }
            DrlParser parser = new DrlParser();
            PackageDescr parsed;
            try {
                parsed = parser.parse(false, text);
            } catch (DroolsParserException | RuntimeException e) {
                refuse(0, "the file cannot be read as rules: " + e.getMessage());
                return;
            }
            if (parser.hasErrors() || parsed == null) {
                // Drools' words and lines name where its grammar gave up; DrlSyntax names where the fix goes.
                for (DrlSyntax.Error error : DrlSyntax.explain(text, parser.getErrors())) {
                    refuse(error.line(), error.message());
                }
                return;
            }
            importedEnums = PackageCheck.check(parsed, lines, this::refuse);
            for (RuleDescr rule : parsed.getRules()) {
                checkRule(rule);
            }
        }

        private void checkRule(RuleDescr rule) {
            int ruleLine = Math.max(rule.getLine(), lines.lineContaining("rule", 0));
            if (rule.isQuery()) {
                refuse(ruleLine, "queries are not part of the rule language; found query \"" + rule.getName() + "\"");
                return;
            }
            String name = rule.getName();
            if (name.length() > MAX_RULE_NAME || name.isBlank()
                    || name.chars().anyMatch(c -> c == '\\' || c == '"' || Character.isISOControl(c))) {
                refuse(ruleLine, "a rule's name is plain text of at most " + MAX_RULE_NAME
                        + " characters, without backslashes or quotes");
            }
            for (var attribute : rule.getAttributes().values()) {
                int line = attribute.getLine() > 0 ? attribute.getLine()
                        : lines.lineContaining(attribute.getName(), lines.offsetOf(ruleLine));
                refuse(line, "rule attributes are not part of the rule language (every rule is considered for "
                        + "every decision, in one dialect); found " + attribute.getName());
            }
            if (rule.getParentName() != null) {
                refuse(ruleLine, "a rule stands on its own; found extends " + rule.getParentName());
            }
            if (!rule.getNamedConsequences().isEmpty()) {
                refuse(ruleLine, "a rule has one consequence after 'then'; found named consequences "
                        + rule.getNamedConsequences().keySet());
            }
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                checkAnnotation(rule, ruleLine, annotation);
            }
            Map<String, Property> variables = new HashMap<>();
            String caseVariable = checkCondition(rule, ruleLine, variables);
            if (caseVariable == null) {
                return;
            }
            Object consequence = rule.getConsequence();
            String code = consequence == null ? "" : consequence.toString();
            int start = consequenceStart(rule, code);
            try {
                ConsequenceParser.check(code, caseVariable, variables, quoted);
            } catch (RuleTokens.Refusal refusal) {
                refuse(start < 0 ? Math.max(rule.getConsequenceLine(), ruleLine) : lines.lineOf(start + refusal.offset()),
                        refusal.getMessage());
            }
        }

        private void checkAnnotation(RuleDescr rule, int ruleLine, AnnotationDescr annotation) {
            int line = lines.lineContaining("@" + annotation.getName(), lines.offsetOf(ruleLine));
            if (!ANNOTATIONS.contains(annotation.getName())) {
                refuse(line, "a rule may carry only " + String.join(" and ", new TreeSet<>(ANNOTATIONS).stream()
                        .map(a -> "@" + a).toList()) + "; found @" + annotation.getName());
                return;
            }
            Map<String, Object> values = annotation.getValueMap();
            Object value = values.get("value");
            if (values.size() != 1 || value == null || !ANNOTATION_TEXT.matcher(value.toString().strip()).matches()) {
                refuse(line, "@" + annotation.getName() + " takes text in double quotes, such as @"
                        + annotation.getName() + "(\"2024 training policy\"); found " + FoundText.shorten(String.valueOf(
                        values.size() == 1 ? value : values)));
            }
        }

        /** Checks the one pattern of the rule; answers the variable the case is bound to, or null when refused. */
        private String checkCondition(RuleDescr rule, int ruleLine, Map<String, Property> variables) {
            List<BaseDescr> elements = rule.getLhs() == null ? List.of() : List.copyOf(rule.getLhs().getDescrs());
            if (elements.size() != 1 || !(elements.get(0) instanceof PatternDescr pattern)) {
                BaseDescr first = elements.isEmpty() ? null : elements.stream()
                        .filter(e -> !(e instanceof PatternDescr)).findFirst().orElse(elements.get(elements.size() - 1));
                refuse(first == null ? ruleLine : Math.max(line(first), ruleLine),
                        "a rule's condition is one DecisionCase( ... ) pattern, with !, && and || inside it"
                                + " (several patterns, not, exists, eval, from, accumulate and the like would match a"
                                + " member against other members or run code); found " + FoundText.describe(elements, first));
                return null;
            }
            int patternLine = Math.max(line(pattern), ruleLine);
            if (!FactVocabulary.FACT_TYPE.equals(pattern.getObjectType())) {
                refuse(patternLine, "a rule matches a DecisionCase; found " + pattern.getObjectType()
                        + Typos.closest(pattern.getObjectType(), List.of(FactVocabulary.FACT_TYPE))
                                .map(t -> " (did you mean " + t + "?)").orElse(""));
                return null;
            }
            if (pattern.getSource() != null) {
                refuse(patternLine, "a rule matches the case being decided; found from, collect, accumulate or an "
                        + "entry point");
                return null;
            }
            if (!pattern.getBehaviors().isEmpty() || !pattern.getAnnotations().isEmpty() || pattern.isQuery()
                    || pattern.isUnification() || !pattern.getPositionalConstraints().isEmpty()) {
                refuse(patternLine, "a pattern holds named conditions only (no windows, annotations, unification or "
                        + "positional constraints)");
                return null;
            }
            String caseVariable = pattern.getIdentifier();
            if (caseVariable == null || !caseVariable.startsWith("$")) {
                refuse(patternLine, "bind the case to a variable, as in $case : DecisionCase( ... ), so that the rule "
                        + "can decide about it");
                return null;
            }
            boolean ok = true;
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (!(constraint instanceof ExprConstraintDescr expression)
                        || expression.getType() != ExprConstraintDescr.Type.NAMED) {
                    refuse(Math.max(line(constraint), patternLine), "a pattern holds named conditions only; found "
                            + FoundText.shorten(constraint.getText()));
                    ok = false;
                    continue;
                }
                String condition = expression.getExpression();
                try {
                    ConditionParser.check(condition, variables, importedEnums, ages);
                } catch (RuleTokens.Refusal refusal) {
                    int at = text.indexOf(condition, lines.offsetOf(Math.max(line(constraint), patternLine)));
                    refuse(at < 0 ? Math.max(line(constraint), patternLine) : lines.lineOf(at + refusal.offset()),
                            refusal.getMessage());
                    ok = false;
                }
            }
            return ok ? caseVariable : null;
        }

        /** Where the consequence's text starts in the file, or -1 when it cannot be found. */
        private int consequenceStart(RuleDescr rule, String code) {
            String stripped = code.stripLeading();
            if (stripped.isEmpty()) {
                return -1;
            }
            int from = lines.offsetOf(Math.max(rule.getConsequenceLine(), 1));
            int found = text.indexOf(stripped.substring(0, Math.min(stripped.length(), 60)), from);
            return found < 0 ? -1 : found - (code.length() - stripped.length());
        }

        private void refuse(int line, String message) {
            problems.add(new RulesetProblem(path, Math.max(line, 0), message));
        }

        private static int line(BaseDescr descr) {
            return PackageCheck.line(descr);
        }
    }
}
