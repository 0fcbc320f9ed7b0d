package io.jurist.facts;

import java.time.Instant;
import java.util.Objects;

/**
 * The policy in force for one purpose in one country, as the reference table sets it.
 *
 * @param country   ISO 3166-1 alpha-2 code
 * @param region    the region the country belongs to (EEA, UK, ...)
 * @param purpose   purpose code
 * @param status    enabled or suspended
 * @param model     the consent model that applies while enabled
 * @param since     when this status took effect
 * @param until     when the next period of the country's policy for the purpose begins, or null while
 *                  none follows
 * @param reference the engagement, change or document that set it
 * @param row       the table row it came from (jurisdiction key as written), for explanations
 */
public record JurisdictionPolicy(String country, String region, String purpose, PurposeStatus status,
                                 ConsentModel model, Instant since, Instant until, String reference,
                                 String row) {

    public JurisdictionPolicy {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(since, "since");
    }

    /** A policy with no period after it. */
    public JurisdictionPolicy(String country, String region, String purpose, PurposeStatus status,
                              ConsentModel model, Instant since, String reference, String row) {
        this(country, region, purpose, status, model, since, null, reference, row);
    }
}
