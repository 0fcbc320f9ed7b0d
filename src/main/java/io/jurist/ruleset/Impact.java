package io.jurist.ruleset;

import java.util.List;
import java.util.Map;

/**
 * What a candidate version would change: the same population decided by the active version and by
 * the candidate, and every decision that flips.
 *
 * @param baseVersion       the active version compared against
 * @param population        how many requests were decided under both
 * @param permitToDeny      decisions that would turn from PERMIT to DENY
 * @param denyToPermit      decisions that would turn from DENY to PERMIT
 * @param reasonsChanged    decisions that keep their answer but change their reasons
 * @param kind              PERMISSIVE when any DENY turns PERMIT (in the population or in recent requests),
 *                          RESTRICTIVE otherwise
 * @param byCountry         flips by country: {"GB": {"PERMIT_TO_DENY": 3, "DENY_TO_PERMIT": 0}}
 * @param byPurpose         flips by purpose, likewise
 * @param examples          a few flips, for people to read
 * @param recent            the requests the data platform really sent lately, replayed under both versions
 *                          (null where the analysis had none to replay, such as at start-up)
 * @param coverage          EXHAUSTIVE when the population held every class of inputs the rules and tables can
 *                          tell apart (so the counts are complete), INCOMPLETE when it could not, which makes
 *                          the change PERMISSIVE whatever the counts (null in impacts stored before it existed)
 * @param pastAltered       decisions about days before the analysis ran (before today, UTC) whose answer or
 *                          reasons would change: the change rewrites history (a policy should change from a
 *                          date on)
 */
public record Impact(int baseVersion, int population, int permitToDeny, int denyToPermit, int reasonsChanged,
                     ChangeKind kind, Map<String, Map<String, Integer>> byCountry,
                     Map<String, Map<String, Integer>> byPurpose, List<Flip> examples, Recent recent,
                     Coverage coverage, int pastAltered) {

    /** Whether the population covered every class of decision inputs. */
    public enum Coverage {
        EXHAUSTIVE, INCOMPLETE
    }

    /**
     * The decision log's recent requests replayed now under the active version and under the candidate.
     *
     * @param days         how many days back the log was read
     * @param decisions    how many logged decisions that covers
     * @param permitToDeny of those, how many would now turn from PERMIT to DENY
     * @param denyToPermit of those, how many would now turn from DENY to PERMIT
     * @param byCountry    those flips by country, as for the whole population
     */
    public record Recent(int days, long decisions, long permitToDeny, long denyToPermit,
                         Map<String, Map<String, Long>> byCountry) {
    }

    /** Whether a change only restricts, or permits more: the service decides, not the author. */
    public enum ChangeKind {
        RESTRICTIVE, PERMISSIVE
    }

    /**
     * One request whose answer changes.
     *
     * @param country  the member's country
     * @param purpose  the purpose
     * @param consent  the member's setting
     * @param age      the age, or null
     * @param at       the instant decided about
     * @param before   the answer and reasons under the active version
     * @param after    the answer and reasons under the candidate
     */
    public record Flip(String country, String purpose, String consent, Integer age, String at, String before,
                       String after) {
    }

    /** One line for people: "3 decisions turn PERMIT to DENY, 0 turn DENY to PERMIT (RESTRICTIVE)". */
    public String summary() {
        return permitToDeny + " decision(s) turn PERMIT to DENY, " + denyToPermit
                + " turn DENY to PERMIT, " + reasonsChanged + " change reasons only, out of " + population
                + " compared against version " + baseVersion
                + (coverage == Coverage.INCOMPLETE ? " (the comparison could not cover every case, so it counts as"
                        + " permissive)" : "") + ": " + kind
                + (recent == null ? "" : ". Of the " + recent.decisions() + " decisions logged in the last "
                        + recent.days() + " days, " + recent.permitToDeny() + " would now turn PERMIT to DENY and "
                        + recent.denyToPermit() + " DENY to PERMIT")
                + (pastAltered == 0 ? "" : ". " + pastAltered + " decision(s) about days before today (UTC) would change");
    }

    /** True when the change alters decisions about days already past. */
    public boolean altersPast() {
        return pastAltered > 0;
    }
}
