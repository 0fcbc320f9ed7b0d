package io.jurist.web;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RuleInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
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

    /**
     * Rules, files and table rows; {@code q} matches a rule's name or text (reason codes), or names a country
     * by code or name (BR, brazil, Brésil), which shows the country's policies in words.
     */
    @GetMapping("/rules")
    String rules(@RequestParam(defaultValue = "") String q, Authentication user, Model model) {
        CompiledRuleset served = active.current();
        String query = q.strip().toLowerCase(Locale.ROOT);
        // Only a code or a whole name opens a country's page; a part of a name lists the countries it matches.
        Optional<String> country = query.isEmpty() ? Optional.empty() : CountryNames.exact(q);
        List<String> countries = query.isEmpty() || country.isPresent() ? List.of() : CountryNames.search(q);
        List<RuleView> all = served.rules().stream()
                .map(rule -> new RuleView(rule, ruleText(served.files().files().get(rule.file()), rule.line())))
                .toList();
        // No rule names a country: all of them decide for it, reading its policy from the table.
        List<RuleView> rules = country.isPresent() ? all : all.stream()
                .filter(rule -> query.isEmpty() || rule.info().name().toLowerCase(Locale.ROOT).contains(query)
                        || rule.text().toLowerCase(Locale.ROOT).contains(query))
                .toList();
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
        model.addAttribute("allRules", all.size());
        model.addAttribute("rows", rows);
        model.addAttribute("country", country.map(c -> CountryPage.of(c, served.reference(), Instant.now()))
                .orElse(null));
        model.addAttribute("countryMatches", countries.stream()
                .map(c -> Map.entry(c, CountryNames.name(c))).toList());
        model.addAttribute("author", Authors.isAuthor(user));
        return "rules";
    }

    @GetMapping("/board")
    String board(Authentication user, Model model) {
        model.addAttribute("author", Authors.isAuthor(user));
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
