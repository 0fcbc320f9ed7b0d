package io.jurist.web;

import io.jurist.facts.Countries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "Change the policy here": which row of the jurisdiction table (as the author's working copy has it) a
 * country or a board card points at, and the new row that changes a policy from a date. Nothing here
 * saves anything: the table editor shows the row highlighted, or the new row prefilled, and the
 * author saves it.
 */
final class PolicyRows {

    static final String TABLE = "reference/jurisdictions.csv";

    /**
     * Where the editor opens.
     *
     * @param focusLine the line of the row to highlight, or 0
     * @param newRow    the cells of the prefilled new row, or null
     * @param message   what happened, in words
     */
    record Target(int focusLine, List<String> newRow, String message) {
    }

    /** A data row of the table with the line it is on. */
    private record Line(int line, List<String> cells) {
    }

    private final List<String> header;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, String> regionOfCountry;

    private PolicyRows(CsvGrid grid, Map<String, String> regionOfCountry) {
        this.header = grid.header();
        for (int i = 0; i < grid.rows().size(); i++) {
            lines.add(new Line(grid.lines().get(i), grid.rows().get(i)));
        }
        this.regionOfCountry = regionOfCountry;
    }

    /** The jurisdiction table and the regions table's content of the working copy. */
    static PolicyRows of(CsvGrid table, String regions) {
        Map<String, String> regionOf = new HashMap<>();
        CsvGrid grid = CsvGrid.parse(regions == null ? "" : regions);
        int region = grid.header().indexOf("region");
        int country = grid.header().indexOf("country");
        if (region >= 0 && country >= 0) {
            for (List<String> row : grid.rows()) {
                if (row.size() > Math.max(region, country)) {
                    Countries.normalize(row.get(country).strip())
                            .ifPresent(code -> regionOf.putIfAbsent(code, row.get(region).strip()));
                }
            }
        }
        return new PolicyRows(table, regionOf);
    }

    /** A board card's row: the row of a jurisdiction and purpose from a since; with {@code from}, a new row from that date. */
    Optional<Target> row(String jurisdiction, String purpose, String since, LocalDate from) {
        String key = jurisdiction.strip().toUpperCase(Locale.ROOT);
        Optional<Instant> at = instant(since);
        Optional<Line> row = lines.stream()
                .filter(l -> cell(l, "jurisdiction").toUpperCase(Locale.ROOT).equals(key)
                        && cell(l, "purpose").equals(purpose)
                        && (at.isEmpty() || instant(cell(l, "since")).equals(at)))
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String place = key.equals("*") ? "The default row *" : "The " + key + " row";
        if (from != null) {
            return Optional.of(new Target(0, copy(row.get(), key, from), place + " for " + purpose + " (line "
                    + row.get().line() + ") is kept as it is. A new row from " + from + ", prefilled from it, is at the "
                    + "end of the table: decisions about instants before " + from + " keep their answers. Change what "
                    + "should differ, write the reference and save."));
        }
        return Optional.of(new Target(row.get().line(), null, place + " for " + purpose + " from "
                + cell(row.get(), "since") + " is line " + row.get().line() + ", highlighted below. Editing it changes "
                + "every decision it governs, about past days too; to change the policy from a date, add a row from "
                + "that date instead."));
    }

    /**
     * A country's policy for a purpose: its own row in force on {@code from} (today when null) highlighted; or,
     * when it follows a region's row or *, or when {@code from} is given, a new row of its own from that date,
     * prefilled from the row it follows then.
     */
    Target country(String code, String purpose, LocalDate from, LocalDate today) {
        String name = CountryNames.name(code);
        LocalDate day = from == null ? today : from;
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        String region = regionOfCountry.getOrDefault(code, CountryPage.NO_REGION);
        List<Line> own = rowsOf(purpose, l -> Countries.normalize(cell(l, "jurisdiction").strip())
                .filter(code::equals).isPresent()
                && !regionOfCountry.containsValue(cell(l, "jurisdiction").strip().toUpperCase(Locale.ROOT)));
        if (!own.isEmpty()) {
            Line row = inForce(own, at);
            if (from == null) {
                return new Target(row.line(), null, name + " has its own row for " + purpose + " (line " + row.line()
                        + "), highlighted below. Editing it changes every decision it governs, about past days too; to "
                        + "change the policy from a date, add a row from that date instead.");
            }
            return new Target(0, copy(row, code, day), name + "'s row for " + purpose + " (line " + row.line()
                    + ") is kept as it is. A new row for " + name + " from " + day + ", prefilled from it, is at the end "
                    + "of the table: decisions about instants before " + day + " keep their answers. Change what should "
                    + "differ, write the reference and save.");
        }
        List<Line> regional = rowsOf(purpose, l -> cell(l, "jurisdiction").strip().toUpperCase(Locale.ROOT).equals(region));
        List<Line> everywhere = rowsOf(purpose, l -> cell(l, "jurisdiction").strip().equals("*"));
        List<Line> followed = !regional.isEmpty() ? regional : everywhere;
        String source = !regional.isEmpty() ? "the " + region + " row" : "the default row *";
        if (followed.isEmpty()) {
            List<String> cells = blank();
            set(cells, "jurisdiction", code);
            set(cells, "purpose", purpose);
            set(cells, "since", day.toString());
            return new Target(0, cells, "No row covers " + name + " for " + purpose + ". A new row for " + name
                    + " from " + day + " is at the end of the table: fill in the status and consent model, write "
                    + "the reference and save.");
        }
        Line row = inForce(followed, at);
        return new Target(0, copy(row, code, day), name + " has no row of its own for " + purpose + ": it follows "
                + source + " (line " + row.line() + "). A new row for " + name + " from " + day + ", prefilled from "
                + "it, is at the end of the table, so that " + name + " gets its own row; until " + day + " it keeps "
                + "following " + source + ". Change what should differ, write the reference and save.");
    }

    private List<Line> rowsOf(String purpose, java.util.function.Predicate<Line> jurisdiction) {
        return lines.stream().filter(l -> cell(l, "purpose").equals(purpose)).filter(jurisdiction).toList();
    }

    /** The row in force at an instant: the latest since at or before it, or before them all the first. */
    private Line inForce(List<Line> rows, Instant at) {
        Line best = null;
        Instant bestSince = null;
        Line first = null;
        Instant firstSince = null;
        for (Line row : rows) {
            Optional<Instant> since = instant(cell(row, "since"));
            if (since.isEmpty()) {
                continue;
            }
            if (firstSince == null || since.get().isBefore(firstSince)) {
                first = row;
                firstSince = since.get();
            }
            if (!since.get().isAfter(at) && (bestSince == null || since.get().isAfter(bestSince))) {
                best = row;
                bestSince = since.get();
            }
        }
        return best != null ? best : first != null ? first : rows.get(0);
    }

    private List<String> copy(Line row, String jurisdiction, LocalDate from) {
        List<String> cells = new ArrayList<>(row.cells());
        while (cells.size() < header.size()) {
            cells.add("");
        }
        set(cells, "jurisdiction", jurisdiction);
        set(cells, "since", from.toString());
        set(cells, "reference", "");
        return cells;
    }

    private List<String> blank() {
        List<String> cells = new ArrayList<>();
        header.forEach(h -> cells.add(""));
        return cells;
    }

    private void set(List<String> cells, String column, String value) {
        int index = header.indexOf(column);
        if (index >= 0) {
            cells.set(index, value);
        }
    }

    private String cell(Line line, String column) {
        int index = header.indexOf(column);
        return index >= 0 && index < line.cells().size() ? line.cells().get(index) : "";
    }

    /** A since cell as an instant (a date is midnight UTC). */
    static Optional<Instant> instant(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
