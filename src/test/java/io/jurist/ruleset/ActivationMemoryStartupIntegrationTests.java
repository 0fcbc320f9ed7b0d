package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.JuristApplication;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Activating version after version releases the compiled rules of the versions before. */
class ActivationMemoryStartupIntegrationTests {

    private static final int VERSIONS = 200;

    @Test
    void activatingTwoHundredVersionsDoesNotGrowTheRetainedHeap() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JuristApplication.class).run(
                "--server.port=0", "--camunda.bpm.webapp.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:memory-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")) {
            RulesetStore store = app.getBean(RulesetStore.class);
            RulesetChanges changes = app.getBean(RulesetChanges.class);
            ActiveRuleset active = app.getBean(ActiveRuleset.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String drl = store.files(1).files().get("exclusions/Minors.drl");
            List<WeakReference<CompiledRuleset>> served = new ArrayList<>();
            long afterWarmUp = 0;
            for (int i = 1; i <= VERSIONS; i++) {
                RulesetFiles files = store.files(active.current().version())
                        .with(Map.of("exclusions/Minors.drl", drl + "\n// revision " + i + "\n"));
                int version = store.insert(files, RulesetStatus.PROPOSED, "revision " + i, "test",
                        active.current().version());
                approve(jdbc, store, version);
                changes.activate(version, "test");
                assertThat(active.current().version()).isEqualTo(version);
                served.add(new WeakReference<>(active.current()));
                if (i == 20) {
                    afterWarmUp = retainedHeap();
                }
            }
            long afterAll = retainedHeap();
            long released = served.subList(0, VERSIONS - 1).stream().filter(r -> r.get() == null).count();
            assertThat(released).as("compiled versions released").isGreaterThanOrEqualTo(VERSIONS - 2);
            // 180 more versions of a few megabytes each would show as hundreds of megabytes.
            assertThat(afterAll - afterWarmUp).as("retained heap growth in bytes").isLessThan(40L * 1024 * 1024);
        }
    }

    /** Records what activation needs (a proposer, legal's and the DPO's approvals), as the workflow would. */
    private static void approve(JdbcClient jdbc, RulesetStore store, int version) {
        store.recordRequesters(version, List.of("test"));
        for (String task : List.of("Task_ApprovePermissiveAsLegal", "Task_ApproveAsDpo")) {
            jdbc.sql("insert into jurist_approval (process_instance_id, business_key, process_key, task_key, user_id, "
                            + "approved, decided_at) values ('none', ?, 'RuleChangeApproval', ?, 'approver', true, ?)")
                    .params(RequiredApprovals.businessKey(version), task, OffsetDateTime.now()).update();
        }
    }

    private static long retainedHeap() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
