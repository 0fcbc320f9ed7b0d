package io.jurist.facts;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** ISO 3166-1 alpha-2 country codes as the service accepts them, with the aliases UK and EL. */
public final class Countries {

    private static final Set<String> ASSIGNED =
            Set.copyOf(new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2)));

    private static final Map<String, String> ALIASES = Map.of("UK", "GB", "EL", "GR");

    private Countries() {
    }

    /** The assigned alpha-2 code for the given code or alias, any case; empty when there is none. */
    public static Optional<String> normalize(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        if (upper.length() != 2) {
            return Optional.empty();
        }
        String canonical = ALIASES.getOrDefault(upper, upper);
        return ASSIGNED.contains(canonical) ? Optional.of(canonical) : Optional.empty();
    }

    /** Every assigned alpha-2 code, sorted. */
    public static Set<String> assigned() {
        return new TreeSet<>(ASSIGNED);
    }
}
