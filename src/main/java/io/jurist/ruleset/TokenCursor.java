package io.jurist.ruleset;

import io.jurist.ruleset.RuleTokens.Kind;
import io.jurist.ruleset.RuleTokens.Refusal;
import io.jurist.ruleset.RuleTokens.Token;
import java.util.List;

/** A position in the tokens of a condition or a consequence, shared by the rule language's two parsers. */
abstract class TokenCursor {

    private final List<Token> tokens;
    private int position;

    TokenCursor(String text) {
        this.tokens = RuleTokens.split(text);
    }

    final int position() {
        return position;
    }

    final void skip(int count) {
        for (int i = 0; i < count; i++) {
            next();
        }
    }

    /** The token at an absolute index (the END token past the last one). */
    final Token at(int index) {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    final Token peek() {
        return at(position);
    }

    final Token peek(int ahead) {
        return at(position + ahead);
    }

    final Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    final boolean accept(String symbol) {
        if (peek().is(symbol)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes the symbol or refuses with the explanation and what stood there instead. */
    final void expect(String symbol, String explanation) {
        Token token = next();
        if (!token.is(symbol)) {
            throw new Refusal(token.offset(), explanation + "; found " + token.shown());
        }
    }
}
