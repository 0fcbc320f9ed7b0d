package io.jurist.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which routes the filter refuses, under each prefix Camunda's REST API is served at. */
class GovernedRoutesFilterTests {

    @Test
    void refusesTheRoutesThatMoveRewriteOrDeployUnderEveryPrefix() {
        for (String prefix : new String[] {"/engine-rest", "/engine-rest/engine/default",
                "/camunda/api/engine/engine/default"}) {
            assertThat(GovernedRoutesFilter.refused("POST", prefix + "/process-instance/p1/modification")).isTrue();
            assertThat(GovernedRoutesFilter.refused("POST", prefix + "/process-definition/key/K/restart-async")).isTrue();
            assertThat(GovernedRoutesFilter.refused("PUT", prefix + "/task/t1/localVariables/x")).isTrue();
            assertThat(GovernedRoutesFilter.refused("POST", prefix + "/job/j1/execute")).isTrue();
            assertThat(GovernedRoutesFilter.refused("post", prefix + "//deployment/create/")).isTrue();
            assertThat(GovernedRoutesFilter.refused("DELETE", prefix + "/process-definition/key/K/tenant-id/T")).isTrue();
        }
    }

    @Test
    void letsReadsAndTheApprovalsOwnRoutesThrough() {
        assertThat(GovernedRoutesFilter.refused("GET", "/engine-rest/process-instance/p1/variables")).isFalse();
        assertThat(GovernedRoutesFilter.refused("GET", "/engine-rest/deployment/d1")).isFalse();
        assertThat(GovernedRoutesFilter.refused("POST", "/engine-rest/task/t1/complete")).isFalse();
        assertThat(GovernedRoutesFilter.refused("POST", "/engine-rest/task/t1/submit-form")).isFalse();
        assertThat(GovernedRoutesFilter.refused("POST", "/engine-rest/job")).isFalse();
        assertThat(GovernedRoutesFilter.refused("POST", "/api/v1/tasks/t1/complete")).isFalse();
    }
}
