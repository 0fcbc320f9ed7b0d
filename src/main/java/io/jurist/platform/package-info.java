/** Wiring of the stack itself: database migrations before the process engine, JSON strictness. */
package io.jurist.platform;
