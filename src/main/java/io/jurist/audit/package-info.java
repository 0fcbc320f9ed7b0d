/**
 * What Jurist did and who decided it: the decision log (pseudonymised, written off the request path) and the
 * append-only, hash-chained change history. It uses only the shared api and facts modules, so every other
 * module may write to it.
 *
 * <p>Its API is this package: {@link io.jurist.audit.DecisionLog} (record a decision, {@link
 * io.jurist.audit.BatchRecorder} for a batch's summary, lookups, counts per day, purge, pseudonym; {@code
 * DecisionLog.off()} for a log without a database), {@link io.jurist.audit.ChangeHistory} and the records they take
 * and give. The decision log's writer (queue, thread, retries, setting bad records aside) and its SQL live in
 * {@code audit.internal}, which no other module may use ({@code ModularityTests}).
 */
package io.jurist.audit;
