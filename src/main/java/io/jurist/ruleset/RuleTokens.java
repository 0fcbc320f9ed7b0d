package io.jurist.ruleset;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition or a consequence of a rule into the few kinds of token the rule language has:
 * names, {@code $}-variables, text in double quotes, whole numbers and a handful of symbols. Any
 * other character (a brace, an arrow, an assignment) becomes an OTHER token that no parser accepts,
 * and text or a comment that is not closed ends the split with a refusal.
 */
final class RuleTokens {

    enum Kind {
        NAME, VARIABLE, TEXT, NUMBER, SYMBOL, OTHER, END
    }

    /**
     * One token.
     *
     * @param kind   what it is
     * @param text   as written (for TEXT, the value without quotes and with escapes resolved)
     * @param offset where it starts in the text that was split
     */
    record Token(Kind kind, String text, int offset) {

        boolean is(String symbolOrName) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbolOrName);
        }

        String shown() {
            return switch (kind) {
                case TEXT -> "\"" + text + "\"";
                case END -> "the end";
                default -> text;
            };
        }
    }

    /** A refusal at an offset of the text being split or parsed. */
    static final class Refusal extends RuntimeException {

        private final int offset;

        Refusal(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    private static final List<String> SYMBOLS = List.of("&&", "||", "==", "!=", "<=", ">=", "(", ")", ",", ".",
            "+", ";", ":", "!", "<", ">");

    private RuleTokens() {
    }

    /** The tokens of the text, ending with an END token; throws a {@link Refusal} at the first foreign character. */
    static List<Token> split(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                // Java ends a line comment at either line terminator: so must we, or code could hide behind one.
                while (i < length && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new Refusal(i, "a comment that starts with /* is not closed with */");
                }
                i = end + 2;
            } else if (c == '"') {
                i = text(text, i, tokens);
            } else if (isNameStart(c)) {
                int start = i;
                while (i < length && isNamePart(text.charAt(i))) {
                    i++;
                }
                String name = text.substring(start, i);
                tokens.add(new Token(c == '$' ? Kind.VARIABLE : Kind.NAME, name, start));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                if (i < length && (isNamePart(text.charAt(i)) || text.charAt(i) == '.')) {
                    throw new Refusal(start, "a number in a rule is a whole number such as 18; found "
                            + around(text, start));
                }
                if (i - start > 9) {
                    throw new Refusal(start, "the number " + text.substring(start, i) + " is too large for a rule");
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else {
                String symbol = symbolAt(text, i);
                if (symbol == null) {
                    // Not part of the language; the parser refuses it where it stands, with what came before.
                    tokens.add(new Token(Kind.OTHER, printable(c), i));
                    i++;
                } else {
                    tokens.add(new Token(Kind.SYMBOL, symbol, i));
                    i += symbol.length();
                }
            }
        }
        tokens.add(new Token(Kind.END, "", length));
        return tokens;
    }

    private static int text(String text, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                throw new Refusal(start, "text that starts with \" is not closed with \" on the same line");
            }
            char c = text.charAt(i);
            if (c == '"') {
                tokens.add(new Token(Kind.TEXT, value.toString(), start));
                return i + 1;
            }
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                switch (next) {
                    case '"' -> value.append('"');
                    case '\\' -> value.append('\\');
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    default -> throw new Refusal(i, "inside text a backslash may only come before \", \\, n or t");
                }
                i += 2;
                continue;
            }
            if (Character.isISOControl(c)) {
                throw new Refusal(i, "text in a rule cannot hold control characters");
            }
            value.append(c);
            i++;
        }
    }

    private static String symbolAt(String text, int i) {
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, i)) {
                return symbol;
            }
        }
        return null;
    }

    /** Names are ASCII: letters, digits, '_' and '$' (look-alike letters from other scripts are refused). */
    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static String around(String text, int start) {
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - start < 20) {
            end++;
        }
        return text.substring(start, end);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
}
