package io.jurist.ruleset;

import io.jurist.ruleset.FactVocabulary.Property;
import io.jurist.ruleset.FactVocabulary.Type;
import io.jurist.ruleset.RuleTokens.Kind;
import io.jurist.ruleset.RuleTokens.Refusal;
import io.jurist.ruleset.RuleTokens.Token;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one constraint of a rule's {@code DecisionCase( … )} pattern in the rule language: a binding
 * ({@code $country : country}) or a test that compares the case's properties with values, enum
 * constants or bound properties ({@code ==, !=, <, <=, >, >=, in, not in}), joined with
 * {@code &&, ||, !} and parentheses. Nothing is called; values are written out. The whole numbers a
 * rule compares the member's age with are collected, so that impact analysis can decide each side of
 * every threshold.
 */
final class ConditionParser extends TokenCursor {

    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

    /** A side of a comparison: a property (named or through a bound variable) or a value. */
    private record Operand(Type type, Property property, String shown, Integer number, boolean isAge) {

        boolean isProperty() {
            return property != null;
        }
    }

    private final Map<String, Property> variables;
    private final Set<String> imported;
    private final Set<Integer> ageConstants;

    private ConditionParser(String text, Map<String, Property> variables, Set<String> imported,
                            Set<Integer> ageConstants) {
        super(text);
        this.variables = variables;
        this.imported = imported;
        this.ageConstants = ageConstants;
    }

    /**
     * Checks one constraint; a binding adds its variable to {@code variables}, an age threshold is added
     * to {@code ageConstants}. Throws a {@link Refusal} at the offending offset.
     */
    static void check(String text, Map<String, Property> variables, Set<String> imported, Set<Integer> ageConstants) {
        new ConditionParser(text, variables, imported, ageConstants).constraint();
    }

    private void constraint() {
        if (peek().kind() == Kind.VARIABLE && peek(1).is(":")) {
            Token variable = next();
            next();
            Token name = next();
            Property property = name.kind() == Kind.NAME ? FactVocabulary.CONDITION_PROPERTIES.get(name.text()) : null;
            if (property == null) {
                throw new Refusal(name.offset(), "a variable may only be bound to a property of the case ("
                        + String.join(", ", new java.util.TreeSet<>(FactVocabulary.CONDITION_PROPERTIES.keySet()))
                        + "); found " + name.shown());
            }
            if (variables.containsKey(variable.text())) {
                throw new Refusal(variable.offset(), "the variable " + variable.text() + " is bound twice");
            }
            variables.put(variable.text(), property);
            expectEnd();
            return;
        }
        or();
        expectEnd();
    }

    private void or() {
        and();
        while (peek().is("||")) {
            next();
            and();
        }
    }

    private void and() {
        unary();
        while (peek().is("&&")) {
            next();
            unary();
        }
    }

    private void unary() {
        if (peek().is("!")) {
            next();
            unary();
        } else if (peek().is("(")) {
            next();
            or();
            expect(")");
        } else {
            comparison();
        }
    }

    private void comparison() {
        Token start = peek();
        Operand left = operand();
        Token operator = peek();
        if (operator.kind() == Kind.SYMBOL && COMPARISONS.contains(operator.text())) {
            next();
            Operand right = operand();
            compare(start, left, operator.text(), right);
        } else if (operator.is("in") || (operator.is("not") && peek(1).is("in"))) {
            next();
            if (operator.is("not")) {
                next();
            }
            if (!left.isProperty()) {
                throw new Refusal(start.offset(), "'in' tests a property of the case, such as country in (\"FR\", \"DE\")");
            }
            expect("(");
            do {
                Token element = peek();
                Operand value = operand();
                if (value.isProperty() || value.type() == Type.NULL) {
                    throw new Refusal(element.offset(), "the list after 'in' holds values only; found " + element.shown());
                }
                compare(start, left, "==", value);
            } while (accept(","));
            expect(")");
        } else if (operator.kind() == Kind.NAME) {
            throw new Refusal(operator.offset(), "'" + operator.text() + "' is not part of the rule language: compare "
                    + "with ==, !=, <, <=, >, >=, in or not in");
        } else if (left.isProperty() && left.type() == Type.YES_NO) {
            return;
        } else {
            throw new Refusal(start.offset(), start.shown() + " is not a condition on its own: compare it, for "
                    + "example " + start.shown() + " == ...");
        }
    }

    private void compare(Token at, Operand left, String operator, Operand right) {
        if (!left.isProperty() && !right.isProperty()) {
            throw new Refusal(at.offset(), "a condition compares a property of the case; found only values");
        }
        if (left.type() == Type.NULL || right.type() == Type.NULL) {
            Operand property = left.type() == Type.NULL ? right : left;
            if (!operator.equals("==") && !operator.equals("!=")) {
                throw new Refusal(at.offset(), "null can only be compared with == or !=");
            }
            if (property.type() == Type.NULL || !property.property().nullable()) {
                throw new Refusal(at.offset(), property.shown() + " is never null");
            }
            return;
        }
        if (left.type() != right.type()) {
            String hint = left.type() == Type.INSTANT || right.type() == Type.INSTANT
                    ? " (dates belong in the jurisdiction table, whose rows say since when a status holds)" : "";
            throw new Refusal(at.offset(), left.shown() + " holds " + left.type().words() + " and cannot be compared with "
                    + right.shown() + ", which is " + right.type().words() + hint);
        }
        if (!operator.equals("==") && !operator.equals("!=") && !left.type().ordered()) {
            throw new Refusal(at.offset(), left.shown() + " holds " + left.type().words() + ": compare it with == or !=, not "
                    + operator);
        }
        if (left.type() == Type.INSTANT && left.isProperty() && right.isProperty()
                && !left.property().getter().equals(right.property().getter())) {
            // A row holds from its since on, the instant itself included: only < and >= keep that line, so every
            // instant between two dates a row takes effect on is decided alike (what the snapshot relies on).
            boolean atFirst = left.property().getter().equals("getAt");
            boolean kept = atFirst ? operator.equals("<") || operator.equals(">=")
                    : operator.equals("<=") || operator.equals(">");
            if (!kept) {
                throw new Refusal(at.offset(), "compare the instant asked about with since as at >= since (from the "
                        + "row's date on) or at < since (before it); a row holds from its since, that instant "
                        + "included, so " + operator + " is not allowed here");
            }
        }
        if (left.isAge() && right.number() != null) {
            ageConstants.add(right.number());
        } else if (right.isAge() && left.number() != null) {
            ageConstants.add(left.number());
        }
    }

    private Operand operand() {
        Token token = next();
        switch (token.kind()) {
            case TEXT:
                return new Operand(Type.TEXT, null, token.shown(), null, false);
            case NUMBER:
                return new Operand(Type.WHOLE_NUMBER, null, token.text(), Integer.parseInt(token.text()), false);
            case VARIABLE: {
                Property property = variables.get(token.text());
                if (property == null) {
                    throw new Refusal(token.offset(), "compare a property of the case or a variable bound to one; "
                            + token.text() + " is not bound to a property");
                }
                refuseFollowing(token);
                return new Operand(property.type(), property, token.text(), null, property.getter().equals("getAge"));
            }
            case NAME:
                return named(token);
            default:
                throw new Refusal(token.offset(), "expected a property of the case or a value; found " + token.shown());
        }
    }

    private Operand named(Token token) {
        switch (token.text()) {
            case "null":
                return new Operand(Type.NULL, null, "null", null, false);
            case "true":
            case "false":
                return new Operand(Type.YES_NO, null, token.text(), null, false);
            default:
                break;
        }
        Class<? extends Enum<?>> enumType = FactVocabulary.ENUMS.get(token.text());
        if (enumType != null && peek().is(".") && imported.contains(token.text())) {
            next();
            Token constant = next();
            for (Enum<?> value : enumType.getEnumConstants()) {
                if (constant.kind() == Kind.NAME && value.name().equals(constant.text())) {
                    refuseFollowing(constant);
                    return new Operand(Type.ofEnum(enumType).orElseThrow(), null, token.text() + "." + constant.text(),
                            null, false);
                }
            }
            throw new Refusal(constant.offset(), token.text() + " has no value " + constant.shown() + "; its values are "
                    + java.util.Arrays.toString(enumType.getEnumConstants()));
        }
        Property property = FactVocabulary.CONDITION_PROPERTIES.get(token.text());
        if (property != null) {
            refuseFollowing(token);
            return new Operand(property.type(), property, token.text(), null, token.text().equals("age"));
        }
        String found = qualifiedName(token);
        if (peek().is("(")) {
            throw new Refusal(token.offset(), "a condition cannot call anything; found " + found);
        }
        throw new Refusal(token.offset(), found + " is not a property of the case"
                + Typos.closest(found, FactVocabulary.CONDITION_PROPERTIES.keySet())
                        .map(p -> " (did you mean " + p + "?)").orElse("") + "; a condition may test "
                + String.join(", ", new java.util.TreeSet<>(FactVocabulary.CONDITION_PROPERTIES.keySet())));
    }

    /** Properties are read by name only: {@code country}, never {@code country.length()} or {@code getCountry()}. */
    private void refuseFollowing(Token token) {
        if (peek().is(".") || peek().is("(")) {
            throw new Refusal(token.offset(), "a condition cannot call methods or follow properties; found "
                    + qualifiedName(token) + (peek().is("(") ? "(...)" : ""));
        }
    }

    private String qualifiedName(Token first) {
        StringBuilder name = new StringBuilder(first.text());
        while (peek().is(".") && (peek(1).kind() == Kind.NAME || peek(1).kind() == Kind.VARIABLE)) {
            next();
            name.append('.').append(next().text());
        }
        return name.toString();
    }





    private void expect(String symbol) {
        expect(symbol, "expected '" + symbol + "'");
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind() != Kind.END) {
            throw new Refusal(token.offset(), "unexpected " + token.shown() + " in a condition");
        }
    }
}
