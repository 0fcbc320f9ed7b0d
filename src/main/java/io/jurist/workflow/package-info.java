/** The glue between Camunda and the rules: approval processes, their delegates and four-eyes listeners, task APIs. */
package io.jurist.workflow;
