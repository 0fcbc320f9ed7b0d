/**
 * Ruleset versions: load, compile, validate, store and publish the one active ruleset.
 *
 * <p>Other modules use its public types: the active ruleset and its versions, the changes service, the files and
 * reference tables, impact and validation results. The rule language's gate (checker, parsers, tokens), the impact
 * analysis, the SQL filter, the policy snapshot and the validation budget are package-private: no other module can
 * reach them.
 */
package io.jurist.ruleset;
