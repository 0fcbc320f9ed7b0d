package io.jurist.web;

import io.jurist.facts.Countries;
import io.jurist.ruleset.Validation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** The reference tables (CSV) edited as tables: one input per cell, rows added and removed. */
@Controller
@RequestMapping("/editor/table")
class TableController {

    private final Workbench workbench;

    TableController(Workbench workbench) {
        this.workbench = workbench;
    }

    /**
     * A table as a grid. For the jurisdiction table, {@code country} and {@code purpose} (the country page's
     * "Change the policy here") or {@code jurisdiction}, {@code purpose} and {@code since} (a board card's)
     * open it at the right row, or with a new row prefilled; {@code from} asks for a new row from that date;
     * {@code focus} highlights a line (the error links). Nothing is saved until the author saves.
     */
    @GetMapping
    String edit(@RequestParam(defaultValue = "reference/jurisdictions.csv") String file,
                @RequestParam(required = false) String country, @RequestParam(required = false) String purpose,
                @RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String since,
                @RequestParam(required = false) String from, @RequestParam(required = false) Integer focus,
                Authentication user, Model model) {
        Map<String, Workbench.FileView> files = workbench.files(user.getName());
        Workbench.FileView view = files.get(file);
        if (view == null || !file.endsWith(".csv")) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND, "No reference table " + file);
        }
        CsvGrid grid = CsvGrid.parse(view.content());
        List<String> newRow = new ArrayList<>(grid.header().stream().map(h -> "").toList());
        int focusLine = focus == null ? 0 : focus;
        if (file.equals(PolicyRows.TABLE) && grid.representable() && purpose != null) {
            LocalDate day = date(from);
            PolicyRows rows = PolicyRows.of(grid, files.containsKey(REGIONS) ? files.get(REGIONS).content() : "");
            Optional<String> code = country == null ? Optional.empty() : Countries.normalize(country.strip());
            Optional<PolicyRows.Target> target = code.map(c -> rows.country(c, purpose, day, LocalDate.now(ZoneOffset.UTC)))
                    .or(() -> jurisdiction == null ? Optional.empty() : rows.row(jurisdiction, purpose, since, day));
            if (target.isPresent()) {
                focusLine = target.get().focusLine();
                if (target.get().newRow() != null) {
                    newRow = target.get().newRow();
                }
                model.addAttribute("target", target.get());
                model.addAttribute("targetCountry", code.orElse(null));
                model.addAttribute("targetJurisdiction", code.isPresent() ? null : jurisdiction);
                model.addAttribute("targetPurpose", purpose);
                model.addAttribute("targetSince", since);
                model.addAttribute("targetFrom", day == null ? LocalDate.now(ZoneOffset.UTC).toString() : day.toString());
            }
        }
        model.addAttribute("file", view);
        model.addAttribute("grid", grid);
        model.addAttribute("columns", TableColumns.of(file, grid.header(), purposes(files)));
        model.addAttribute("newRow", newRow);
        model.addAttribute("focusLine", focusLine);
        model.addAttribute("countryNames", file.equals(PolicyRows.TABLE) ? CountryNames.all() : Map.of());
        model.addAttribute("tables", files.keySet().stream().filter(p -> p.endsWith(".csv")).toList());
        model.addAttribute("warnings", workbench.warnings(user.getName(), file));
        model.addAttribute("author", Authors.isAuthor(user));
        Object validation = model.getAttribute("validation");
        if (validation instanceof Validation checked) {
            model.addAttribute("cellProblems", CellProblems.of(file, grid, checked.problems()));
        } else {
            model.addAttribute("cellProblems", CellProblems.of(file, grid, List.of()));
        }
        return "table";
    }

    private static final String REGIONS = "reference/regions.csv";

    /** The purpose codes of the working copy's purposes table, which the compiler checks a purpose against. */
    private static List<String> purposes(Map<String, Workbench.FileView> files) {
        Workbench.FileView purposes = files.get("reference/purposes.csv");
        if (purposes == null) {
            return List.of();
        }
        CsvGrid grid = CsvGrid.parse(purposes.content());
        int code = grid.header().indexOf("code");
        return code < 0 ? List.of() : grid.rows().stream().filter(r -> r.size() > code).map(r -> r.get(code).strip())
                .filter(c -> !c.isEmpty()).distinct().toList();
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "from must be a date such as 2026-12-02");
        }
    }

    /**
     * Saves the grid as the file's draft. Cells arrive as c0..cN, one value per row in row order;
     * a row whose index is in {@code remove} is dropped and an all-blank row is ignored. Rows whose
     * cells did not change are written back exactly as they were. A table with a row the grid cannot
     * show is never saved from the grid: it must be corrected as text first.
     */
    @PostMapping
    String save(@RequestParam MultiValueMap<String, String> form, Authentication user, Model model,
                RedirectAttributes redirect) {
        String author = Authors.require(user);
        String file = form.getFirst("file");
        if (file == null || !file.endsWith(".csv")) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "Name the table to save");
        }
        EditorController.requireKnownPath(file);
        Workbench.FileView current = workbench.files(author).get(file);
        CsvGrid before = CsvGrid.parse(current == null ? "" : current.content());
        if (!before.representable()) {
            model.addAttribute("notSaved", true);
            return edit(file, null, null, null, null, null, null, user, model);
        }
        List<String> header = before.header();
        List<String> remove = form.getOrDefault("remove", List.of());
        int existing = before.rows().size();
        int count = form.getOrDefault("c0", List.of()).size();
        List<List<String>> edited = new ArrayList<>();
        List<List<String>> added = new ArrayList<>();
        for (int r = 0; r < Math.max(count, existing); r++) {
            List<String> row = new ArrayList<>();
            boolean blank = true;
            for (int c = 0; c < header.size(); c++) {
                List<String> column = form.getOrDefault("c" + c, List.of());
                String cell = r < column.size() ? column.get(r) : "";
                blank &= cell.isBlank();
                row.add(cell);
            }
            boolean kept = !blank && !remove.contains(String.valueOf(r));
            if (r < existing) {
                edited.add(kept ? row : null);
            } else if (kept) {
                added.add(row);
            }
        }
        workbench.save(author, file, before.format(edited, added), form.getFirst("baseRevision"));
        if ("validate".equals(form.getFirst("action"))) {
            model.addAttribute("validation", workbench.validate(author));
            return edit(file, null, null, null, null, null, null, user, model);
        }
        redirect.addFlashAttribute("message", "Draft of " + file + " saved.");
        return "redirect:/editor/table?file=" + UriUtils.encodeQueryParam(file, "UTF-8");
    }
}
