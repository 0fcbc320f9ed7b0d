package io.jurist.bench;

import io.jurist.facts.Consent;
import io.jurist.facts.Countries;
import io.jurist.ruleset.DecisionQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A reproducible population of checked decision queries: every country, ages known and not, every consent. */
final class Population {

    private static final String[] COUNTRIES = Countries.assigned().toArray(new String[0]);
    private static final Consent[] CONSENTS = Consent.values();
    // From before the suspensions (2024-09-18) to well after the opt-out terms took effect (2024-11-20).
    private static final long FROM = Instant.parse("2024-06-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2025-06-01T00:00:00Z").getEpochSecond();

    private Population() {
    }

    static List<DecisionQuery> generate(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DecisionQuery> queries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            Integer age = random.nextInt(5) == 0 ? null : 5 + random.nextInt(80);
            Consent consent = CONSENTS[random.nextInt(CONSENTS.length)];
            Instant at = Instant.ofEpochSecond(random.nextLong(FROM, TO));
            queries.add(new DecisionQuery("member-" + i, country, age, "GENAI_TRAINING", consent, at));
        }
        return queries;
    }
}
