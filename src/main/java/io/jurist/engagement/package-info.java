/** Regulator engagements, suspensions of a purpose in jurisdictions, and re-enablements: their REST API, state and process steps. */
package io.jurist.engagement;
