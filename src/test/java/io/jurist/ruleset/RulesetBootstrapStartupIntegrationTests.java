package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jurist.JuristApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Start-up with an empty database, a broken rules directory, and a rules directory changed since. */
@ExtendWith(OutputCaptureExtension.class)
class RulesetBootstrapStartupIntegrationTests {

    @TempDir
    Path temp;

    private ConfigurableApplicationContext start(Path rules, Path database) {
        return new SpringApplicationBuilder(JuristApplication.class).run(
                "--server.port=0",
                "--camunda.bpm.webapp.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + database.toAbsolutePath() + "/jurist",
                "--jurist.rules.directory=" + rules.toAbsolutePath());
    }

    private Path copyOfRules() throws IOException {
        Path copy = temp.resolve("rules");
        for (Map.Entry<String, String> file : Rules.files().files().entrySet()) {
            Path target = copy.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return copy;
    }

    @Test
    void refusesToStartOnAnEmptyDatabaseWhenTheRulesDoNotCompileAndNamesFileAndLine() throws IOException {
        Path rules = copyOfRules();
        Path broken = rules.resolve("exclusions/Minors.drl");
        Files.writeString(broken, Files.readString(broken).replace("age < 18 )", "age < )"));
        assertThatThrownBy(() -> start(rules, temp.resolve("db")).close())
                .hasStackTraceContaining("exclusions/Minors.drl:11");
    }

    @Test
    void storesTheRulesAsVersionOneThenReportsButDoesNotActivateAChangedDirectory(CapturedOutput output)
            throws IOException {
        Path rules = copyOfRules();
        Path database = temp.resolve("db");
        String revision;
        try (ConfigurableApplicationContext first = start(rules, database)) {
            CompiledRuleset active = first.getBean(ActiveRuleset.class).current();
            assertThat(active.version()).isEqualTo(1);
            revision = active.revision();
        }
        Path table = rules.resolve("reference/jurisdictions.csv");
        Files.writeString(table, Files.readString(table) + "US,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01,edited by hand\n");
        try (ConfigurableApplicationContext second = start(rules, database)) {
            CompiledRuleset active = second.getBean(ActiveRuleset.class).current();
            assertThat(active.version()).isEqualTo(1);
            assertThat(active.revision()).isEqualTo(revision);
            assertThat(second.getBean(RulesetStore.class).list()).hasSize(1);
        }
        assertThat(output.getOut()).contains("differs from the active ruleset version 1")
                .contains("[reference/jurisdictions.csv]").contains("NOT activated");
    }

    /** Writes a version with a hostile file straight into the database and makes it the active one there. */
    private static int storeActiveBehindTheServicesBack(ConfigurableApplicationContext context, HostileRules.Hostile hostile) {
        RulesetStore store = context.getBean(RulesetStore.class);
        RulesetFiles files = store.files(1).with(Map.of(hostile.path(), hostile.content()));
        int version = store.insert(files, RulesetStatus.PROPOSED, "written behind the service's back", "intruder", 1);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("update jurist_ruleset_version set status = 'ACTIVE', activated_at = current_timestamp where version = ?")
                .param(version).update();
        jdbc.sql("update jurist_active_ruleset set version = ? where id = 1").param(version).update();
        return version;
    }

    @Test
    void aHostileVersionStoredInTheDatabaseIsNeitherActivatedAtStartUpNorFollowed(CapturedOutput output)
            throws IOException {
        Path rules = copyOfRules();
        Path database = temp.resolve("db");
        HostileRules.Hostile atStartUp = HostileRules.all().stream()
                .filter(h -> h.name().equals("AnnotationWritesFile.drl")).findFirst().orElseThrow();
        HostileRules.Hostile whileRunning = HostileRules.all().stream()
                .filter(h -> h.name().equals("SystemSetProperty.drl")).findFirst().orElseThrow();
        int hostileVersion;
        try (ConfigurableApplicationContext first = start(rules, database)) {
            hostileVersion = storeActiveBehindTheServicesBack(first, atStartUp);
        }
        try (ConfigurableApplicationContext second = start(rules, database)) {
            ActiveRuleset active = second.getBean(ActiveRuleset.class);
            assertThat(active.current().version()).isEqualTo(1);
            assertThat(active.refused()).contains(hostileVersion);
            int followed = storeActiveBehindTheServicesBack(second, whileRunning);
            active.follow();
            assertThat(active.current().version()).isEqualTo(1);
            assertThat(active.refused()).contains(followed);
        }
        assertThat(output.getOut()).contains("exclusions/AnnotationWritesFile.drl:" + atStartUp.line())
                .contains("exclusions/SystemSetProperty.drl:" + whileRunning.line())
                .contains("Serving ruleset version 1, the newest earlier version that is accepted");
        assertThat(atStartUp.hadAnEffect()).isFalse();
        assertThat(whileRunning.hadAnEffect()).isFalse();
    }
}
