package io.jurist.evidence;

import io.jurist.api.FieldError;
import io.jurist.api.InstantRange;
import io.jurist.api.InvalidRequestException;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.DailyDecisionCounts;
import io.jurist.audit.DecisionLog;
import io.jurist.audit.HistoryRecord;
import io.jurist.audit.Verification;
import io.jurist.engagement.ChangeKind;
import io.jurist.engagement.Engagement;
import io.jurist.engagement.EngagementStore;
import io.jurist.engagement.JurisdictionChange;
import io.jurist.facts.Countries;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.QueryCheck;
import io.jurist.ruleset.ReferenceData;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.jurist.workflow.ApprovalRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/** Builds evidence reports from the rulesets, engagements, approvals, decision log and change history. */
@Service
public class EvidenceReports {

    /** The longest window a report covers: a bit over three years, a day per entry at most. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(1100);

    private final RulesetStore rulesets;
    private final ActiveRuleset active;
    private final EngagementStore engagements;
    private final ApprovalRecords approvals;
    private final DecisionLog decisions;
    private final ChangeHistory history;
    private final Clock clock;

    EvidenceReports(RulesetStore rulesets, ActiveRuleset active, EngagementStore engagements,
                    ApprovalRecords approvals, DecisionLog decisions, ChangeHistory history, Clock clock) {
        this.rulesets = rulesets;
        this.active = active;
        this.engagements = engagements;
        this.approvals = approvals;
        this.decisions = decisions;
        this.history = history;
        this.clock = clock;
    }

    /** A checked question: which country, purpose and window. */
    record Question(String country, String purpose, Instant from, Instant to) {
    }

    /**
     * Checks the parameters of a report, naming every bad one. {@code from} and {@code to} are instants
     * or days (a day is its start, UTC); {@code to} defaults to now, {@code from} to 90 days before it.
     */
    Question check(String jurisdiction, String purpose, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        String country = null;
        if (jurisdiction == null || jurisdiction.isBlank()) {
            errors.add(new FieldError("jurisdiction", "is required: an ISO 3166-1 alpha-2 country code"));
        } else {
            country = Countries.normalize(jurisdiction).orElse(null);
            if (country == null) {
                errors.add(new FieldError("jurisdiction", "'" + jurisdiction + "' is not a country code"));
            }
        }
        String checkedPurpose = purpose == null || purpose.isBlank() ? null : purpose.strip().toUpperCase(Locale.ROOT);
        QueryCheck.checkPurpose(checkedPurpose, active.current().reference(), errors);
        Instant end = to == null ? clock.instant() : instant("to", to, errors);
        Instant start = from == null ? (end == null ? null : end.minus(Duration.ofDays(90))) : instant("from", from, errors);
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add(new FieldError("from", "must be before 'to'"));
            } else if (Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
                errors.add(new FieldError("to", "the window may be at most " + LONGEST_WINDOW.toDays()
                        + " days long; ask for several reports"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The evidence report's parameters are not valid; nothing was reported.",
                    errors);
        }
        return new Question(country, checkedPurpose, start, end);
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        try {
            Instant instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
            if (!InstantRange.contains(instant)) {
                errors.add(InstantRange.outside(field, text));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is neither a day (2024-09-01) nor an instant "
                    + "(2024-09-01T00:00:00Z)"));
            return null;
        }
    }

    /** The report for a checked question. */
    EvidenceReport report(Question question, String requester) {
        String country = question.country();
        String purpose = question.purpose();
        Instant from = question.from();
        Instant to = question.to();
        Verification verification = history.verify();
        List<HistoryRecord> records = history.list(0, Integer.MAX_VALUE, country, purpose, from, to);
        return new EvidenceReport(country, active.current().reference().regionOf(country), purpose, from, to,
                clock.instant(), requester, versions(country, purpose, from, to),
                engagements(country, purpose, from, to), changes(country, purpose, from, to),
                decisions(country, purpose, from, to), records,
                new EvidenceReport.Chain(verification.intact(), verification.lastSeq(), verification.lastHash(),
                        verification.firstBroken() == null ? null : verification.firstBroken().problem()));
    }

    private List<EvidenceReport.ActiveVersion> versions(String country, String purpose, Instant from, Instant to) {
        List<RulesetVersion> activated = rulesets.list().stream().filter(v -> v.activatedAt() != null)
                .sorted(Comparator.comparing(RulesetVersion::activatedAt)).toList();
        List<EvidenceReport.ActiveVersion> result = new ArrayList<>();
        for (int i = 0; i < activated.size(); i++) {
            RulesetVersion version = activated.get(i);
            Instant until = i + 1 < activated.size() ? activated.get(i + 1).activatedAt() : null;
            if (!version.activatedAt().isBefore(to) || (until != null && !until.isAfter(from))) {
                continue;
            }
            EvidenceReport.Policy policy = ReferenceData.of(rulesets.files(version.version())).policy(country, purpose)
                    .map(p -> new EvidenceReport.Policy(p.status().name(), p.model().name(), p.since(), p.reference()))
                    .orElse(null);
            result.add(new EvidenceReport.ActiveVersion(version.version(), version.revision(), version.summary(),
                    version.proposedBy(), version.activatedBy(), version.activatedAt(),
                    version.activatedAt().isBefore(from) ? from : version.activatedAt(), until, policy,
                    approvals.ofVersion(version.version())));
        }
        return result;
    }

    private List<EvidenceReport.EngagementEvidence> engagements(String country, String purpose, Instant from,
                                                                Instant to) {
        return engagements.engagements().stream()
                .filter(e -> e.jurisdictions().contains(country) && e.purpose().equals(purpose))
                .filter(e -> e.createdAt().isBefore(to) && (e.closedAt() == null || !e.closedAt().isBefore(from)))
                .sorted(Comparator.comparing(Engagement::createdAt))
                .map(e -> new EvidenceReport.EngagementEvidence(e.id(), e.regulator(), e.jurisdictions(), e.summary(),
                        e.status(), e.outcome(), e.outcomeComment(), e.requestedBy(), e.createdAt(), e.closedAt(),
                        engagements.correspondence(e.id()),
                        e.processInstanceId() == null ? List.of() : approvals.of(List.of(e.processInstanceId()))))
                .toList();
    }

    private List<EvidenceReport.ChangeEvidence> changes(String country, String purpose, Instant from, Instant to) {
        return Stream.of(ChangeKind.values()).flatMap(kind -> engagements.changes(kind).stream())
                .filter(c -> c.jurisdictions().contains(country) && c.purpose().equals(purpose))
                .filter(c -> c.createdAt().isBefore(to) && (c.completedAt() == null || !c.completedAt().isBefore(from)))
                .sorted(Comparator.comparing(JurisdictionChange::createdAt))
                .map(c -> new EvidenceReport.ChangeEvidence(c.id(), c.kind().name(), c.jurisdictions(),
                        c.consentModel(), c.reason(), c.engagementId(), c.requestedBy(), c.status(), c.statusReason(),
                        c.rulesetVersion(), c.createdAt(), c.completedAt(), approvals.ofChange(c.id(), c.rulesetVersion())))
                .toList();
    }

    private EvidenceReport.Decisions decisions(String country, String purpose, Instant from, Instant to) {
        List<DailyDecisionCounts> days = decisions.dailyCounts(country, purpose, from, to);
        Map<String, Long> byDecision = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        long unlogged = 0;
        for (DailyDecisionCounts day : days) {
            day.byDecision().forEach((k, v) -> byDecision.merge(k, v, Long::sum));
            day.byReason().forEach((k, v) -> byReason.merge(k, v, Long::sum));
            unlogged += day.unlogged();
        }
        return new EvidenceReport.Decisions(days, byDecision, byReason, unlogged);
    }
}
