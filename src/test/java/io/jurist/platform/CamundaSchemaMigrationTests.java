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
}
