/**
 * What Jurist did and who decided it: the decision log (pseudonymised, written off the request path) and the
 * append-only, hash-chained change history. Depends on no other module of ours, so every module may write to it.
 */
package io.jurist.audit;
