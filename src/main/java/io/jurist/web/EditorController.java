package io.jurist.web;

import io.jurist.api.ApiException;
import io.jurist.ruleset.RulesetChanges;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** The DRL and scenario editor: load a file of the working copy, save it as a draft, validate, submit. */
@Controller
@RequestMapping("/editor")
class EditorController {

    private final Workbench workbench;

    EditorController(Workbench workbench) {
        this.workbench = workbench;
    }

    @GetMapping
    String edit(@RequestParam(required = false) String file, Authentication user, Model model) {
        return page(file, user, model);
    }

    /** Saves the file and, when asked, validates the whole working copy, showing errors at their lines. */
    @PostMapping("/save")
    String save(@RequestParam String file, @RequestParam String content,
                @RequestParam(required = false) String baseRevision,
                @RequestParam(defaultValue = "save") String action, Authentication user, Model model,
                RedirectAttributes redirect) {
        String author = Authors.require(user);
        requireKnownPath(file);
        workbench.save(author, file, content, baseRevision);
        if ("validate".equals(action)) {
            model.addAttribute("validation", workbench.validate(author));
            model.addAttribute("reasonMeanings", ReasonGlossary.of(workbench.candidate(author)));
            return page(file, user, model);
        }
        redirect.addFlashAttribute("message", "Draft of " + file + " saved.");
        return "redirect:/editor?file=" + UriUtils.encodeQueryParam(file, "UTF-8");
    }

    /**
     * Discarding is two steps: the first post shows what would be lost and asks; only a second post with
     * {@code confirm=yes} from that page discards. No script is needed for either.
     */
    @PostMapping("/discard")
    String discard(@RequestParam String file, @RequestParam(defaultValue = "") String confirm, Authentication user,
                   Model model, RedirectAttributes redirect) {
        String author = Authors.require(user);
        requireKnownPath(file);
        if (!"yes".equals(confirm)) {
            Workbench.FileView draft = workbench.files(author).get(file);
            model.addAttribute("path", file);
            model.addAttribute("fileChanges", workbench.changesInWords(author).stream()
                    .filter(c -> c.path().equals(file)).toList());
            model.addAttribute("hasDraft", draft != null && draft.edited());
            return "discard";
        }
        workbench.discard(author, file);
        redirect.addFlashAttribute("message", "Your draft of " + file + " was discarded.");
        return "redirect:/editor?file=" + UriUtils.encodeQueryParam(file, "UTF-8");
    }

    /**
     * The changed files, with a button that checks them. A plain GET compiles and runs nothing: checking a
     * draft runs its rules, so it takes a POST with the CSRF token.
     */
    @GetMapping("/review")
    String review(Authentication user, Model model) {
        String author = Authors.require(user);
        model.addAttribute("changes", workbench.changes(author).keySet());
        model.addAttribute("fileChanges", workbench.changesInWords(author));
        return "review";
    }

    /** The last check before submitting: errors, scenarios, impact and the approvals it will need. */
    @PostMapping("/review")
    String check(Authentication user, Model model) {
        String author = Authors.require(user);
        Map<String, String> changes = workbench.changes(author);
        model.addAttribute("changes", changes.keySet());
        model.addAttribute("fileChanges", workbench.changesInWords(author));
        if (!changes.isEmpty()) {
            model.addAttribute("validation", workbench.validate(author));
            model.addAttribute("reasonMeanings", ReasonGlossary.of(workbench.candidate(author)));
        }
        return "review";
    }

    @PostMapping("/submit")
    String submit(@RequestParam(defaultValue = "") String summary, Authentication user, Model model) {
        String author = Authors.require(user);
        if (summary.isBlank() || summary.length() > 4000) {
            model.addAttribute("error", "Say what changes and why (at most 4000 characters).");
            return check(user, model);
        }
        try {
            RulesetChanges.Proposed proposed = workbench.submit(author, summary.strip());
            return "redirect:/proposals/" + proposed.version();
        } catch (ApiException e) {
            model.addAttribute("error", e.title() + ": " + e.getMessage());
            model.addAttribute("summary", summary);
            return check(user, model);
        }
    }

    private String page(String file, Authentication user, Model model) {
        String author = user.getName();
        Map<String, Workbench.FileView> files = workbench.files(author);
        String path = file != null && files.containsKey(file) ? file
                : files.keySet().stream().filter(p -> p.endsWith(".drl")).findFirst().orElseThrow();
        model.addAttribute("files", files.values());
        model.addAttribute("file", files.get(path));
        model.addAttribute("mode", path.endsWith(".drl") ? "text/x-drl" : path.endsWith(".yaml") ? "yaml" : "text/plain");
        model.addAttribute("warnings", workbench.warnings(author, path));
        model.addAttribute("changedCount", workbench.changes(author).size());
        model.addAttribute("author", Authors.isAuthor(user));
        return "editor";
    }

    static void requireKnownPath(String path) {
        if (path.length() > 256 || !path.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(drl|csv|yaml|yml|md)")) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Not a rule file",
                    "'" + path + "' is not a path under rules/ such as consent/ConsentModels.drl.");
        }
    }
}
