/** Who may call what: people by HTTP Basic against Camunda's users, machines by bearer token, the same identities in Camunda. */
package io.jurist.security;
