package io.jurist.web;

import java.util.ArrayList;
import java.util.List;
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

    @GetMapping
    String edit(@RequestParam(defaultValue = "reference/jurisdictions.csv") String file, Authentication user,
                Model model) {
        Workbench.FileView view = workbench.files(user.getName()).get(file);
        if (view == null || !file.endsWith(".csv")) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND, "No reference table " + file);
        }
        model.addAttribute("file", view);
        model.addAttribute("grid", CsvGrid.parse(view.content()));
        model.addAttribute("tables", workbench.files(user.getName()).keySet().stream()
                .filter(p -> p.endsWith(".csv")).toList());
        model.addAttribute("warnings", workbench.warnings(user.getName(), file));
        model.addAttribute("author", Authors.isAuthor(user));
        return "table";
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
            return edit(file, user, model);
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
            return edit(file, user, model);
        }
        redirect.addFlashAttribute("message", "Draft of " + file + " saved.");
        return "redirect:/editor/table?file=" + UriUtils.encodeQueryParam(file, "UTF-8");
    }
}
