package io.jurist.ruleset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.parser.DroolsError;

/**
 * Drools' parser errors in a rule author's words, at the line where the fix goes.
 *
 * <p>Drools reports where its grammar gave up ("[ERR 102] Line 29:4 mismatched input '$case' in rule
 * …"), which for a missing {@code end} is inside the next rule, and adds errors that only repeat the
 * first. When Drools' parser fails, this class reads the file's shape itself, rule by rule ({@code rule},
 * {@code when}, {@code then}, {@code end}, brackets and quotes), and names the first thing out of place:
 * "expected `when`, found `wehn`", "the rule that starts at line 13 is not closed with `end`". Only when
 * the shape is sound does it fall back to Drools' own errors, reworded and without repeats.
 */
final class DrlSyntax {

    /** A sentence at a line. */
    record Error(int line, String message) {
    }

    private static final Pattern DROOLS_PREFIX = Pattern.compile("^\\[ERR \\d+\\]\\s*Line (\\d+):\\d+\\s*");
    private static final Pattern INPUT = Pattern.compile(
            "(?:mismatched input|no viable alternative at input|extraneous input|missing \\S+ at) '((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*");
    private static final Pattern CALL = Pattern.compile("^\\$?[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*[A-Za-z_]\\w*\\s*\\(");

    private DrlSyntax() {
    }

    /** The file's errors in words: its shape's first fault, or else Drools' errors reworded, once per line. */
    static List<Error> explain(String text, Collection<? extends DroolsError> droolsErrors) {
        Optional<Error> shape = new Shape(text).fault();
        if (shape.isPresent()) {
            return List.of(shape.get());
        }
        List<Error> errors = new ArrayList<>();
        for (DroolsError error : droolsErrors) {
            int[] lines = error.getLines();
            Error worded = reword(lines.length > 0 ? Math.max(lines[0], 0) : 0, error.getMessage());
            if (worded != null && errors.stream().noneMatch(e -> e.line() == worded.line())) {
                errors.add(worded);
            }
        }
        if (errors.isEmpty()) {
            errors.add(new Error(0, "the file cannot be read as rules"));
        }
        return errors;
    }

    /** One Drools message without its error number and line prefix; null for noise that says nothing. */
    static Error reword(int line, String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.contains("Parser returned a null Package")) {
            return null;
        }
        Matcher prefix = DROOLS_PREFIX.matcher(text);
        if (prefix.find()) {
            line = line > 0 ? line : Integer.parseInt(prefix.group(1));
            text = text.substring(prefix.end());
        }
        Matcher input = INPUT.matcher(text);
        if (input.find()) {
            String found = input.group(1);
            return new Error(line, found.isEmpty() || found.equals("<eof>")
                    ? "the file ends where the rule expects more (a missing `end`, `)` or `\"`?)"
                    : "unexpected `" + found + "` here");
        }
        return new Error(line, text.replaceAll("\\s+", " "));
    }

    /** The walk over a file's lines: where each rule starts, its parts, its brackets and its quotes. */
    private static final class Shape {

        private enum Part { OUTSIDE, HEADER, WHEN, THEN }

        private final String[] lines;
        private final boolean[] blank;
        private Part part = Part.OUTSIDE;
        private int ruleStart;
        private int suspectEnd;
        private String suspectWord;
        private boolean inBlockComment;
        private final Deque<Integer> open = new ArrayDeque<>();

        Shape(String text) {
            this.lines = text.split("\n", -1);
            this.blank = new boolean[lines.length];
        }

        Optional<Error> fault() {
            for (int i = 0; i < lines.length; i++) {
                int line = i + 1;
                String code;
                try {
                    code = code(lines[i], line);
                } catch (Unclosed unclosed) {
                    return Optional.of(new Error(line, "the text in quotes that starts here is not closed with `"
                            + unclosed.quote + "` on this line"));
                }
                blank[i] = code.isBlank();
                if (code.isBlank()) {
                    continue;
                }
                Optional<Error> error = line(line, code.strip());
                if (error.isPresent()) {
                    return error;
                }
            }
            return part == Part.OUTSIDE ? Optional.empty() : Optional.of(notClosed(lines.length + 1));
        }

        private Optional<Error> line(int line, String code) {
            Matcher word = WORD.matcher(code);
            String first = word.lookingAt() ? word.group() : "";
            boolean startsRule = first.equals("rule") && code.substring(4).stripLeading().startsWith("\"");
            if (startsRule && part != Part.OUTSIDE) {
                return Optional.of(notClosed(line));
            }
            switch (part) {
                case OUTSIDE -> {
                    if (startsRule) {
                        part = Part.HEADER;
                        ruleStart = line;
                        suspectEnd = 0;
                        open.clear();
                    }
                }
                case HEADER -> {
                    if (first.equals("when")) {
                        part = Part.WHEN;
                    } else if (first.equals("then")) {
                        part = Part.THEN;
                    } else if (first.equals("end")) {
                        part = Part.OUTSIDE;
                    } else if (!code.startsWith("@") && !isAttribute(first)) {
                        return Optional.of(new Error(line, "expected `when`" + found(first, code)));
                    }
                }
                case WHEN -> {
                    if (open.isEmpty() && first.equals("then")) {
                        part = Part.THEN;
                    } else if (!open.isEmpty() && (first.equals("then") || code.equals("end"))) {
                        return Optional.of(unbalanced(first));
                    } else if (code.equals("end")) {
                        return Optional.of(new Error(ruleStart, "the rule that starts at line " + ruleStart
                                + " has no `then` before its `end` at line " + line));
                    } else if (open.isEmpty() && (CALL.matcher(code).find() || Typos.closest(first, List.of("then")).isPresent()
                            && code.equals(first))) {
                        return Optional.of(new Error(line, "expected `then`" + found(first, code)
                                + (code.equals(first) ? "" : ": a rule's actions come after `then`")));
                    } else {
                        return count(line, code);
                    }
                }
                case THEN -> {
                    if (first.equals("end") && code.equals("end")) {
                        if (!open.isEmpty()) {
                            return Optional.of(unbalanced("end"));
                        }
                        part = Part.OUTSIDE;
                    } else if (code.equals(first) && Typos.closest(first, List.of("end")).isPresent()) {
                        suspectEnd = line;
                        suspectWord = first;
                    } else {
                        return count(line, code);
                    }
                }
                default -> throw new IllegalStateException(part.name());
            }
            return Optional.empty();
        }

        /** Counts brackets; a closing one without its opening one is a fault at once. */
        private Optional<Error> count(int line, String code) {
            for (int k = 0; k < code.length(); k++) {
                char c = code.charAt(k);
                if (c == '(') {
                    open.push(line);
                } else if (c == ')') {
                    if (open.isEmpty()) {
                        return Optional.of(new Error(line, "this `)` closes no `(`"));
                    }
                    open.pop();
                }
            }
            return Optional.empty();
        }

        private Error unbalanced(String at) {
            return new Error(open.peek(), "the `(` opened on this line is not closed with `)` before `" + at + "`");
        }

        /** The rule being read has no {@code end}: said at the word that was meant to be it, or its last line. */
        private Error notClosed(int nextLine) {
            if (!open.isEmpty() && part != Part.THEN) {
                return unbalanced(part == Part.WHEN ? "then" : "end");
            }
            String sentence = "the rule that starts at line " + ruleStart + " is not closed with `end`";
            if (suspectEnd > 0) {
                return new Error(suspectEnd, sentence + " (found `" + suspectWord + "`)");
            }
            int last = nextLine - 1;
            while (last > ruleStart && blank[last - 1]) {
                last--;
            }
            return new Error(last, sentence);
        }

        private static boolean isAttribute(String word) {
            return List.of("salience", "no-loop", "agenda-group", "activation-group", "ruleflow-group", "dialect",
                    "enabled", "duration", "timer", "calendars", "date-effective", "date-expires", "lock-on-active",
                    "auto-focus", "extends").contains(word) || word.equals("no") || word.equals("lock")
                    || word.equals("date") || word.equals("auto");
        }

        private static String found(String first, String code) {
            String shown = first.isEmpty() ? code.substring(0, Math.min(code.length(), 20)) : first;
            return ", found `" + shown + "`";
        }

        /** The line without comments and with quoted text blanked; a quote left open ends the walk. */
        private String code(String line, int number) {
            StringBuilder code = new StringBuilder();
            int k = 0;
            while (k < line.length()) {
                char c = line.charAt(k);
                if (inBlockComment) {
                    int close = line.indexOf("*/", k);
                    if (close < 0) {
                        return code.toString();
                    }
                    inBlockComment = false;
                    k = close + 2;
                } else if (c == '/' && k + 1 < line.length() && line.charAt(k + 1) == '/') {
                    return code.toString();
                } else if (c == '/' && k + 1 < line.length() && line.charAt(k + 1) == '*') {
                    inBlockComment = true;
                    k += 2;
                } else if (c == '"' || c == '\'') {
                    int end = k + 1;
                    while (end < line.length() && line.charAt(end) != c) {
                        end += line.charAt(end) == '\\' ? 2 : 1;
                    }
                    if (end >= line.length()) {
                        throw new Unclosed(c == '"' ? "\"" : "'");
                    }
                    code.append(c).append(c);
                    k = end + 1;
                } else {
                    code.append(c);
                    k++;
                }
            }
            return code.toString().replace('\r', ' ');
        }
    }

    private static final class Unclosed extends RuntimeException {

        private final String quote;

        Unclosed(String quote) {
            super(null, null, false, false);
            this.quote = quote;
        }
    }
}
