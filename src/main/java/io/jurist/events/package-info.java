/** The event feed the data platform follows: activations, suspensions, re-enablements, oldest first. */
package io.jurist.events;
