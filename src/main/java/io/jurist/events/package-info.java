/**
 * The event feed the data platform follows: activations, suspensions, re-enablements, oldest first. It is
 * written by {@code FeedWriter}, a listener of the domain events {@code ruleset.RulesetActivated} and
 * {@code engagement.JurisdictionChangeCompleted}, inside the transaction that publishes them: an entry exists
 * exactly when its change committed, and a failing write rolls the change back.
 */
package io.jurist.events;
