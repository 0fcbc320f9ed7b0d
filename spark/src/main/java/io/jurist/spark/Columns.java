package io.jurist.spark;

import java.io.Serializable;

/**
 * Where the members table keeps what a decision needs.
 *
 * @param id      the member's id (required, not blank, at most 128 characters, as the service requires)
 * @param country ISO 3166-1 alpha-2, any case, aliases UK and EL
 * @param age     whole years, null when unknown
 * @param consent OPTED_IN, OPTED_OUT, NOT_SET, or null for not set
 * @param at      a timestamp column with the instant each decision is about, or null: then every member is
 *                decided at the one instant of the run
 */
public record Columns(String id, String country, String age, String consent, String at) implements Serializable {

    public static final Columns DEFAULT = new Columns("id", "country", "age", "consent", null);
}
