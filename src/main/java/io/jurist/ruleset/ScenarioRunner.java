package io.jurist.ruleset;

import io.jurist.api.FieldError;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Obligation;
import io.jurist.facts.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the scenario files of a ruleset ({@code scenarios/*.yaml}) and runs them against a compiled
 * ruleset.
 */
public final class ScenarioRunner {

    static final String SCENARIO_DIR = "scenarios/";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioRunner() {
    }

    /** Every scenario in the files; problems in reading them are added to the list. */
    public static List<Scenario> read(RulesetFiles files, List<RulesetProblem> problems) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            String path = file.getKey();
            if (path.startsWith(SCENARIO_DIR) && (path.endsWith(".yaml") || path.endsWith(".yml"))) {
                readFile(path, file.getValue(), files, scenarios, problems);
            }
        }
        return scenarios;
    }

    private static void readFile(String path, String content, RulesetFiles files, List<Scenario> scenarios,
                                 List<RulesetProblem> problems) {
        RulesetProblem foreign = foreignYaml(path, content);
        if (foreign != null) {
            problems.add(foreign);
            return;
        }
        try (JsonParser parser = YAML.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                problems.add(new RulesetProblem(path, parser.currentTokenLocation().getLineNr(),
                        "A scenario file is a list of scenarios, each starting with '- name:'"));
                return;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentTokenLocation().getLineNr();
                ScenarioEntry entry;
                try {
                    entry = YAML.readValue(parser, ScenarioEntry.class);
                } catch (JsonProcessingException e) {
                    problems.add(new RulesetProblem(path, e.getLocation() == null ? line : e.getLocation().getLineNr(),
                            e.getOriginalMessage()));
                    return;
                }
                String missing = entry.name() == null ? "name" : entry.request() == null ? "request"
                        : entry.request().subject() == null ? "request.subject"
                        : entry.expect() == null ? "expect" : entry.expect().decision() == null ? "expect.decision"
                        : entry.expect().reasons() == null ? "expect.reasons" : null;
                if (missing != null) {
                    problems.add(new RulesetProblem(path, line, "The scenario needs '" + missing + "'"));
                    continue;
                }
                scenarios.addAll(entry.expand(path, line, files, problems));
            }
        } catch (IOException e) {
            int line = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? json.getLocation().getLineNr() : 0;
            problems.add(new RulesetProblem(path, line, "Not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    /**
     * Scenarios are plain data: a YAML tag ({@code !!java.net.URL}) names a type to build, and anchors with
     * aliases can multiply a small file into a huge one. Both are refused, at their line.
     */
    private static RulesetProblem foreignYaml(String path, String content) {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(content)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                String tag = parser.getTypeId();
                if (tag != null) {
                    return new RulesetProblem(path, line, "a scenario file is plain data and cannot hold YAML tags; "
                            + "found !" + tag);
                }
                if (parser.getObjectId() != null || parser.isCurrentAlias()) {
                    return new RulesetProblem(path, line, "a scenario file cannot use YAML anchors and aliases "
                            + "(& and *): write each value out");
                }
            }
        } catch (IOException e) {
            // Not valid YAML: the reading that follows reports it with its line.
        }
        return null;
    }

    /** The scenario's request as a query under the ruleset, or empty when it is not valid there. */
    static Optional<DecisionQuery> query(Scenario scenario, CompiledRuleset ruleset, Instant now) {
        return query(scenario, ruleset, now, new ArrayList<>());
    }

    private static Optional<DecisionQuery> query(Scenario scenario, CompiledRuleset ruleset, Instant now,
                                                 List<FieldError> errors) {
        Scenario.Request request = scenario.request();
        return QueryCheck.check(request.subject().id(), request.subject().country(),
                request.subject().age(), request.purpose(), request.consent(), request.at(),
                ruleset.reference(), now, errors);
    }

    /** Runs one scenario against a ruleset. */
    public static ScenarioResult run(Scenario scenario, CompiledRuleset ruleset) {
        List<FieldError> errors = new ArrayList<>();
        Optional<DecisionQuery> query = query(scenario, ruleset, Instant.now(), errors);
        if (query.isEmpty()) {
            List<String> failures = errors.stream().map(e -> "request " + e.field() + " " + e.message()).toList();
            return new ScenarioResult(scenario, false, null, List.of(), List.of(), List.of(), failures);
        }
        DecisionCase decided = ruleset.decide(query.get());
        String decision = decided.getEffect().name();
        List<String> reasons = decided.decisiveReasons().stream().map(Reason::code).toList();
        List<String> obligations = decided.decisiveObligations().stream().map(Obligation::code).toList();
        List<String> fired = decided.getRulesFired();
        Scenario.Expectation expect = scenario.expect();
        List<String> failures = new ArrayList<>();
        if (!expect.decision().equals(decision)) {
            failures.add("expected decision " + expect.decision() + " but was " + decision);
        }
        if (!new HashSet<>(expect.reasons()).equals(new HashSet<>(reasons)) || expect.reasons().size() != reasons.size()) {
            failures.add("expected reasons " + expect.reasons() + " but were " + reasons);
        }
        if (expect.obligations() != null && !new HashSet<>(expect.obligations()).equals(new HashSet<>(obligations))) {
            failures.add("expected obligations " + expect.obligations() + " but were " + obligations);
        }
        if (expect.rules() != null) {
            for (String rule : expect.rules()) {
                if (!fired.contains(rule)) {
                    failures.add("expected rule \"" + rule + "\" to fire; fired: " + fired);
                }
            }
        }
        return new ScenarioResult(scenario, failures.isEmpty(), decision, reasons, fired, obligations, failures);
    }

    /** Runs every scenario of the ruleset's own files against it. */
    public static List<ScenarioResult> runAll(CompiledRuleset ruleset, List<RulesetProblem> problems) {
        return read(ruleset.files(), problems).stream().map(s -> run(s, ruleset)).toList();
    }
}
