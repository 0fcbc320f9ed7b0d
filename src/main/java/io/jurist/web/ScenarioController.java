package io.jurist.web;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.RulesetProblem;
import io.jurist.ruleset.Scenario;
import io.jurist.ruleset.ScenarioRunner;
import io.jurist.ruleset.Validation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The scenarios of the working copy: listed, run against the draft, and added through a form. */
@Controller
@RequestMapping("/editor/scenarios")
class ScenarioController {

    private final Workbench workbench;
    private final ActiveRuleset active;

    ScenarioController(Workbench workbench, ActiveRuleset active) {
        this.workbench = workbench;
        this.active = active;
    }

    /** Lists every scenario, as written; nothing is run. */
    @GetMapping
    String list(Authentication user, Model model) {
        return page(user, model, null);
    }

    /** Runs every scenario against the author's draft: a POST with the CSRF token, since it runs the draft's rules. */
    @PostMapping("/run")
    String run(Authentication user, Model model) {
        model.addAttribute("validation", workbench.validate(Authors.require(user)));
        return page(user, model, null);
    }

    /** Appends the scenario to its file's draft; with {@code action=run}, runs every scenario afterwards. */
    @PostMapping
    String add(@ModelAttribute NewScenario scenario, @RequestParam(defaultValue = "add") String action,
               Authentication user, Model model, RedirectAttributes redirect) {
        String author = Authors.require(user);
        List<String> problems = scenario.problems();
        Workbench.FileView file = scenario.file() == null ? null : workbench.files(author).get(scenario.file());
        if (problems.isEmpty() && file == null) {
            problems = List.of("There is no scenario file " + scenario.file() + ".");
        }
        if (!problems.isEmpty()) {
            model.addAttribute("formProblems", problems);
            return page(user, model, scenario);
        }
        String content = file.content().endsWith("\n") ? file.content() : file.content() + "\n";
        workbench.save(author, file.path(), content + scenario.toYaml(), file.baseRevision());
        if ("run".equals(action)) {
            model.addAttribute("validation", workbench.validate(author));
            model.addAttribute("message", "Scenario added to " + file.path() + ".");
            return page(user, model, null);
        }
        redirect.addFlashAttribute("message", "Scenario added to " + file.path() + ".");
        return "redirect:/editor/scenarios";
    }

    /** The form filled with one scenario as written, to change or remove it. */
    @GetMapping("/edit")
    String edit(@RequestParam String file, @RequestParam int line, Authentication user, Model model) {
        Scenario scenario = find(user.getName(), file, line);
        if (scenario == null) {
            model.addAttribute("formProblems", List.of("There is no scenario at " + file + ":" + line
                    + " any more; choose it again from the list."));
            return page(user, model, null);
        }
        model.addAttribute("editing", new Editing(line, scenario.name()));
        return page(user, model, NewScenario.of(scenario));
    }

    /** What is being changed: the entry's line and its name when the form was opened, to notice a file that moved. */
    record Editing(int line, String originalName) {
    }

    /**
     * Writes a changed scenario over its entry, or removes the entry ({@code action=remove}), in the file's
     * draft: every other entry and comment stays as written. With {@code action=run}, runs every scenario after.
     */
    @PostMapping("/edit")
    String change(@ModelAttribute NewScenario scenario, @RequestParam int line, @RequestParam String originalName,
                  @RequestParam(defaultValue = "save") String action, Authentication user, Model model,
                  RedirectAttributes redirect) {
        String author = Authors.require(user);
        Workbench.FileView file = scenario.file() == null ? null : workbench.files(author).get(scenario.file());
        Scenario existing = file == null ? null : find(author, file.path(), line);
        if (existing == null || !existing.name().equals(originalName)) {
            model.addAttribute("formProblems", List.of("The scenario \"" + originalName + "\" is no longer at "
                    + scenario.file() + ":" + line + " (the file changed since you opened it); choose it again from the list."));
            return page(user, model, null);
        }
        String content;
        String message;
        if ("remove".equals(action)) {
            content = ScenarioEntries.remove(file.content(), line);
            message = "Scenario \"" + originalName + "\" removed from " + file.path() + ".";
        } else {
            List<String> problems = scenario.problems();
            if (!problems.isEmpty()) {
                model.addAttribute("formProblems", problems);
                model.addAttribute("editing", new Editing(line, originalName));
                return page(user, model, scenario);
            }
            content = ScenarioEntries.replace(file.content(), line, scenario.toYaml().substring(1));
            message = "Scenario \"" + scenario.name().strip() + "\" changed in " + file.path() + ".";
        }
        workbench.save(author, file.path(), content, file.baseRevision());
        if ("run".equals(action)) {
            model.addAttribute("validation", workbench.validate(author));
            model.addAttribute("message", message);
            return page(user, model, null);
        }
        redirect.addFlashAttribute("message", message);
        return "redirect:/editor/scenarios";
    }

    private Scenario find(String author, String file, int line) {
        return ScenarioRunner.read(workbench.candidate(author), new ArrayList<>()).stream()
                .filter(s -> s.file().equals(file) && s.line() == line).findFirst().orElse(null);
    }

    private String page(Authentication user, Model model, NewScenario form) {
        List<RulesetProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>(ScenarioRunner.read(workbench.candidate(user.getName()), problems));
        if (model.getAttribute("validation") instanceof Validation validation) {
            // Failing scenarios first, each with its result.
            Map<String, Boolean> passed = new HashMap<>();
            validation.scenarios().forEach(r -> passed.put(r.scenario().file() + ":" + r.scenario().line(), r.passed()));
            scenarios.sort(Comparator.comparing(s -> passed.getOrDefault(s.file() + ":" + s.line(), true)));
            model.addAttribute("passed", passed);
        }
        model.addAttribute("reasonMeanings", ReasonGlossary.of(workbench.candidate(user.getName())));
        model.addAttribute("scenarios", scenarios);
        model.addAttribute("readProblems", problems);
        model.addAttribute("scenarioFiles", workbench.files(user.getName()).keySet().stream()
                .filter(p -> p.startsWith("scenarios/") && p.endsWith(".yaml")).toList());
        model.addAttribute("purposes", active.current().reference().purposes().keySet());
        model.addAttribute("form", form != null ? form : new NewScenario(null, "", "", "", "GENAI_TRAINING",
                "NOT_SET", "2025-06-01T00:00:00Z", "PERMIT", "", ""));
        model.addAttribute("author", Authors.isAuthor(user));
        return "scenarios";
    }
}
