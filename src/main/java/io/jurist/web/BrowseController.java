package io.jurist.web;

import io.jurist.facts.Countries;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Reading the rules as the service sees them: files, rules with their basis, and the jurisdiction table. */
@Controller
class BrowseController {

    private final ActiveRuleset active;
    private final JurisdictionBoard board;

    BrowseController(ActiveRuleset active, JurisdictionBoard board) {
        this.active = active;
        this.board = board;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/rules";
    }

    /** A rule and the text it consists of, which a search for a reason code looks in. */
    record RuleView(RuleInfo info, String text) {
    }

    /** Rules, files and table rows; {@code q} matches a rule's name or text (reason codes) or a country. */
    @GetMapping("/rules")
    String rules(@RequestParam(defaultValue = "") String q, Model model) {
        CompiledRuleset served = active.current();
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<RuleView> rules = served.rules().stream()
                .map(rule -> new RuleView(rule, ruleText(served.files().files().get(rule.file()), rule.line())))
                .filter(rule -> query.isEmpty() || rule.info().name().toLowerCase(Locale.ROOT).contains(query)
                        || rule.text().toLowerCase(Locale.ROOT).contains(query))
                .toList();
        Optional<String> country = query.length() == 2 ? Countries.normalize(query) : Optional.empty();
        List<JurisdictionBoard.Row> rows = board.rows(served).stream()
                .filter(row -> query.isEmpty() || country.map(row.countries()::contains).orElse(false)
                        || row.jurisdiction().toLowerCase(Locale.ROOT).contains(query)
                        || row.reference().toLowerCase(Locale.ROOT).contains(query))
                .toList();
        model.addAttribute("q", q);
        model.addAttribute("version", served.version());
        model.addAttribute("revision", served.revision());
        model.addAttribute("files", served.files().files().keySet());
        model.addAttribute("rules", rules);
        model.addAttribute("rows", rows);
        model.addAttribute("country", country.orElse(null));
        model.addAttribute("countryPolicies", country.map(c -> served.reference().policies(c).values())
                .orElse(null));
        model.addAttribute("countryRegion", country.map(c -> served.reference().regionOf(c)).orElse(null));
        return "rules";
    }

    @GetMapping("/board")
    String board(Model model) {
        CompiledRuleset served = active.current();
        model.addAttribute("version", served.version());
        model.addAttribute("rows", board.rows(served));
        model.addAttribute("purposes", served.reference().purposes().values());
        return "board";
    }

    /** The text of the rule starting at a line, up to its {@code end}. */
    static String ruleText(String content, int line) {
        if (content == null || line < 1) {
            return "";
        }
        String[] lines = content.split("\n", -1);
        StringBuilder text = new StringBuilder();
        for (int i = line - 1; i < lines.length; i++) {
            text.append(lines[i]).append('\n');
            if (lines[i].strip().equals("end")) {
                break;
            }
        }
        return text.toString();
    }
}
