package io.jurist.web;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.RulesetProblem;
import io.jurist.ruleset.Scenario;
import io.jurist.ruleset.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
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

    private String page(Authentication user, Model model, NewScenario form) {
        List<RulesetProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioRunner.read(workbench.candidate(user.getName()), problems);
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
