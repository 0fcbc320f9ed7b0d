package io.jurist.web;

import io.jurist.facts.Countries;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Countries by their English short names, for people who search for "Brazil" rather than "BR". The
 * names are the JDK's English display names of the ISO 3166-1 codes the service accepts (the Unicode
 * CLDR's short names, which the JDK ships): the same source as the codes themselves
 * ({@link Locale#getISOCountries}), so no second list has to be kept in step with them, and the
 * common names people type ("Bolivia" rather than ISO's "Bolivia (Plurinational State of)").
 * Matching ignores case, accents and punctuation: "cote d'ivoire", "Côte d’Ivoire" and "CI" find the same,
 * and also accepts the names in a few more languages the legal teams use (see {@link #search}).
 */
final class CountryNames {

    private static final Map<String, String> NAMES = new TreeMap<>();

    /** The languages whose names a search also matches ("Brésil", "Brasil", "Deutschland"); pages show English. */
    private static final List<Locale> SEARCHED = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN,
            new Locale("es"), new Locale("pt"));

    /** code -> the folded names it is searched by. */
    private static final Map<String, List<String>> FOLDED = new TreeMap<>();

    static {
        for (String code : Countries.assigned()) {
            Locale country = new Locale("", code);
            NAMES.put(code, country.getDisplayCountry(Locale.ENGLISH));
            FOLDED.put(code, SEARCHED.stream().map(l -> fold(country.getDisplayCountry(l))).distinct().toList());
        }
    }

    private CountryNames() {
    }

    /** The English name of an assigned code, or the code itself when the JDK has no name for it. */
    static String name(String code) {
        return NAMES.getOrDefault(code, code);
    }

    /** Every assigned code with its English name, by code. */
    static Map<String, String> all() {
        return NAMES;
    }

    /**
     * The countries a query names: a code or alias (BR, br, UK), or a name or part of one, in English
     * or in French, German, Spanish or Portuguese (brazil, Brésil, bresil, Brasil). One exact name or code gives that country alone;
     * otherwise every country whose name contains the query, by name. Fewer than three letters only
     * ever match a code.
     */
    static List<String> search(String query) {
        Optional<String> exact = exact(query);
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        String folded = fold(query == null ? "" : query);
        if (folded.length() < 3) {
            return List.of();
        }
        List<String> matches = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : FOLDED.entrySet()) {
            if (entry.getValue().stream().anyMatch(name -> name.contains(folded))) {
                matches.add(entry.getKey());
            }
        }
        matches.sort((a, b) -> name(a).compareTo(name(b)));
        return matches;
    }

    /** The country a query names exactly: its code or alias, or one of its names (case, accents and punctuation aside). */
    static Optional<String> exact(String query) {
        String q = query == null ? "" : query.strip();
        Optional<String> code = Countries.normalize(q);
        if (code.isPresent()) {
            return code;
        }
        String folded = fold(q);
        for (Map.Entry<String, List<String>> entry : FOLDED.entrySet()) {
            if (entry.getValue().contains(folded)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Lower case, without accents, with every run of other characters than letters and digits one space. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
