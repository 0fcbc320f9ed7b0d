package io.jurist.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.api.ApiException;
import io.jurist.audit.Change;
import io.jurist.audit.ChangeHistory;
import io.jurist.audit.ChangeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way rules change: validate a candidate, store it as a proposed version with its impact,
 * hand it to its approval workflow, and activate it when approved, by one compare-and-set.
 */
@Service
public class RulesetChanges {

    private static final Logger log = LoggerFactory.getLogger(RulesetChanges.class);

    private final RulesetStore store;
    private final RulesetCompiler compiler;
    private final ActiveRuleset active;
    private final CandidateValidation validation;
    private final ApprovalWorkflow workflow;
    private final ChangeHistory history;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    RulesetChanges(RulesetStore store, RulesetCompiler compiler, ActiveRuleset active, CandidateValidation validation,
                   ApprovalWorkflow workflow, ChangeHistory history, ApplicationEventPublisher events, ObjectMapper json) {
        this.store = store;
        this.compiler = compiler;
        this.active = active;
        this.validation = validation;
        this.workflow = workflow;
        this.history = history;
        this.events = events;
        this.json = json;
    }

    /**
     * Checks candidate files: the rule language's refusals and compile errors, failing scenarios, and the
     * impact against the active version when they compile; within the validation budget, off the caller's
     * thread (past it: 422, nothing submitted).
     */
    public Validation validate(RulesetFiles candidate) {
        return validation.validate(candidate);
    }

    /** The candidate: the active version's files with the changes applied (a null content removes a file). */
    public RulesetFiles candidate(Integer restoreVersion, Map<String, String> changes) {
        RulesetFiles start;
        if (restoreVersion != null) {
            if (store.find(restoreVersion).isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "No such version to restore",
                        "There is no ruleset version " + restoreVersion + " to restore.");
            }
            start = store.files(restoreVersion);
        } else {
            start = active.current().files();
        }
        return changes == null ? start : start.with(changes);
    }

    /**
     * Validates and stores a proposed version with its impact, without starting a process: for a
     * process that runs the approval as its own call activity. Invalid candidates are refused (422).
     */
    // A refusal (ApiException) leaves a calling process's transaction usable: its workflow records the failure.
    @Transactional(noRollbackFor = ApiException.class)
    public Prepared prepare(String summary, RulesetFiles candidate, String proposer) {
        return prepare(summary, candidate, proposer, List.of(proposer), List.of());
    }

    /**
     * As {@link #prepare(String, RulesetFiles, String)}, recording who asked for the change (none of them
     * may give an approval its activation needs) and the further approvals it needs (a re-enablement's gates).
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Prepared prepare(String summary, RulesetFiles candidate, String proposer, Collection<String> requesters,
                            List<RequiredApprovals.Gate> gates) {
        CompiledRuleset base = active.current();
        if (candidate.revision().equals(base.revision())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Nothing to change",
                    "The proposed files are identical to the active version " + base.version() + ".");
        }
        Validation validation = validate(candidate);
        if (!validation.valid()) {
            // Nothing of the proposal is stored, but that it was tried and why it was refused is kept.
            history.appendSeparately(Change.of(ChangeType.PROPOSAL_REFUSED, proposer, "ruleset:proposal")
                    .withVersion(base.version())
                    .with("summary", summary).with("revision", candidate.revision())
                    .with("problems", validation.problems())
                    .with("failedScenarios", validation.failedScenarios().stream()
                            .map(r -> Map.of("scenario", r.scenario().name(), "failures", r.failures())).toList()));
        }
        validation.throwIfInvalid();
        int version = store.insert(candidate, RulesetStatus.PROPOSED, summary, proposer, base.version());
        List<String> askedBy = new ArrayList<>(List.of(proposer));
        askedBy.addAll(requesters);
        store.recordRequesters(version, askedBy);
        store.recordGates(version, gates);
        Impact impact = validation.impact();
        store.recordImpact(version, impact.kind().name(), toJson(impact));
        String subject = "ruleset:" + version;
        List<String> countries = List.copyOf(impact.byCountry().keySet());
        List<String> purposes = List.copyOf(impact.byPurpose().keySet());
        history.append(Change.of(ChangeType.PROPOSAL_SUBMITTED, proposer, subject).withVersion(version)
                .concerning(countries, purposes)
                .with("summary", summary).with("baseVersion", base.version()).with("revision", candidate.revision())
                .with("files", base.files().changesTo(candidate).stream()
                        .map(f -> f.change() + " " + f.path()).toList()));
        history.append(Change.of(ChangeType.VALIDATION_PASSED, proposer, subject).withVersion(version)
                .with("compiled", true).with("scenariosPassed", validation.scenarios().size()));
        history.append(Change.of(ChangeType.IMPACT_ANALYSED, proposer, subject).withVersion(version)
                .concerning(countries, purposes)
                .with("kind", impact.kind().name()).with("summary", impact.summary())
                .with("permitToDeny", impact.permitToDeny()).with("denyToPermit", impact.denyToPermit())
                .with("byCountry", impact.byCountry()).with("recent", impact.recent()));
        return new Prepared(version, base.version(), impact);
    }

    /**
     * Validates, stores and submits a proposal to its RuleChangeApproval process. Invalid candidates
     * are refused with 422 before any process starts; the version and its process start in one
     * transaction.
     */
    @Transactional
    public Proposed propose(String summary, RulesetFiles candidate, String proposer) {
        Prepared prepared = prepare(summary, candidate, proposer);
        ApprovalWorkflow.Started started = workflow.startRuleChange(new ApprovalWorkflow.RuleChange(
                prepared.version(), summary, proposer, proposer, prepared.impact().kind(),
                prepared.impact().summary(), prepared.baseVersion(),
                List.copyOf(prepared.impact().byCountry().keySet()), List.copyOf(prepared.impact().byPurpose().keySet())));
        // The process's start listener has linked the version to it (as for processes that call it).
        log.info("Version {} proposed by {} ({}), approval process {}", prepared.version(), proposer,
                prepared.impact().kind(), started.processInstanceId());
        return new Proposed(prepared.version(), prepared.baseVersion(), started.processInstanceId(),
                started.businessKey(), prepared.impact());
    }

    /** Links a version to the process instance that governs it. */
    public void linkProcess(int version, String processInstanceId) {
        store.linkProcess(version, processInstanceId);
    }

    /**
     * Activates an approved version if its base is still the active one; otherwise throws
     * {@link StaleBaseException}, which leaves the caller's transaction intact so that the workflow
     * can record the failure. A version without the approvals it needs is refused in the same
     * compare-and-set ({@link NotApprovedException}), whoever calls. Called by the approval workflow.
     */
    @Transactional(noRollbackFor = {StaleBaseException.class, NotApprovedException.class})
    public CompiledRuleset activate(int version, String activatedBy) {
        RulesetVersion proposed = store.find(version).orElseThrow(
                () -> new IllegalArgumentException("No ruleset version " + version));
        if (proposed.status() != RulesetStatus.PROPOSED) {
            throw new IllegalStateException("Version " + version + " is " + proposed.status() + ", not PROPOSED");
        }
        int base = proposed.baseVersion();
        int current = store.activeVersion().orElseThrow();
        // Compiled before the swap, so that the swap itself is one reference assignment.
        CompiledRuleset compiled = compiler.compile(version, store.files(version), null);
        if (current != base || !store.activate(version, base, activatedBy)) {
            String reason = "Version " + version + " was based on version " + base + ", but version " + current
                    + " has been activated since; activating it would silently drop that change. "
                    + "Re-propose the change on top of version " + current + ".";
            throw new StaleBaseException(reason);
        }
        Impact impact = store.impactJson(version).map(this::impactOf).orElse(null);
        List<String> countries = impact == null ? List.of() : List.copyOf(impact.byCountry().keySet());
        List<String> purposes = impact == null ? List.of() : List.copyOf(impact.byPurpose().keySet());
        history.append(Change.of(ChangeType.VERSION_ACTIVATED, activatedBy, "ruleset:" + version)
                .withVersion(version).withProcess(proposed.processInstanceId())
                .concerning(countries, purposes)
                .with("revision", compiled.revision()).with("previousVersion", current)
                .with("summary", proposed.summary()).with("proposedBy", proposed.proposedBy()));
        // Heard in this transaction (the feed): a listener that fails rolls the activation back.
        events.publishEvent(new RulesetActivated(version, compiled.revision(), current, proposed.summary(), activatedBy,
                proposed.proposedBy(), proposed.processInstanceId(), countries, purposes));
        CompiledRuleset activated = compiled.as(version, store.find(version).orElseThrow().activatedAt());
        afterCommit(() -> active.publish(activated));
        return activated;
    }

    /** Whether a version became active (it may have been superseded since). */
    public boolean wasActivated(int version) {
        return store.find(version).map(v -> v.activatedAt() != null).orElse(false);
    }

    /** Ends a proposal that was rejected or could not be activated. */
    @Transactional
    public void close(int version, RulesetStatus status, String reason) {
        store.close(version, status, reason);
        RulesetVersion closed = store.find(version).orElseThrow();
        history.append(Change.of(ChangeType.VERSION_CLOSED, "jurist", "ruleset:" + version).withVersion(version)
                .withProcess(closed.processInstanceId())
                .with("status", status.name()).with("reason", reason).with("summary", closed.summary()));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private Impact impactOf(String impactJson) {
        try {
            return json.readValue(impactJson, Impact.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored impact of a version is not readable", e);
        }
    }

    private String toJson(Impact impact) {
        try {
            return json.writeValueAsString(impact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A proposed version stored with its impact.
     *
     * @param version     the new version's number
     * @param baseVersion the active version it is based on
     * @param impact      what it would change
     */
    public record Prepared(int version, int baseVersion, Impact impact) {
    }

    /**
     * A proposal that was stored and handed to its workflow.
     *
     * @param version           the new version's number
     * @param baseVersion       the active version it is based on
     * @param processInstanceId its approval process
     * @param businessKey       the process's business key
     * @param impact            what it would change
     */
    public record Proposed(int version, int baseVersion, String processInstanceId, String businessKey, Impact impact) {
    }
}
