package io.jurist.web;

import io.jurist.facts.ConsentModel;
import io.jurist.facts.PurposeStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the table editor shows each column of a reference table: a label and help in plain words
 * instead of the column's name, a dropdown where the values are enumerated, a date picker for dates.
 * The allowed values come from where they are checked: the enums the compiler reads a status and a
 * consent model into ({@link PurposeStatus}, {@link ConsentModel}), and the purposes table of the
 * working copy for a purpose. A dropdown never loses what the file says: a value it does not allow is
 * kept as an option of its own, marked, so that saving the grid writes it back as it was.
 */
final class TableColumns {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** An option of a dropdown: the value written to the file, and what a person reads. */
    record Option(String value, String label) {
    }

    /**
     * One column.
     *
     * @param name    the column's name in the file
     * @param label   its name for people
     * @param help    what goes in it, in a sentence
     * @param options the allowed values of an enumerated column, else empty
     * @param date    true for a date column (a date picker for a date; an instant stays text)
     * @param wide    true for free text that needs room
     */
    record Column(String name, String label, String help, List<Option> options, boolean date, boolean wide) {

        public boolean choice() {
            return !options.isEmpty();
        }

        /**
         * The options to show for a cell holding {@code value}: the allowed ones, and first the value itself
         * when it is not one of them (marked as not allowed, or "choose" for an empty cell).
         */
        public List<Option> optionsFor(String value) {
            if (options.stream().anyMatch(o -> o.value().equals(value))) {
                return options;
            }
            List<Option> shown = new ArrayList<>();
            shown.add(new Option(value, value.isEmpty() ? "(choose)" : value + " (not allowed: choose one)"));
            shown.addAll(options);
            return shown;
        }

        /** True when the cell can be a date picker without changing what it holds: empty, or a valid date. */
        public boolean datePicker(String value) {
            if (!date) {
                return false;
            }
            if (value.isEmpty()) {
                return true;
            }
            if (!DATE.matcher(value).matches()) {
                return false;
            }
            try {
                LocalDate.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    private TableColumns() {
    }

    /** The columns of a table as the editor shows them; {@code purposes} are the purpose codes of the working copy. */
    static List<Column> of(String path, List<String> header, List<String> purposes) {
        List<Column> columns = new ArrayList<>(header.size());
        for (String name : header) {
            columns.add(column(path, name, purposes));
        }
        return columns;
    }

    private static Column column(String path, String name, List<String> purposes) {
        String key = path + "#" + name;
        return switch (key) {
            case "reference/jurisdictions.csv#jurisdiction" -> text(name, "Where",
                    "A country code (BR), a region of the regions table (EEA), or * for every country no other row covers.");
            case "reference/jurisdictions.csv#purpose" -> new Column(name, "Purpose",
                    "What member data is used for; the purposes table lists them.",
                    purposes.stream().map(p -> new Option(p, p)).toList(), false, false);
            case "reference/jurisdictions.csv#status" -> new Column(name, "Status",
                    "Enabled: member data may be used under the consent model. Suspended: no member data is used.",
                    options(PurposeStatus.values(), Map.of("ENABLED", "Enabled", "SUSPENDED", "Suspended")), false, false);
            case "reference/jurisdictions.csv#consent_model" -> new Column(name, "Consent model",
                    "Opt-in: only members who opted in. Opt-out: every member who has not opted out.",
                    options(ConsentModel.values(), Map.of("OPT_IN", "Opt-in", "OPT_OUT", "Opt-out")), false, false);
            case "reference/jurisdictions.csv#since" -> new Column(name, "In force from",
                    "The day (from midnight UTC) the row takes effect; it holds until the next row for the same place "
                            + "and purpose. A row with a time keeps it as text.", List.of(), true, false);
            case "reference/jurisdictions.csv#reference" -> wide(name, "Why (reference)",
                    "The engagement, change or document behind the row.");
            case "reference/regions.csv#region" -> text(name, "Region", "The region's name, in capitals (EEA).");
            case "reference/regions.csv#country" -> text(name, "Country", "A country code of the region (DE).");
            case "reference/purposes.csv#code" -> text(name, "Code", "The purpose's code, in capitals (GENAI_TRAINING).");
            case "reference/purposes.csv#name" -> text(name, "Name", "The purpose's name for people.");
            case "reference/purposes.csv#fides_data_use" -> text(name, "Fides data use",
                    "The data use of the Fides taxonomy it falls under (train_ai_system).");
            case "reference/purposes.csv#description" -> wide(name, "Description", "What the purpose covers, and what not.");
            default -> text(name, name, "");
        };
    }

    private static Column text(String name, String label, String help) {
        return new Column(name, label, help, List.of(), false, false);
    }

    private static Column wide(String name, String label, String help) {
        return new Column(name, label, help, List.of(), false, true);
    }

    private static List<Option> options(Enum<?>[] values, Map<String, String> words) {
        List<Option> options = new ArrayList<>(values.length);
        for (Enum<?> value : values) {
            options.add(new Option(value.name(), words.getOrDefault(value.name(), value.name()) + " (" + value.name() + ")"));
        }
        return options;
    }
}
