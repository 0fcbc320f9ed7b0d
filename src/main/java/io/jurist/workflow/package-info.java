/**
 * The glue between Camunda and the rules: approval processes, their delegates and four-eyes listeners, task APIs,
 * and {@link io.jurist.workflow.Workflows}, the engine as other modules see it.
 *
 * <p>Where delegates live: a process's delegates sit in the module that owns the process. RuleChangeApproval is this
 * module's (it governs ruleset versions, and the ruleset module stays free of the engine), so {@code
 * RuleChangeDelegates} is here; the engagement, suspension and re-enablement processes are the engagement module's,
 * so {@code EngagementDelegates} is there, using only the engine's delegate API.
 */
package io.jurist.workflow;
