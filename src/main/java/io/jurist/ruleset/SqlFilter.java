package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.Effect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A policy snapshot at one instant as a SQL condition over a members table: the WHERE clause that selects
 * exactly the members the rules PERMIT then, and for each obligation the clause of the permitted members it
 * binds.
 *
 * <p>The clause is built only from the snapshot's own values (assigned country codes, consent names, whole
 * ages) and from column names that passed {@link #COLUMN}; the column names are quoted as the dialect quotes
 * identifiers, so nothing a request sends reaches the SQL unchecked. A member whose consent column is NULL
 * has no setting (NOT_SET); whose age column is NULL, an unknown age. Country codes are matched as stored:
 * store the canonical upper-case code (GB, GR), not an alias.
 */
final class SqlFilter {

    /** A column name the filter accepts: a plain identifier. */
    public static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern LITERAL = Pattern.compile("[A-Z][A-Z_]*");

    /** Where the clause runs: identifiers are quoted differently. */
    public enum Dialect {
        POSTGRESQL, SPARK;

        String identifier(String name) {
            if (!COLUMN.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain column name: " + name);
            }
            return this == POSTGRESQL ? "\"" + name + "\"" : "`" + name + "`";
        }

        /** The dialect named, any case, or null. */
        public static Dialect named(String name) {
            for (Dialect dialect : values()) {
                if (dialect.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return dialect;
                }
            }
            return null;
        }
    }

    /**
     * The names of the members table's columns.
     *
     * @param country the assigned ISO 3166-1 alpha-2 code, upper case
     * @param age     the age in whole years, NULL when unknown
     * @param consent OPTED_IN, OPTED_OUT, NOT_SET, or NULL (not set)
     */
    public record Columns(String country, String age, String consent) {
    }

    /**
     * What the rules ask of the members an obligation binds.
     *
     * @param code        the obligation's code
     * @param description what it asks
     * @param where       the members it binds: permitted members only
     */
    public record ObligationFilter(String code, String description, String where) {
    }

    /**
     * The filter.
     *
     * @param where       selects exactly the permitted members
     * @param obligations each obligation a permit then carries, with the members it binds
     */
    public record Filter(String where, List<ObligationFilter> obligations) {
    }

    private SqlFilter() {
    }

    /** The filter of the snapshot at the instant. */
    public static Filter of(PolicySnapshot snapshot, Instant at, Dialect dialect, Columns columns) {
        List<PolicySnapshot.Row> permitted = snapshot.rows().stream()
                .filter(row -> row.decision() == Effect.PERMIT && !at.isBefore(row.from()) && at.isBefore(row.to()))
                .toList();
        Names names = new Names(dialect.identifier(columns.country()), dialect.identifier(columns.age()),
                dialect.identifier(columns.consent()));
        Map<PolicySnapshot.SnapshotObligation, Boolean> obligations = new LinkedHashMap<>();
        permitted.stream().flatMap(row -> row.obligations().stream()).sorted(
                java.util.Comparator.comparing(PolicySnapshot.SnapshotObligation::code))
                .forEach(o -> obligations.put(o, true));
        List<ObligationFilter> bound = new ArrayList<>();
        for (PolicySnapshot.SnapshotObligation obligation : obligations.keySet()) {
            bound.add(new ObligationFilter(obligation.code(), obligation.description(),
                    where(permitted, row -> row.obligations().contains(obligation), names)));
        }
        return new Filter(where(permitted, row -> true, names), bound);
    }

    private record Names(String country, String age, String consent) {
    }

    /** The clause selecting the classes of the rows that pass the test: countries grouped by the same condition. */
    private static String where(List<PolicySnapshot.Row> rows, Predicate<PolicySnapshot.Row> test, Names names) {
        // country -> consent -> the age ranges, as a condition
        Map<String, Map<Consent, List<PolicySnapshot.Row>>> byCountry = new TreeMap<>();
        for (PolicySnapshot.Row row : rows) {
            if (test.test(row)) {
                byCountry.computeIfAbsent(row.country(), c -> new TreeMap<>())
                        .computeIfAbsent(row.consent(), c -> new ArrayList<>()).add(row);
            }
        }
        Map<String, List<String>> countriesByCondition = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Consent, List<PolicySnapshot.Row>>> country : byCountry.entrySet()) {
            Map<String, List<Consent>> consentsByAges = new LinkedHashMap<>();
            for (Map.Entry<Consent, List<PolicySnapshot.Row>> consent : country.getValue().entrySet()) {
                consentsByAges.computeIfAbsent(ages(consent.getValue(), names.age()), a -> new ArrayList<>())
                        .add(consent.getKey());
            }
            List<String> parts = new ArrayList<>();
            consentsByAges.forEach((ages, consents) -> parts.add(
                    "(" + consents(consents, names.consent()) + ") AND (" + ages + ")"));
            String condition = parts.size() == 1 ? parts.get(0) : "(" + String.join(") OR (", parts) + ")";
            countriesByCondition.computeIfAbsent(condition, c -> new ArrayList<>()).add(country.getKey());
        }
        if (countriesByCondition.isEmpty()) {
            return "FALSE";
        }
        List<String> clauses = new ArrayList<>();
        countriesByCondition.forEach((condition, countries) -> clauses.add("(" + names.country()
                + (countries.size() == 1 ? " = " + literal(countries.get(0)) : " IN (" + String.join(", ",
                countries.stream().map(SqlFilter::literal).toList()) + ")") + " AND (" + condition + "))"));
        return String.join("\n OR ", clauses);
    }

    /** The ages of the rows (one country and consent), adjacent ranges joined. */
    private static String ages(List<PolicySnapshot.Row> rows, String column) {
        boolean unknown = false;
        TreeMap<Integer, Integer> ranges = new TreeMap<>();
        for (PolicySnapshot.Row row : rows) {
            if (row.ageMin() == null) {
                unknown = true;
            } else {
                ranges.merge(row.ageMin(), row.ageMax(), Math::max);
            }
        }
        List<String> parts = new ArrayList<>();
        if (unknown) {
            parts.add(column + " IS NULL");
        }
        Integer from = null;
        Integer to = null;
        for (Map.Entry<Integer, Integer> range : ranges.entrySet()) {
            if (to != null && range.getKey() <= to) {
                to = Math.max(to, range.getValue());
                continue;
            }
            if (from != null) {
                parts.add(range(column, from, to));
            }
            from = range.getKey();
            to = range.getValue();
        }
        if (from != null) {
            parts.add(range(column, from, to));
        }
        return String.join(" OR ", parts);
    }

    private static String range(String column, int from, int to) {
        return to == from + 1 ? column + " = " + from : "(" + column + " >= " + from + " AND " + column + " < " + to + ")";
    }

    private static String consents(List<Consent> consents, String column) {
        List<String> parts = new ArrayList<>();
        parts.add(consents.size() == 1 ? column + " = " + literal(consents.get(0).name())
                : column + " IN (" + String.join(", ", consents.stream().map(c -> literal(c.name())).toList()) + ")");
        if (consents.contains(Consent.NOT_SET)) {
            parts.add(column + " IS NULL");
        }
        return String.join(" OR ", parts);
    }

    /** A string literal of a code the snapshot itself holds; anything else is refused, never quoted. */
    private static String literal(String value) {
        if (!LITERAL.matcher(value).matches()) {
            throw new IllegalStateException("Not a code: " + value);
        }
        return "'" + value + "'";
    }
}
