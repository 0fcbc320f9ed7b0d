package io.jurist.ruleset;

import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.JurisdictionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;

/**
 * A memoised version's input classes as numbers, for a batch's request thread: the class of a checked query is one
 * {@code long} computed without allocating (country and purpose as their places in the version's reference data, the
 * governing policy row as its place in the country's timeline for the purpose), and {@link Seen} keeps the decided
 * case of each class a batch met. A code stands for exactly the class {@link DecisionMemo} keys ({@link CompiledRuleset}
 * says what a class is): country, purpose, consent, the age's class, the governing row, and the instant before, at or
 * after that row's {@code since}. Country and purpose can be looked up from a line's bytes, so a batch line of a
 * known country and purpose needs no text of them made.
 */
public final class ClassCodes {

    /** Every assigned country code, sorted: a country's number is its place here. */
    private static final String[] COUNTRIES = Countries.assigned().toArray(String[]::new);
    /** Two ASCII letters ({@code first << 7 | second}) to the number of the country they name, or -1. */
    private static final short[] COUNTRY_OF_LETTERS = new short[128 * 128];

    static {
        Arrays.fill(COUNTRY_OF_LETTERS, (short) -1);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (char first : letters.toCharArray()) {
            for (char second : letters.toCharArray()) {
                // As the check accepts a code: any case, the aliases UK and EL.
                Countries.normalize("" + first + second).ifPresent(code ->
                        COUNTRY_OF_LETTERS[first << 7 | second] = (short) Arrays.binarySearch(COUNTRIES, code));
            }
        }
    }

    private static final int PURPOSE_BITS = 16;
    private static final int PERIOD_BITS = 16;

    private final DecisionMemo memo;
    private final String[] purposes;
    private final byte[][] purposeBytes;
    /** By {@code country * purposes + purpose}: the instants the governing row changes on, or null when none governs. */
    private final Instant[][] changes;
    /** The same places: each governing row's own {@code since}. */
    private final Instant[][] sinces;

    ClassCodes(ReferenceData reference, DecisionMemo memo) {
        this.memo = memo;
        this.purposes = reference.purposes().keySet().toArray(String[]::new);
        if (purposes.length >= 1 << PURPOSE_BITS) {
            throw new IllegalArgumentException("Too many purposes for class codes: " + purposes.length);
        }
        this.purposeBytes = new byte[purposes.length][];
        for (int p = 0; p < purposes.length; p++) {
            purposeBytes[p] = purposes[p].getBytes(StandardCharsets.ISO_8859_1);
        }
        this.changes = new Instant[COUNTRIES.length * purposes.length][];
        this.sinces = new Instant[changes.length][];
        for (int c = 0; c < COUNTRIES.length; c++) {
            for (int p = 0; p < purposes.length; p++) {
                NavigableMap<Instant, JurisdictionPolicy> timeline = reference.timeline(COUNTRIES[c], purposes[p]);
                if (timeline != null && !timeline.isEmpty() && timeline.size() < 1 << PERIOD_BITS) {
                    List<Instant> since = new ArrayList<>(timeline.size());
                    for (JurisdictionPolicy row : timeline.values()) {
                        since.add(row.since());
                    }
                    changes[c * purposes.length + p] = timeline.keySet().toArray(Instant[]::new);
                    sinces[c * purposes.length + p] = since.toArray(Instant[]::new);
                } else if (timeline != null && !timeline.isEmpty()) {
                    // Too many periods to number: such a country's classes get no code (-1), the memo keys them.
                    changes[c * purposes.length + p] = new Instant[0];
                }
            }
        }
    }

    /**
     * The number of the country {@code b[from, to)} names as the check accepts it (two ASCII letters, any case, an
     * alias), or -1 when it names none.
     */
    public int country(byte[] b, int from, int to) {
        if (to - from != 2) {
            return -1;
        }
        int first = b[from];
        int second = b[from + 1];
        return first < 0 || second < 0 ? -1 : COUNTRY_OF_LETTERS[first << 7 | second];
    }

    /** The assigned code of a country's number. */
    public String countryCode(int country) {
        return COUNTRIES[country];
    }

    /** The number of the purpose {@code b[from, to)} names exactly, or -1 when the version knows no such purpose. */
    public int purpose(byte[] b, int from, int to) {
        for (int p = 0; p < purposeBytes.length; p++) {
            byte[] purpose = purposeBytes[p];
            if (to - from == purpose.length && Arrays.equals(b, from, to, purpose, 0, purpose.length)) {
                return p;
            }
        }
        return -1;
    }

    /** The code of a purpose's number. */
    public String purposeCode(int purpose) {
        return purposes[purpose];
    }

    /**
     * The class of a checked query as one number (never negative), or -1 when it has none the memo would key
     * (an age outside 0..{@value QueryCheck#MAX_AGE}, a timeline too long to number).
     *
     * @param country a country's number
     * @param purpose a purpose's number
     * @param consent the setting (not null: a missing one is NOT_SET)
     * @param age     the age, or null when unknown
     * @param at      the instant asked about (not null)
     */
    public long code(int country, int purpose, Consent consent, Integer age, Instant at) {
        int ageKey = 0;
        if (age != null) {
            if (age < 0 || age > QueryCheck.MAX_AGE) {
                return -1;
            }
            ageKey = memo.ageKey(age) + 1;
        }
        int place = country * purposes.length + purpose;
        Instant[] from = changes[place];
        int period = 0;
        int atVsSince = 2;
        if (from != null) {
            if (from.length == 0) {
                return -1;
            }
            // As ReferenceData resolves it: the period in force at the instant, before every period the first.
            for (int i = from.length - 1; i > 0; i--) {
                if (from[i].compareTo(at) <= 0) {
                    period = i;
                    break;
                }
            }
            atVsSince = Integer.signum(at.compareTo(sinces[place][period]));
        }
        return country | (long) purpose << 9 | (long) consent.ordinal() << 25 | (long) ageKey << 27
                | (long) period << 35 | (long) (atVsSince + 1) << 51;
    }

    /** A new, empty table of the decided cases of classes, for one thread. */
    public Seen seen() {
        return new Seen();
    }

    /**
     * The decided cases of the classes one batch met, by code: read and written by one thread, without locks or
     * allocation per lookup, at most {@link #LIMIT} classes (past that it learns no more; the memo still answers). It
     * starts small and grows with the classes met, so a batch of a few lines costs little.
     * It holds only sealed cases: those the memo shares between the queries of a class.
     */
    public static final class Seen {

        /** The most classes one table holds. */
        public static final int LIMIT = 1 << 13;
        /** The places a new table has; it doubles them while it is more than half full, up to twice the limit. */
        private static final int FIRST_SLOTS = 64;

        /** By place: the code kept there, and the number of its entry plus one (0: an empty place). */
        private long[] codes = new long[FIRST_SLOTS];
        private int[] entries = new int[FIRST_SLOTS];
        private int shift = 64 - Integer.numberOfTrailingZeros(FIRST_SLOTS);
        /** By entry, in the order learnt: the decided case. */
        private DecisionCase[] cases = new DecisionCase[FIRST_SLOTS / 2];
        private int size;

        private Seen() {
        }

        /** The decided case of a class, or null when this table does not know it. */
        public DecisionCase get(long code) {
            int entry = find(code);
            return entry < 0 ? null : cases[entry];
        }

        /**
         * The number of a class's entry: a number below {@link #LIMIT} that stays the class's for the table's life,
         * given in the order the classes were learnt; -1 when the table does not know the class.
         */
        public int find(long code) {
            int mask = codes.length - 1;
            for (int slot = slot(code); entries[slot] != 0; slot = (slot + 1) & mask) {
                if (codes[slot] == code) {
                    return entries[slot] - 1;
                }
            }
            return -1;
        }

        /** The decided case of an entry {@link #find} gave. */
        public DecisionCase at(int entry) {
            return cases[entry];
        }

        /** Remembers the case decided for a class, when it is sealed (shared) and there is room; else nothing. */
        public void learn(long code, DecisionCase decided) {
            if (code < 0 || decided == null || !decided.isSealed() || size >= LIMIT || find(code) >= 0) {
                return;
            }
            if (size == cases.length) {
                grow();
            }
            cases[size] = decided;
            size++;
            place(code, size);
        }

        private void place(long code, int entry) {
            int mask = codes.length - 1;
            int slot = slot(code);
            while (entries[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            codes[slot] = code;
            entries[slot] = entry;
        }

        /** Twice the places, the entries placed again (their numbers stay). */
        private void grow() {
            long[] oldCodes = codes;
            int[] oldEntries = entries;
            codes = new long[oldCodes.length * 2];
            entries = new int[oldCodes.length * 2];
            shift--;
            for (int slot = 0; slot < oldCodes.length; slot++) {
                if (oldEntries[slot] != 0) {
                    place(oldCodes[slot], oldEntries[slot]);
                }
            }
            cases = Arrays.copyOf(cases, codes.length / 2);
        }

        /** How many classes it holds. */
        public int size() {
            return size;
        }

        private int slot(long code) {
            return (int) ((code * 0x9E3779B97F4A7C15L) >>> shift);
        }
    }
}
