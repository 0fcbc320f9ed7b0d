/**
 * Wiring of the stack itself: database migrations before the process engine, JSON strictness, and the start-up
 * warm-up that exercises the decision path before the node reports itself ready.
 */
package io.jurist.platform;
