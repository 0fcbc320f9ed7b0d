package io.jurist.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The kinds of request the data platform really sent lately, from the decision log: for replaying them
 * under a proposed version (impact analysis). Only what the log keeps per decision counts: single
 * decisions, and batch lines when per-line logging is on; batch summaries keep no consent or age.
 */
@Repository
public class RecentDecisions {

    /**
     * One kind of request and how often it was decided.
     *
     * @param country   the member's country
     * @param purpose   the purpose
     * @param consent   the member's setting
     * @param ageBand   the age band ({@link AgeBand})
     * @param decisions how many decisions it had
     */
    public record Case(String country, String purpose, String consent, String ageBand, long decisions) {

        /** An age inside the band, at its top: the age closest to the next line a rule may draw. */
        public Integer representativeAge() {
            return switch (ageBand) {
                case "0-12" -> 12;
                case "13-15" -> 15;
                case "16-17" -> 17;
                case "18+" -> 30;
                default -> null;
            };
        }
    }

    /** What was read last, for how far back, and when. */
    private record Snapshot(Instant since, Instant readAt, List<Case> cases) {
    }

    private final JdbcClient jdbc;
    private final Duration refresh;
    private final Clock clock;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();

    RecentDecisions(JdbcClient jdbc, @Value("${jurist.rules.impact-recent-refresh:PT10M}") Duration refresh,
                    Clock clock) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.clock = clock;
    }

    /**
     * Every kind of request decided since the given instant, with its count. The answer is a statistic
     * over a month of traffic, read with one grouped scan of the log: it is reused for
     * {@code jurist.rules.impact-recent-refresh} (10 minutes) when asked again for about the same window.
     */
    public List<Case> since(Instant since) {
        Snapshot snapshot = last.get();
        Instant now = clock.instant();
        if (snapshot != null && snapshot.readAt().plus(refresh).isAfter(now)
                && Duration.between(snapshot.since(), since).abs().compareTo(refresh) <= 0) {
            return snapshot.cases();
        }
        List<Case> cases = read(since);
        last.set(new Snapshot(since, now, cases));
        return cases;
    }

    private List<Case> read(Instant since) {
        return jdbc.sql("select country, purpose, consent, age_band, count(*) as decisions from jurist_decision_log "
                        + "where evaluated_at >= ? group by country, purpose, consent, age_band")
                .param(OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query((rs, row) -> new Case(rs.getString("country"), rs.getString("purpose"), rs.getString("consent"),
                        rs.getString("age_band"), rs.getLong("decisions")))
                .list();
    }
}
