package io.jurist.ruleset;

import io.jurist.ruleset.FactVocabulary.Property;
import io.jurist.ruleset.RuleTokens.Kind;
import io.jurist.ruleset.RuleTokens.Refusal;
import io.jurist.ruleset.RuleTokens.Token;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule's consequence in the rule language: one or more calls of the case's decision API,
 * {@code $case.deny("CODE", message);}, {@code permit} or {@code oblige}, where the message is text
 * joined with {@code +} to the case's properties ({@code $case.getCountry()}) or to bound variables.
 * The rule's name is added by the engine. Nothing else: no other call, no {@code new}, no loop,
 * no assignment, no {@code update} or {@code insert}.
 */
final class ConsequenceParser extends TokenCursor {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final int MAX_MESSAGE = 1_000;

    private final String caseVariable;
    private final Map<String, Property> variables;
    private final Set<String> quoted;

    private ConsequenceParser(String text, String caseVariable, Map<String, Property> variables, Set<String> quoted) {
        super(text);
        this.caseVariable = caseVariable;
        this.variables = variables;
        this.quoted = quoted;
    }

    /** Checks the consequence; throws a {@link Refusal} at the offending offset. */
    static void check(String text, String caseVariable, Map<String, Property> variables) {
        check(text, caseVariable, variables, new HashSet<>());
    }

    /**
     * Checks the consequence, adding to {@code quoted} the getter of every property a message quotes (through
     * the case or a bound variable); throws a {@link Refusal} at the offending offset.
     */
    static void check(String text, String caseVariable, Map<String, Property> variables, Set<String> quoted) {
        ConsequenceParser parser = new ConsequenceParser(text, caseVariable, variables, quoted);
        if (parser.peek().kind() == Kind.END) {
            throw new Refusal(0, "the rule does nothing: after 'then' it must call deny, permit or oblige on the case");
        }
        while (parser.peek().kind() != Kind.END) {
            parser.statement();
        }
    }

    private void statement() {
        Token start = peek();
        if (!(start.kind() == Kind.VARIABLE && start.text().equals(caseVariable) && peek(1).is(".")
                && peek(2).kind() == Kind.NAME && FactVocabulary.ACTIONS.contains(peek(2).text()) && peek(3).is("("))) {
            throw new Refusal(start.offset(), "a rule may only call deny, permit or oblige on the case; found "
                    + found(position()));
        }
        next();
        next();
        String action = next().text();
        next();
        Token code = next();
        if (code.kind() != Kind.TEXT || !CODE.matcher(code.text()).matches()) {
            throw new Refusal(code.offset(), action + " starts with a code in capitals and underscores, such as "
                    + "\"MINOR_EXCLUDED\"; found " + code.shown());
        }
        if (FactVocabulary.RESERVED_CODES.contains(code.text())) {
            throw new Refusal(code.offset(), "the code " + code.text() + " is given by Jurist itself, not by rules");
        }
        expect(",", action + " takes a code and a message, such as " + action + "(\"CODE\", \"What happened.\")");
        skipLegacyRuleName();
        message();
        expect(")", action + " takes two things, a code and a message; the rule's name is added by Jurist");
        expect(";", "each call ends with ';'");
    }

    /**
     * Rules written before the rule language passed their own name as {@code drools.getRule().getName()};
     * versions stored that way must keep loading, so exactly that sequence is read and ignored (the engine
     * names the rule either way).
     */
    private void skipLegacyRuleName() {
        String[] legacy = {"drools", ".", "getRule", "(", ")", ".", "getName", "(", ")", ","};
        for (int i = 0; i < legacy.length; i++) {
            if (!peek(i).is(legacy[i])) {
                return;
            }
        }
        skip(legacy.length);
    }

    private void message() {
        int length = 0;
        do {
            int at = position();
            Token term = next();
            if (term.kind() == Kind.TEXT) {
                length += term.text().length();
            } else if (term.kind() == Kind.VARIABLE && variables.containsKey(term.text()) && !peek().is(".")) {
                quoted.add(variables.get(term.text()).getter());
                length += 20;
            } else if (term.kind() == Kind.VARIABLE && term.text().equals(caseVariable) && peek().is(".")
                    && peek(1).kind() == Kind.NAME && FactVocabulary.MESSAGE_GETTERS.contains(peek(1).text())
                    && peek(2).is("(") && peek(3).is(")") && !peek(4).is(".")) {
                quoted.add(peek(1).text());
                skip(4);
                length += 20;
            } else {
                throw new Refusal(term.offset(), "a message is text in double quotes joined with + to the case's "
                        + "properties (such as " + caseVariable + ".getCountry()) or bound variables; found "
                        + found(at));
            }
        } while (accept("+"));
        if (length > MAX_MESSAGE) {
            throw new Refusal(peek().offset(), "the message is longer than " + MAX_MESSAGE + " characters");
        }
    }

    /**
     * What a refused statement or term starts with, for people: {@code java.nio.file.Files.writeString},
     * {@code $case.getClass().getClassLoader}, {@code new}.
     */
    private String found(int start) {
        Token first = at(start);
        if (first.kind() != Kind.NAME && first.kind() != Kind.VARIABLE) {
            return first.shown();
        }
        StringBuilder name = new StringBuilder(first.text());
        int i = start + 1;
        while (at(i).is(".") && (at(i + 1).kind() == Kind.NAME || at(i + 1).kind() == Kind.VARIABLE)) {
            name.append('.').append(at(i + 1).text());
            i += 2;
            if (at(i).is("(") && at(i + 1).is(")") && at(i + 2).is(".")) {
                name.append("()");
                i += 2;
            }
        }
        return name.toString();
    }
}
