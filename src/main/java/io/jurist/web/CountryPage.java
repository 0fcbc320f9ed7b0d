package io.jurist.web;

import io.jurist.facts.ConsentModel;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import io.jurist.ruleset.Purpose;
import io.jurist.ruleset.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One country's policies in words, as the country page says them: for each purpose, where the policy
 * comes from (the country's own row, its region's, or the default row *), what it means, and the
 * periods before and after.
 *
 * @param code     ISO 3166-1 alpha-2 code
 * @param name     English name
 * @param region   the region the country belongs to (REST_OF_WORLD when none)
 * @param purposes one entry per purpose the table covers for the country
 */
record CountryPage(String code, String name, String region, List<PurposePolicy> purposes) {

    static final String NO_REGION = "REST_OF_WORLD";

    /** Where a country's policy comes from. */
    enum Source { OWN, REGION, DEFAULT }

    /**
     * A period of a country's policy for one purpose.
     *
     * @param policy the period as the reference data resolves it
     * @param source where it comes from
     * @param words  the sentence that says so
     */
    record Period(JurisdictionPolicy policy, Source source, String words) {

        public String sinceText() {
            return dateText(policy.since());
        }

        public String untilText() {
            return policy.until() == null ? "" : dateText(policy.until());
        }
    }

    /**
     * One purpose in one country.
     *
     * @param purpose  the purpose code
     * @param label    its name for people
     * @param now      the period in force now
     * @param meaning  what the status and consent model in force mean for a member, in words
     * @param periods  every period, oldest first
     */
    record PurposePolicy(String purpose, String label, Period now, String meaning, List<Period> periods) {

        /** True when the country follows a region's row or *: changing it here creates its own row. */
        public boolean inherited() {
            return now.source() != Source.OWN;
        }
    }

    static CountryPage of(String code, ReferenceData reference, Instant at) {
        String name = CountryNames.name(code);
        String region = reference.regionOf(code);
        Map<String, JurisdictionPolicy> current = reference.policies(code, at);
        Map<String, List<JurisdictionPolicy>> history = reference.history(code);
        List<PurposePolicy> purposes = new ArrayList<>();
        current.forEach((purpose, policy) -> {
            Purpose known = reference.purposes().get(purpose);
            String label = known == null ? purpose : known.name();
            List<Period> periods = history.getOrDefault(purpose, List.of(policy)).stream()
                    .map(p -> period(name, region, label, p)).toList();
            purposes.add(new PurposePolicy(purpose, label, period(name, region, label, policy),
                    meaning(policy.status(), policy.model()), periods));
        });
        return new CountryPage(code, name, region, purposes);
    }

    static Source source(JurisdictionPolicy policy, String region) {
        if ("*".equals(policy.row())) {
            return Source.DEFAULT;
        }
        return policy.row().equals(region) ? Source.REGION : Source.OWN;
    }

    private static Period period(String name, String region, String purpose, JurisdictionPolicy policy) {
        Source source = source(policy, region);
        String since = dateText(policy.since());
        String words = switch (source) {
            case OWN -> name + " has its own row for " + purpose + " since " + since + ".";
            case REGION -> name + " has no row of its own for " + purpose + "; it follows the " + region
                    + " row (since " + since + "), as every country of " + region + " without a row of its own.";
            case DEFAULT -> name + " has no row of its own for " + purpose
                    + (NO_REGION.equals(region) ? " and belongs to no region" : ", nor has its region " + region)
                    + "; it follows the default row * (since " + since
                    + "), which covers every country no other row covers.";
        };
        return new Period(policy, source, words);
    }

    static String meaning(PurposeStatus status, ConsentModel model) {
        if (status == PurposeStatus.SUSPENDED) {
            return "Suspended: no member's data is used for it, whatever the member's setting.";
        }
        return model == ConsentModel.OPT_IN
                ? "Enabled under an opt-in model: only members who opted in are used; no setting means no."
                : "Enabled under an opt-out model: members are used unless they opted out.";
    }

    /** The date alone for midnight UTC, as the table usually says it. */
    static String dateText(Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }
}
