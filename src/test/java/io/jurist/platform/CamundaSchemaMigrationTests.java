package io.jurist.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class CamundaSchemaMigrationTests {

    @Test
    void runsTheEnginesOwnPostgresScriptsFromItsJar() {
        assertThat(CamundaSchemaMigration.create().scripts()).hasSize(7).allSatisfy(script -> {
            assertThat(script).startsWith("org/camunda/bpm/engine/db/create/activiti.postgres.create.");
            assertThat(new ClassPathResource(script, ProcessEngine.class.getClassLoader()).exists())
                    .as(script).isTrue();
        });
    }

    @Test
    void createsCamundasTablesBeforeTheApplicationsFirstMigration() {
        assertThat(CamundaSchemaMigration.create().getVersion()).isLessThan(MigrationVersion.fromVersion("1"));
    }

    @Test
    void hasNoChecksumSoThatAnEngineUpgradeDoesNotFailValidation() {
        assertThat(CamundaSchemaMigration.create().getChecksum()).isNull();
    }

    @Test
    void upgradesWithTheEnginesUpgradeScriptOfTheGivenStep() {
        CamundaSchemaMigration upgrade = CamundaSchemaMigration.upgrade("2.1", "7.23_to_7.24", "7.24.0");
        assertThat(upgrade.scripts()).containsExactly("org/camunda/bpm/engine/db/upgrade/postgres_engine_7.23_to_7.24.sql");
        assertThat(new ClassPathResource(upgrade.scripts().get(0), ProcessEngine.class.getClassLoader()).exists()).isTrue();
        assertThat(upgrade.getDescription()).isEqualTo("camunda upgrade 7.23_to_7.24");
    }

    @Test
    void comparesEngineVersionsByTheirNumbers() {
        assertThat(CamundaSchemaMigration.compare("7.9.0", "7.24.0")).isNegative();
        assertThat(CamundaSchemaMigration.compare("7.24.0", "7.24")).isZero();
        assertThat(CamundaSchemaMigration.compare("7.25.0-alpha1", "7.24.3")).isPositive();
        assertThat(CamundaSchemaMigration.compare("fox", "7.24.0")).isNegative();
        assertThat(CamundaSchemaMigration.compare("7.13.5", "7.13.5_1")).isNegative();
        assertThat(CamundaSchemaMigration.compare("7.13.5_2", "7.13.5_1")).isPositive();
        assertThat(CamundaSchemaMigration.compare("7.14.0", "7.13.5_2")).isPositive();
    }
}
