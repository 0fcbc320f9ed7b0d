package io.jurist.events;

import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.audit.ChangeHistory;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetStore;
import io.jurist.support.Await;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The feed is written by a listener of the activation's domain event, in the activation's transaction: when the
 * feed cannot be written, the version is not activated (and nothing of it is recorded), and the approval's
 * activation step fails until it can be.
 */
@IntegrationTest
class EventFeedIntegrationTests {

    @Autowired RulesetChanges changes;
    @Autowired RulesetStore store;
    @Autowired ActiveRuleset active;
    @Autowired EventLog feed;
    @Autowired ChangeHistory history;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;
    @Autowired HistoryService processHistory;
    @Autowired JdbcTemplate jdbc;

    @Test
    void anActivationWhoseFeedEventCannotBeWrittenIsRolledBackAndGoesThroughOnceItCan() {
        await(() -> management.createJobQuery().executable().count() == 0
                && store.activeVersion().equals(active.peek().map(CompiledRuleset::version)), "settled activations");
        int before = store.activeVersion().orElseThrow();
        var proposed = changes.propose("Suspend in Botswana (feed test)", changes.candidate(null,
                Map.of("reference/jurisdictions.csv",
                        tableWith(active.current().files().files().get("reference/jurisdictions.csv"), suspend("BW")))),
                "alice");
        long historyBefore = history.lastSeq();
        jdbc.execute("alter table jurist_event rename to jurist_event_away");
        Job job;
        try {
            var legal = tasks.createTaskQuery().processInstanceId(proposed.processInstanceId())
                    .taskDefinitionKey("Task_ApproveAsLegal").singleResult();
            identity.setAuthentication("bob", List.of("legal-approvers"));
            try {
                tasks.complete(legal.getId(), Map.of("approved", true, "comment", "bob approves"));
            } finally {
                identity.clearAuthentication();
            }
            await(() -> management.createJobQuery().processInstanceId(proposed.processInstanceId()).noRetriesLeft()
                    .count() == 1, "the activation step failed");
            job = management.createJobQuery().processInstanceId(proposed.processInstanceId()).singleResult();
            assertThat(management.getJobExceptionStacktrace(job.getId())).containsIgnoringCase("jurist_event");
            assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.PROPOSED);
            assertThat(store.activeVersion()).contains(before);
            assertThat(history.list(historyBefore, 100, null, null, null, null))
                    .noneMatch(r -> r.type().equals("VERSION_ACTIVATED"));
        } finally {
            jdbc.execute("alter table jurist_event_away rename to jurist_event");
        }
        assertThat(feed.after(0, 10_000)).noneMatch(e -> e.type() == EventType.RULESET_ACTIVATED
                && Integer.valueOf(proposed.version()).equals(e.rulesetVersion()));

        management.setJobRetries(job.getId(), 1);
        await(() -> processHistory.createHistoricProcessInstanceQuery().processInstanceId(proposed.processInstanceId())
                .finished().count() == 1, "the approval ended");
        assertThat(store.find(proposed.version()).orElseThrow().status()).isEqualTo(RulesetStatus.ACTIVE);
        assertThat(feed.after(0, 10_000)).filteredOn(e -> e.type() == EventType.RULESET_ACTIVATED
                && Integer.valueOf(proposed.version()).equals(e.rulesetVersion())).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("Suspend in Botswana (feed test)"));
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(condition::getAsBoolean, done -> done, Duration.ofSeconds(30), what);
    }
}
