/** The fact model the rules reason about: plain Java, free of Spring, JPA and Camunda. */
package io.jurist.facts;
