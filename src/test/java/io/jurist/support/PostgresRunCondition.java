package io.jurist.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips, and says why, the PostgreSQL run of the integration tests on a machine where no PostgreSQL
 * is configured, so that {@code ./mvnw verify} passes anywhere; {@code .ci/run} always configures one.
 */
class PostgresRunCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (TestDatabase.selected() != TestDatabase.POSTGRES) {
            return ConditionEvaluationResult.enabled("H2 run");
        }
        if (PostgresTestDatabases.configured()) {
            return ConditionEvaluationResult.enabled("PostgreSQL run on " + System.getenv(PostgresTestDatabases.URL));
        }
        return ConditionEvaluationResult.disabled("PostgreSQL run skipped: " + PostgresTestDatabases.URL
                + " is not set (.ci/run sets it; see README)");
    }
}
