/**
 * Fixtures for {@code ModularityTests}: two small applications of two modules each, built into
 * {@code ApplicationModules} on their own, to show that the check refuses a module reaching into another's
 * {@code internal} package ({@code reaching}) and takes one that uses the other's API ({@code keeping}). Not part of
 * the application: the application's own check imports no test classes.
 */
package io.jurist.modularityfixture;
