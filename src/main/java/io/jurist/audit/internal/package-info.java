/**
 * The decision log's machinery behind {@link io.jurist.audit.DecisionLog}: the writer ({@link
 * io.jurist.audit.internal.DecisionLogWriter}: queue, thread, lifecycle), what it counts ({@code LogAccounts}: metrics
 * and gap records), how it writes so that no record can stop it ({@code StoreWrites}: retries, halving a failed batch,
 * setting a bad record aside), and the tables ({@link io.jurist.audit.internal.DecisionLogStore} writes, {@link
 * io.jurist.audit.internal.DecisionLogReads} reads). Internal to the audit module.
 */
package io.jurist.audit.internal;
