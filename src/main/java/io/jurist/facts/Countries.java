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

    /**
     * The assigned alpha-2 code for the given code or alias, any case; empty when there is none. Only two
     * ASCII letters are a code: no spaces around it, and no letter that merely upper-cases to one (the
     * dotless {@code ı} to {@code I}, the long {@code ſ} to {@code S}), so what is accepted is what was sent.
     */
    public static Optional<String> normalize(String code) {
        if (code == null || code.length() != 2 || !asciiLetter(code.charAt(0)) || !asciiLetter(code.charAt(1))) {
            return Optional.empty();
        }
        String upper = code.toUpperCase(Locale.ROOT);
        String canonical = ALIASES.getOrDefault(upper, upper);
        return ASSIGNED.contains(canonical) ? Optional.of(canonical) : Optional.empty();
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Every assigned alpha-2 code, sorted. */
    public static Set<String> assigned() {
        return new TreeSet<>(ASSIGNED);
    }
}
