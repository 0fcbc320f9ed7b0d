package io.jurist.events;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the feed.
 *
 * @param cursor         pass it as {@code after} to read what came since
 * @param type           what happened
 * @param occurredAt     when
 * @param rulesetVersion the version in force from then on
 * @param jurisdictions  the countries concerned (empty when all may be)
 * @param purposes       the purposes concerned (empty when all may be)
 * @param reference      the engagement, suspension or change behind it
 * @param details        a sentence for people
 */
public record Event(long cursor, EventType type, Instant occurredAt, Integer rulesetVersion,
                    List<String> jurisdictions, List<String> purposes, String reference, String details) {
}
