package io.jurist.ruleset;

import io.jurist.facts.JurisdictionPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How {@link ReferenceData} resolves the rows of the jurisdictions table into one country's policy over time: a
 * country's own row in force beats its region's, which beats *'s.
 */
final class PolicyTimeline {

    private PolicyTimeline() {
    }

    /**
     * A country's policy for a purpose from each instant it changes on: at every row's since, the most
     * specific jurisdiction with a row in force then governs. Each policy ends where the next begins.
     */
    static NavigableMap<Instant, JurisdictionPolicy> of(
            Map<String, Map<String, NavigableMap<Instant, JurisdictionPolicy>>> rows, String purpose,
            String country, String region, String... keys) {
        Set<Instant> changes = new TreeSet<>();
        for (String key : keys) {
            changes.addAll(rows.getOrDefault(key, Map.of()).getOrDefault(purpose, new TreeMap<>()).keySet());
        }
        NavigableMap<Instant, JurisdictionPolicy> governing = new TreeMap<>();
        for (Instant change : changes) {
            for (String key : keys) {
                Map.Entry<Instant, JurisdictionPolicy> row = rows.getOrDefault(key, Map.of())
                        .getOrDefault(purpose, new TreeMap<>()).floorEntry(change);
                if (row != null) {
                    JurisdictionPolicy previous = governing.isEmpty() ? null : governing.lastEntry().getValue();
                    if (previous != row.getValue()) {
                        governing.put(change, row.getValue());
                    }
                    break;
                }
            }
        }
        NavigableMap<Instant, JurisdictionPolicy> timeline = new TreeMap<>();
        for (Map.Entry<Instant, JurisdictionPolicy> entry : governing.entrySet()) {
            JurisdictionPolicy row = entry.getValue();
            Instant until = governing.higherKey(entry.getKey());
            timeline.put(entry.getKey(), new JurisdictionPolicy(country, region, purpose, row.status(), row.model(),
                    row.since(), until, row.reference(), row.row()));
        }
        return timeline;
    }
}
