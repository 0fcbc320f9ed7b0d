/**
 * What Jurist did and who decided it: the decision log (pseudonymised, written off the request path) and the
 * append-only, hash-chained change history. It uses only the shared api and facts modules, so every other
 * module may write to it.
 */
package io.jurist.audit;
