package io.jurist.web;

import io.jurist.facts.DecisionCase;
import io.jurist.facts.Reason;
import io.jurist.ruleset.RulesetFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each reason and obligation code means, in the words the rules themselves give it: the message of
 * every {@code deny}, {@code permit} and {@code oblige} call in the DRL files (one source: the rule that
 * gives the code), plus the reasons the service gives by itself when no rule decides. Parts of a message
 * the rule computes (the member's country, the purpose) are shown as "…".
 */
final class ReasonGlossary {

    private static final Pattern CALL = Pattern.compile(
            "\\.(?:deny|permit|oblige)\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*,(.*?)\\)\\s*;", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ReasonGlossary() {
    }

    /** Code → meaning, in code order; a code several rules give has their meanings joined with " / ". */
    static Map<String, String> of(RulesetFiles files) {
        Map<String, Set<String>> meanings = new TreeMap<>();
        for (Map.Entry<String, String> file : files == null ? Map.<String, String>of().entrySet()
                : files.files().entrySet()) {
            if (!file.getKey().endsWith(".drl")) {
                continue;
            }
            Matcher call = CALL.matcher(file.getValue());
            while (call.find()) {
                meanings.computeIfAbsent(call.group(1), c -> new LinkedHashSet<>()).add(words(call.group(2)));
            }
        }
        for (Reason builtIn : List.of(DecisionCase.NO_RULE_PERMITS, DecisionCase.FIRING_LIMIT_EXCEEDED)) {
            meanings.computeIfAbsent(builtIn.code(), c -> new LinkedHashSet<>()).add(builtIn.message());
        }
        Map<String, String> glossary = new TreeMap<>();
        meanings.forEach((code, texts) -> glossary.put(code, String.join(" / ", texts)));
        return glossary;
    }

    /** A message expression as text: its literals joined, anything computed as "…". */
    static String words(String expression) {
        List<String> parts = new ArrayList<>();
        for (String part : expression.split("\\+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            Matcher literal = LITERAL.matcher(part.strip());
            parts.add(literal.matches() ? literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "…");
        }
        return String.join("", parts).replaceAll("\\s+", " ").strip();
    }
}
