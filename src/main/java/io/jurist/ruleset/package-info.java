/** Ruleset versions: load, compile, validate, store and publish the one active ruleset. */
package io.jurist.ruleset;
