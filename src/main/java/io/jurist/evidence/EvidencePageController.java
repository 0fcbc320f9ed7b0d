package io.jurist.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.api.InvalidRequestException;
import io.jurist.audit.DailyDecisionCounts;
import io.jurist.ruleset.ActiveRuleset;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The evidence report as a printable page with a timeline, for people who would rather look than read. */
@Controller
class EvidencePageController {

    private final EvidenceReports reports;
    private final ActiveRuleset active;
    private final ObjectMapper json;

    EvidencePageController(EvidenceReports reports, ActiveRuleset active, ObjectMapper json) {
        this.reports = reports;
        this.active = active;
        this.json = json;
    }

    @GetMapping("/evidence")
    String evidence(@RequestParam(required = false) String jurisdiction,
                    @RequestParam(required = false) String purpose,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    Principal principal, Model model, HttpServletResponse response) {
        model.addAttribute("purposes", active.current().reference().purposes().keySet());
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("purpose", purpose == null ? "GENAI_TRAINING" : purpose);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (jurisdiction == null && from == null && to == null) {
            return "evidence";
        }
        try {
            EvidenceReport report = reports.report(reports.check(jurisdiction, purpose, from, to), principal.getName());
            model.addAttribute("report", report);
            List<Map<String, String>> events = events(report);
            model.addAttribute("events", events);
            model.addAttribute("chart", chart(report, events));
        } catch (InvalidRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", e.errors());
        }
        return "evidence";
    }

    /** What the timeline draws: decisions per day, the periods the purpose was suspended, and the events. */
    private String chart(EvidenceReport report, List<Map<String, String>> events) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("from", report.from().toString());
        chart.put("to", report.to().toString());
        List<Object[]> permit = new ArrayList<>();
        List<Object[]> deny = new ArrayList<>();
        for (DailyDecisionCounts day : report.decisions().days()) {
            // At midday, so that each bar stands over its day.
            String noon = day.day() + "T12:00:00Z";
            permit.add(new Object[] {noon, day.byDecision().getOrDefault("PERMIT", 0L)});
            deny.add(new Object[] {noon, day.byDecision().getOrDefault("DENY", 0L)});
        }
        chart.put("permit", permit);
        chart.put("deny", deny);
        List<Map<String, String>> periods = new ArrayList<>();
        for (EvidenceReport.ActiveVersion version : report.versions()) {
            if (version.policy() != null && "SUSPENDED".equals(version.policy().status())) {
                Instant since = version.policy().since().isAfter(version.activeFrom()) ? version.policy().since()
                        : version.activeFrom();
                Instant until = version.activeUntil() == null ? report.to() : version.activeUntil();
                if (since.isBefore(until)) {
                    periods.add(Map.of("from", since.toString(), "to", until.toString(),
                            "label", "suspended (v" + version.version() + ")"));
                }
            }
        }
        chart.put("suspended", periods);
        chart.put("events", events);
        try {
            return json.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of the window in time order, numbered as the chart and its table show them. */
    private static List<Map<String, String>> events(EvidenceReport report) {
        List<Map<String, String>> events = new ArrayList<>();
        report.versions().stream().filter(v -> !v.activatedAt().isBefore(report.from()))
                .forEach(v -> events.add(event(v.activatedAt(), "version " + v.version() + " active")));
        for (EvidenceReport.EngagementEvidence engagement : report.engagements()) {
            events.add(event(engagement.openedAt(), engagement.regulator() + " engagement opened"));
            engagement.correspondence().forEach(c -> events.add(event(c.occurredOn().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    ("INBOUND".equals(c.direction()) ? "letter from " : "letter to ") + engagement.regulator())));
            if (engagement.closedAt() != null) {
                events.add(event(engagement.closedAt(), "engagement closed"));
            }
        }
        for (EvidenceReport.ChangeEvidence change : report.changes()) {
            events.add(event(change.requestedAt(), change.kind().toLowerCase(java.util.Locale.ROOT) + " requested"));
        }
        events.removeIf(e -> Instant.parse(e.get("at")).isBefore(report.from())
                || !Instant.parse(e.get("at")).isBefore(report.to()));
        events.sort(java.util.Comparator.comparing(e -> Instant.parse(e.get("at"))));
        List<Map<String, String>> numbered = new ArrayList<>();
        for (Map<String, String> event : events) {
            Map<String, String> withNumber = new LinkedHashMap<>(event);
            withNumber.put("n", Integer.toString(numbered.size() + 1));
            numbered.add(withNumber);
        }
        return numbered;
    }

    private static Map<String, String> event(Instant at, String label) {
        return Map.of("at", at.toString(), "label", label);
    }
}
