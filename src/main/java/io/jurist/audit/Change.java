package io.jurist.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change to record, before it has its place in the chain.
 *
 * @param type              what happened
 * @param actor             who did it: a user, the service's own name for automatic steps, or several users joined by commas
 * @param subject           what it happened to: "ruleset:7", "engagement:ENG-…", "suspension:SUS-…"
 * @param jurisdictions     the countries concerned, if any
 * @param purposes          the purposes concerned, if any
 * @param rulesetVersion    the ruleset version concerned, if any
 * @param processInstanceId the process that did it, if any
 * @param detail            whatever else a reader needs (comment, evidence, reason, impact), kept as JSON
 */
public record Change(ChangeType type, String actor, String subject, List<String> jurisdictions, List<String> purposes,
                     Integer rulesetVersion, String processInstanceId, Map<String, Object> detail) {

    public Change {
        Objects.requireNonNull(type, "type");
        actor = actor == null || actor.isBlank() ? "(unknown)" : actor;
        Objects.requireNonNull(subject, "subject");
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** A change of the given type, by an actor, to a subject; the rest added with the {@code with…} methods. */
    public static Change of(ChangeType type, String actor, String subject) {
        return new Change(type, actor, subject, List.of(), List.of(), null, null, Map.of());
    }

    public Change concerning(List<String> jurisdictions, List<String> purposes) {
        return new Change(type, actor, subject, jurisdictions, purposes, rulesetVersion, processInstanceId, detail);
    }

    public Change withVersion(Integer version) {
        return new Change(type, actor, subject, jurisdictions, purposes, version, processInstanceId, detail);
    }

    public Change withProcess(String processInstanceId) {
        return new Change(type, actor, subject, jurisdictions, purposes, rulesetVersion, processInstanceId, detail);
    }

    /** Adds one detail; null values are kept, so that "no comment" reads as such. */
    public Change with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(detail);
        more.put(key, value);
        return new Change(type, actor, subject, jurisdictions, purposes, rulesetVersion, processInstanceId, more);
    }
}
