package io.jurist.engagement;

import io.jurist.api.ApiException;
import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.jurist.facts.ConsentModel;
import io.jurist.facts.Countries;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.ApprovalWorkflow;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RequiredApprovals;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.Validation;
import io.jurist.workflow.Workflows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspensions and re-enablements: checks a request, starts its process, builds the candidate
 * version its process sends through rule change approval, and records the outcome with its event.
 */
@Service
public class JurisdictionChanges {

    static final String SUSPENSION_PROCESS = JurisdictionSuspensionVariables.PROCESS_KEY;
    static final String REENABLEMENT_PROCESS = ReenablementApprovalVariables.PROCESS_KEY;
    /** The gates of ReenablementApproval: the version of a re-enablement becomes active only with each approved. */
    static final List<String> REENABLEMENT_GATES = ReenablementApprovalVariables.GATES;

    private final JurisdictionChangeStore store;
    private final EngagementStore engagements;
    private final ActiveRuleset active;
    private final RulesetChanges rulesets;
    private final Workflows workflows;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JurisdictionChanges(JurisdictionChangeStore store, EngagementStore engagements, ActiveRuleset active,
                        RulesetChanges rulesets, Workflows workflows, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.engagements = engagements;
        this.active = active;
        this.rulesets = rulesets;
        this.workflows = workflows;
        this.events = events;
        this.clock = clock;
    }

    /** A checked request: normalised countries and the purpose. */
    record Checked(List<String> countries, String purpose) {
    }

    /** Checks the fields every suspension or re-enablement names. */
    Checked check(List<String> jurisdictions, String purpose, String reasonField, String reason, String engagementId,
                  List<FieldError> errors) {
        List<String> countries = new ArrayList<>();
        if (jurisdictions == null || jurisdictions.isEmpty()) {
            errors.add(new FieldError("jurisdictions", "is required: one or more ISO 3166-1 alpha-2 codes"));
        } else {
            for (int i = 0; i < jurisdictions.size(); i++) {
                Optional<String> code = Countries.normalize(jurisdictions.get(i));
                if (code.isEmpty()) {
                    errors.add(new FieldError("jurisdictions[" + i + "]", "'" + jurisdictions.get(i)
                            + "' is not an assigned ISO 3166-1 alpha-2 code (UK and EL accepted)"));
                } else if (!countries.contains(code.get())) {
                    countries.add(code.get());
                }
            }
        }
        CompiledRuleset ruleset = active.current();
        if (purpose == null || !ruleset.reference().purposes().containsKey(purpose)) {
            errors.add(new FieldError("purpose", "must be one of " + ruleset.reference().purposes().keySet()));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError(reasonField, "is required"));
        } else if (reason.length() > 2000) {
            errors.add(new FieldError(reasonField, "must be at most 2000 characters"));
        }
        if (engagementId != null && engagements.engagement(engagementId).isEmpty()) {
            errors.add(new FieldError("engagementId", "there is no engagement " + engagementId));
        }
        return new Checked(countries, purpose);
    }

    /** Starts a suspension: 409 when the purpose is already suspended (or being suspended) there. */
    @Transactional
    public Workflows.Started requestSuspension(List<String> jurisdictions, String purpose, String reason,
                                                      String engagementId, String requester) {
        List<FieldError> errors = new ArrayList<>();
        Checked checked = check(jurisdictions, purpose, "reason", reason, engagementId, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The suspension request is incomplete; nothing was started.", errors);
        }
        List<String> already = withStatus(checked, PurposeStatus.SUSPENDED);
        if (!already.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "Already suspended", purpose + " is already suspended in "
                    + already + "; a suspension there would change nothing.");
        }
        conflictIfPending(ChangeKind.SUSPENSION, checked);
        dryRun(suspensionFiles(checked, "(check)", reason, engagementId));
        String id = EngagementStore.newId("SUS");
        store.insertChange(id, ChangeKind.SUSPENSION, checked.countries(), purpose, null, reason, engagementId, requester);
        return startChange(id, SUSPENSION_PROCESS, checked, reason, engagementId, requester, null);
    }

    /** Starts a re-enablement: 409 when the purpose is not suspended in every jurisdiction named. */
    @Transactional
    public Workflows.Started requestReenablement(List<String> jurisdictions, String purpose, String consentModel,
                                                        String justification, String engagementId, String requester) {
        List<FieldError> errors = new ArrayList<>();
        Checked checked = check(jurisdictions, purpose, "justification", justification, engagementId, errors);
        if (consentModel == null || !List.of("OPT_IN", "OPT_OUT").contains(consentModel)) {
            errors.add(new FieldError("consentModel", "is required: OPT_IN or OPT_OUT"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The re-enablement request is incomplete; nothing was started.", errors);
        }
        List<String> notSuspended = withStatus(checked, PurposeStatus.ENABLED);
        if (!notSuspended.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "Not suspended", purpose + " is not suspended in "
                    + notSuspended + "; there is nothing to re-enable.");
        }
        conflictIfPending(ChangeKind.REENABLEMENT, checked);
        dryRun(reenablementFiles(checked, ConsentModel.valueOf(consentModel), "(check)", justification, engagementId));
        String id = EngagementStore.newId("REN");
        store.insertChange(id, ChangeKind.REENABLEMENT, checked.countries(), purpose, consentModel, justification,
                engagementId, requester);
        return startChange(id, REENABLEMENT_PROCESS, checked, justification, engagementId, requester, consentModel);
    }

    /**
     * Records a suspension asked for inside an engagement, by the person who decided it at triage (those
     * who may not approve it travel with its process); empty when everything is already suspended.
     */
    @Transactional
    public Optional<String> requestSuspensionForEngagement(String engagementId, List<String> countries, String purpose,
                                                           String reason, String requestedBy) {
        List<String> open = new ArrayList<>(countries);
        open.removeAll(withStatus(new Checked(countries, purpose), PurposeStatus.SUSPENDED));
        if (open.isEmpty()) {
            return Optional.empty();
        }
        String id = EngagementStore.newId("SUS");
        store.insertChange(id, ChangeKind.SUSPENSION, open, purpose, null, reason, engagementId, requestedBy);
        return Optional.of(id);
    }

    private void conflictIfPending(ChangeKind kind, Checked checked) {
        List<JurisdictionChange> pending = store.pending(kind, checked.purpose(), checked.countries());
        if (!pending.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "Already requested", "A " + kind.name().toLowerCase(Locale.ROOT)
                    + " of " + checked.purpose() + " there is already waiting for approval: " + pending.get(0).id());
        }
    }

    private List<String> withStatus(Checked checked, PurposeStatus status) {
        CompiledRuleset ruleset = active.current();
        Instant now = clock.instant();
        return checked.countries().stream().filter(c -> ruleset.reference().policy(c, checked.purpose(), now)
                .map(JurisdictionPolicy::status).orElse(null) == status).toList();
    }

    private void dryRun(RulesetFiles candidate) {
        Validation validation = rulesets.validate(candidate);
        if (!validation.valid()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "The change would break the rules",
                    "The rules with this change do not pass their checks; nothing was started. Fix the rules or "
                            + "their scenarios first.",
                    Map.of("errors", validation.problems(), "failedScenarios",
                            validation.failedScenarios().stream().map(s -> s.scenario().name()).toList()));
        }
    }

    private Workflows.Started startChange(String id, String process, Checked checked, String reason,
                                                 String engagementId, String requester, String consentModel) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(JurisdictionSuspensionVariables.CHANGE_ID, id);
        variables.put(JurisdictionSuspensionVariables.JURISDICTIONS, String.join(",", checked.countries()));
        variables.put(JurisdictionSuspensionVariables.PURPOSE, checked.purpose());
        variables.put(JurisdictionSuspensionVariables.REASON, reason);
        variables.put(JurisdictionSuspensionVariables.ENGAGEMENT_ID, engagementId);
        variables.put(JurisdictionSuspensionVariables.REQUESTERS, requester);
        variables.put(JurisdictionSuspensionVariables.REQUESTED_BY, requester);
        if (consentModel != null) {
            variables.put(ReenablementApprovalVariables.CONSENT_MODEL, consentModel);
        }
        Workflows.Started started = workflows.start(process, id, variables);
        store.linkChangeProcess(id, started.processInstanceId());
        return started;
    }

    RulesetFiles suspensionFiles(Checked checked, String changeId, String reason, String engagementId) {
        CompiledRuleset ruleset = active.current();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String since = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (String country : checked.countries()) {
            String model = ruleset.reference().policy(country, checked.purpose(), clock.instant())
                    .map(p -> p.model().name()).orElse(ConsentModel.OPT_IN.name());
            rows.put(country, List.of("SUSPENDED", model, since, reference("Suspension", changeId, engagementId, reason)));
        }
        return ruleset.files().with(Map.of(JurisdictionTable.PATH,
                JurisdictionTable.withRows(ruleset.files().files().get(JurisdictionTable.PATH), checked.purpose(), rows)));
    }

    RulesetFiles reenablementFiles(Checked checked, ConsentModel model, String changeId, String justification,
                                   String engagementId) {
        CompiledRuleset ruleset = active.current();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String since = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (String country : checked.countries()) {
            rows.put(country, List.of("ENABLED", model.name(), since,
                    reference("Re-enablement", changeId, engagementId, justification)));
        }
        return ruleset.files().with(Map.of(JurisdictionTable.PATH,
                JurisdictionTable.withRows(ruleset.files().files().get(JurisdictionTable.PATH), checked.purpose(), rows)));
    }

    private static String reference(String what, String changeId, String engagementId, String reason) {
        String text = what + " " + changeId + (engagementId == null ? "" : " (engagement " + engagementId + ")")
                + ": " + reason.replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    /**
     * Builds and stores the candidate version of a change, for its process to send through approval;
     * returns the variables RuleChangeApproval needs.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Map<String, Object> buildCandidate(String changeId, String requesters) {
        JurisdictionChange change = store.change(changeId).orElseThrow();
        Checked checked = new Checked(change.jurisdictions(), change.purpose());
        RulesetFiles files = change.kind() == ChangeKind.SUSPENSION
                ? suspensionFiles(checked, changeId, change.reason(), change.engagementId())
                : reenablementFiles(checked, ConsentModel.valueOf(change.consentModel()), changeId, change.reason(),
                        change.engagementId());
        String summary = (change.kind() == ChangeKind.SUSPENSION ? "Suspend " : "Re-enable (" + change.consentModel()
                + ") ") + change.purpose() + " in " + String.join(", ", change.jurisdictions()) + " (" + changeId
                + "): " + change.reason();
        List<String> askedBy = new ArrayList<>(List.of(change.requestedBy()));
        if (requesters != null) {
            askedBy.addAll(List.of(requesters.split(",")));
        }
        // A re-enablement's version also needs its own gates approved, whatever path its process took.
        List<RequiredApprovals.Gate> gates = change.kind() == ChangeKind.REENABLEMENT
                ? REENABLEMENT_GATES.stream().map(task -> new RequiredApprovals.Gate(changeId, task)).toList()
                : List.of();
        RulesetChanges.Prepared prepared = rulesets.prepare(summary, files, change.requestedBy(), askedBy, gates);
        store.changeBuilt(changeId, prepared.version());
        return Workflows.ruleChangeVariables(new ApprovalWorkflow.RuleChange(prepared.version(), summary,
                change.requestedBy(), requesters, prepared.impact().kind(), prepared.impact().summary(),
                prepared.baseVersion(), change.jurisdictions(), List.of(change.purpose())));
    }

    /**
     * Records the end of a change's process and publishes it ({@link JurisdictionChangeCompleted}, heard in this
     * transaction: the feed's event of an activated change). A change whose version did not become active (its
     * activation refused it, or the process was moved here) is recorded FAILED.
     */
    @Transactional
    public void complete(String changeId, String outcome, String reason) {
        JurisdictionChange change = store.change(changeId).orElseThrow();
        if ("ACTIVATED".equals(outcome)
                && (change.rulesetVersion() == null || !rulesets.wasActivated(change.rulesetVersion()))) {
            outcome = "FAILED";
            reason = "Its ruleset version " + (change.rulesetVersion() == null ? "was never built"
                    : change.rulesetVersion() + " did not become active") + "; nothing changed.";
        }
        boolean activated = "ACTIVATED".equals(outcome);
        store.completeChange(change, activated ? "ACTIVE" : outcome == null ? "REJECTED" : outcome, reason);
        events.publishEvent(new JurisdictionChangeCompleted(changeId, change.kind(), activated, change.rulesetVersion(),
                change.jurisdictions(), change.purpose(), change.consentModel(), change.reason()));
    }

}
