package io.jurist.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecentDecisionsTests {

    final DecisionLogTests.TestClock clock = new DecisionLogTests.TestClock();
    DecisionLog log;
    RecentDecisions recent;

    @org.junit.jupiter.api.AfterEach
    void stop() {
        log.stop();
    }

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:recent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        log = new DecisionLog(h2, DecisionLogProperties.defaults(),
                DecisionLogTests.KEY, clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        log.start();
        recent = new RecentDecisions(JdbcClient.create(h2), Duration.ofMinutes(10), clock);
    }

    private void decided(String id, int age) {
        DecisionRecord decision = DecisionLogTests.decision(id);
        log.record(new DecisionRecord(UUID.randomUUID().toString(), null, clock.instant(), "data-platform", "m-" + id,
                "GB", "UK", "GENAI_TRAINING", "OPTED_IN", age, decision.at(), "DENY", decision.reasonCodes(),
                decision.rulesFired(), 3, decision.rulesetRevision()));
        assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void kindsOfRequestAreCountedByBandAndOneReadServesForTheRefreshPeriod() {
        decided("a", 30);
        decided("b", 40);
        decided("c", 16);
        var first = recent.since(clock.instant().minus(Duration.ofDays(30)));
        assertThat(first).extracting(c -> c.ageBand() + "=" + c.decisions() + "@" + c.representativeAge())
                .containsExactlyInAnyOrder("18+=2@30", "16-17=1@17");

        decided("d", 50);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(recent.since(clock.instant().minus(Duration.ofDays(30)))).isSameAs(first);

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(recent.since(clock.instant().minus(Duration.ofDays(30))))
                .extracting(c -> c.ageBand() + "=" + c.decisions()).containsExactlyInAnyOrder("18+=3", "16-17=1");
    }
}
