/**
 * Regulator engagements, suspensions of a purpose in jurisdictions, and re-enablements: their REST API, state and
 * process steps.
 *
 * <p>A process's delegates sit in the module that owns the process (see the workflow module): the engagement,
 * suspension and re-enablement processes are this module's, so their steps ({@code EngagementDelegates}) are here and
 * use only the engine's delegate API; processes are started and correlated through {@link
 * io.jurist.workflow.Workflows}.
 */
package io.jurist.engagement;
