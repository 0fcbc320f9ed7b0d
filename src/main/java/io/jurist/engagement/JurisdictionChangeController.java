package io.jurist.engagement;

import io.jurist.api.ApiException;
import io.jurist.workflow.ProcessView;
import io.jurist.workflow.Workflows;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Suspensions and re-enablements", description = "Stop a purpose in jurisdictions, or resume it")
class JurisdictionChangeController {

    /** A suspension as the contract takes it. */
    record SuspensionRequest(List<String> jurisdictions, String purpose, String reason, String engagementId) {
    }

    /** A re-enablement as the contract takes it. */
    record ReenablementRequest(List<String> jurisdictions, String purpose, String consentModel, String justification,
                               String engagementId) {
    }

    /** A request with where its process stands. */
    record ChangeView(String id, JurisdictionChange change, ProcessView process) {
    }

    private final JurisdictionChanges changes;
    private final EngagementStore store;
    private final Workflows workflows;

    JurisdictionChangeController(JurisdictionChanges changes, EngagementStore store, Workflows workflows) {
        this.changes = changes;
        this.store = store;
        this.workflows = workflows;
    }

    @Operation(summary = "Suspend a purpose in jurisdictions", description = "Starts JurisdictionSuspension "
            + "(one legal approval). 409 when it is already suspended there or a suspension is pending.")
    @PostMapping("/api/v1/suspensions")
    ResponseEntity<Map<String, Object>> suspend(@RequestBody SuspensionRequest request, Principal principal) {
        Workflows.Started started = changes.requestSuspension(request.jurisdictions(), request.purpose(),
                request.reason(), request.engagementId(), principal.getName());
        return created("/api/v1/suspensions/", started);
    }

    @Operation(summary = "Re-enable a suspended purpose under a consent model", description = "Starts "
            + "ReenablementApproval: DPIA (DPO), legal basis (legal), regulator's position (legal), then the "
            + "permissive rule change path. 409 when it is not suspended there.")
    @PostMapping("/api/v1/reenablements")
    ResponseEntity<Map<String, Object>> reenable(@RequestBody ReenablementRequest request, Principal principal) {
        Workflows.Started started = changes.requestReenablement(request.jurisdictions(), request.purpose(),
                request.consentModel(), request.justification(), request.engagementId(), principal.getName());
        return created("/api/v1/reenablements/", started);
    }

    @Operation(summary = "Every suspension request, newest first", description = "Each with its jurisdictions, "
            + "purpose, reason, requester, status (REQUESTED, ACTIVE, REJECTED, FAILED) and ruleset version. Any "
            + "authenticated caller.")
    @GetMapping("/api/v1/suspensions")
    List<JurisdictionChange> suspensions() {
        return store.changes(ChangeKind.SUSPENSION);
    }

    @Operation(summary = "A suspension request with its process state and open tasks", description = "The request "
            + "and its JurisdictionSuspension process: where it stands, the tasks open in it and the approvals given. "
            + "404 when there is no suspension with that id.")
    @GetMapping("/api/v1/suspensions/{id}")
    ChangeView suspension(@PathVariable String id) {
        return view(id, ChangeKind.SUSPENSION);
    }

    @Operation(summary = "Every re-enablement request, newest first", description = "Each with its jurisdictions, "
            + "purpose, consent model, justification, requester, status and ruleset version. Any authenticated caller.")
    @GetMapping("/api/v1/reenablements")
    List<JurisdictionChange> reenablements() {
        return store.changes(ChangeKind.REENABLEMENT);
    }

    @Operation(summary = "A re-enablement request with its process state, gates and open tasks", description = "The "
            + "request and its ReenablementApproval process: the DPIA, legal basis and regulator's position gates, "
            + "the tasks open and the approvals given. 404 when there is no re-enablement with that id.")
    @GetMapping("/api/v1/reenablements/{id}")
    ChangeView reenablement(@PathVariable String id) {
        return view(id, ChangeKind.REENABLEMENT);
    }

    private ChangeView view(String id, ChangeKind kind) {
        JurisdictionChange change = store.change(id).filter(c -> c.kind() == kind).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "Not found", "There is no " + kind.name().toLowerCase(
                        java.util.Locale.ROOT) + " " + id + "."));
        return new ChangeView(id, change, workflows.view(change.processInstanceId()).orElse(null));
    }

    private static ResponseEntity<Map<String, Object>> created(String path, Workflows.Started started) {
        return ResponseEntity.created(URI.create(path + started.businessKey())).body(Map.of("id",
                started.businessKey(), "processInstanceId", started.processInstanceId(), "businessKey",
                started.businessKey()));
    }
}
