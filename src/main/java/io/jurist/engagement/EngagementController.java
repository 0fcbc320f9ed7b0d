package io.jurist.engagement;

import io.jurist.api.ApiException;
import io.jurist.workflow.ProcessView;
import io.jurist.workflow.Workflows;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/engagements")
@Tag(name = "Engagements", description = "Regulator engagements: triage, correspondence, outcome")
class EngagementController {

    /** An engagement as the contract takes it. */
    record OpenRequest(String regulator, List<String> jurisdictions, String purpose, String summary) {
    }

    /** Correspondence with the regulator. */
    record CorrespondenceRequest(String direction, String date, String summary, String regulatorPosition) {
    }

    /** One moment in an engagement's life. */
    record TimelineEntry(Instant at, String event, String by, String details) {
    }

    /** An engagement with everything that happened in it. */
    record EngagementView(String id, Engagement engagement, List<Correspondence> correspondence,
                          List<JurisdictionChange> changes, List<TimelineEntry> timeline, ProcessView process) {
    }

    private final Engagements engagements;
    private final EngagementStore store;
    private final Workflows workflows;

    EngagementController(Engagements engagements, EngagementStore store, Workflows workflows) {
        this.engagements = engagements;
        this.store = store;
        this.workflows = workflows;
    }

    @Operation(summary = "Open an engagement", description = "Starts RegulatorEngagement: legal triages the "
            + "concern and may suspend at once; then correspondence is awaited with a reminder.")
    @PostMapping
    ResponseEntity<Map<String, Object>> open(@RequestBody OpenRequest request, Principal principal) {
        Workflows.Started started = engagements.open(request.regulator(), request.jurisdictions(),
                request.purpose(), request.summary(), principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + started.businessKey())).body(Map.of(
                "id", started.businessKey(), "processInstanceId", started.processInstanceId(),
                "businessKey", started.businessKey()));
    }

    @Operation(summary = "Every engagement, newest first", description = "Each with its regulator, jurisdictions, "
            + "purpose, summary, status (OPEN, CLOSED) and outcome. Any authenticated caller.")
    @GetMapping
    List<Engagement> list() {
        return store.engagements();
    }

    @Operation(summary = "An engagement: its state, timeline, correspondence, suspensions and open tasks",
            description = "The engagement, the correspondence recorded, the suspensions it led to and its "
                    + "RegulatorEngagement process with its open tasks. 404 when there is no engagement with that id.")
    @GetMapping("/{id}")
    EngagementView get(@PathVariable String id) {
        Engagement engagement = store.engagement(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "No such engagement", "There is no engagement " + id + "; GET /api/v1/engagements lists them."));
        List<Correspondence> correspondence = store.correspondence(id);
        List<JurisdictionChange> changes = store.changesOfEngagement(id);
        ProcessView process = workflows.view(engagement.processInstanceId()).orElse(null);
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(engagement.createdAt(), "OPENED", engagement.requestedBy(),
                engagement.regulator() + ": " + engagement.summary()));
        if (process != null) {
            process.approvals().forEach(a -> timeline.add(new TimelineEntry(a.decidedAt(), a.taskKey(), a.user(),
                    a.taskName() + (a.comment() == null ? "" : ": " + a.comment()) + " " + a.evidence())));
        }
        correspondence.forEach(c -> timeline.add(new TimelineEntry(c.recordedAt(), "CORRESPONDENCE_" + c.direction(),
                c.recordedBy(), c.occurredOn() + ": " + c.summary()
                        + (c.regulatorPosition() == null ? "" : " (position: " + c.regulatorPosition() + ")"))));
        changes.forEach(c -> {
            timeline.add(new TimelineEntry(c.createdAt(), c.kind() + "_REQUESTED", c.requestedBy(),
                    c.id() + " " + c.jurisdictions()));
            if (c.completedAt() != null) {
                timeline.add(new TimelineEntry(c.completedAt(), c.kind() + "_" + c.status(), null,
                        c.id() + (c.rulesetVersion() == null ? "" : " in ruleset version " + c.rulesetVersion())));
            }
        });
        if (engagement.closedAt() != null) {
            timeline.add(new TimelineEntry(engagement.closedAt(), "CLOSED", null, engagement.outcome()
                    + (engagement.outcomeComment() == null ? "" : ": " + engagement.outcomeComment())));
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at));
        return new EngagementView(id, engagement, correspondence, changes, timeline, process);
    }

    @Operation(summary = "Record correspondence with the regulator", description = "Recorded, and delivered to the "
            + "engagement's process, which restarts its reminder period.")
    @PostMapping("/{id}/correspondence")
    ResponseEntity<Map<String, Object>> correspondence(@PathVariable String id,
                                                       @RequestBody CorrespondenceRequest request, Principal principal) {
        boolean delivered = engagements.recordCorrespondence(id, request.direction(), request.date(),
                request.summary(), request.regulatorPosition(), principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("engagementId", id, "deliveredToProcess",
                delivered));
    }
}
