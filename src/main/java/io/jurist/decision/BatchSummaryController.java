package io.jurist.decision;

import io.jurist.api.ApiException;
import io.jurist.api.FieldError;
import io.jurist.api.InstantRange;
import io.jurist.api.InvalidRequestException;
import io.jurist.audit.DecisionLog;
import io.jurist.audit.LoggedBatch;
import io.jurist.audit.LoggedDecision;
import io.jurist.facts.Countries;
import io.jurist.ruleset.PolicySnapshot;
import io.jurist.ruleset.PolicySnapshots;
import io.jurist.ruleset.RulesetStore;
import io.jurist.ruleset.RulesetVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Summaries of batches decided where the data lives (the Spark job, from a version's snapshot): recorded in the
 * decision log as batches, so that the evidence report counts them as it counts the bulk endpoint's.
 */
@RestController
@RequestMapping("/api/v1/decisions")
@Tag(name = "Decisions")
class BatchSummaryController {

    /** At most this many count lines in one summary (countries x decisions x reason sets stays far below). */
    static final int MAX_COUNTS = 10_000;
    /** At most this many decisions in one count, and in one summary. */
    static final long MAX_DECISIONS = 1_000_000_000_000L;
    /** How long the answer waits for the summary to be written before it says 503. */
    static final Duration WRITE_WITHIN = Duration.ofSeconds(10);
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    /** How far past now a run may say it finished (clocks differ a little). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * A batch decided elsewhere.
     *
     * @param ruleset     the version (and its revision) whose snapshot decided every row
     * @param purpose     the purpose every row was decided for
     * @param inputSha256 {@code sha256:} and the hex SHA-256 that identifies the input (its files' bytes, or a table
     *                    snapshot's id)
     * @param startedAt   when the run began (its day counts the decisions, as for a bulk batch)
     * @param finishedAt  when it ended
     * @param rows        rows read
     * @param decided     rows decided (the sum of the counts)
     * @param invalid     rows that could not be decided (the service would refuse them)
     * @param counts      decisions by country, decision and reason codes
     */
    record Summary(LoggedDecision.RulesetRef ruleset, String purpose, String inputSha256, Instant startedAt,
                   Instant finishedAt, Long rows, Long decided, Long invalid, List<SummaryCount> counts) {
    }

    /**
     * Decisions of one country with one decision and one set of reason codes.
     *
     * @param country     ISO 3166-1 alpha-2 as decided (GB, not UK)
     * @param decision    PERMIT or DENY
     * @param reasonCodes the decisive reason codes
     * @param decisions   how many
     */
    record SummaryCount(String country, String decision, List<String> reasonCodes, Long decisions) {
    }

    private final DecisionLog log;
    private final RulesetStore store;
    private final PolicySnapshots snapshots;
    private final Clock clock;

    BatchSummaryController(DecisionLog log, RulesetStore store, PolicySnapshots snapshots, Clock clock) {
        this.log = log;
        this.store = store;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Operation(summary = "Record the summary of a batch decided from a snapshot (the Spark job)",
            description = "For the data platform. The summary of a run that decided a members table with the "
                    + "snapshot of one version and purpose (GET /api/v1/rulesets/{version}/snapshot): counts by "
                    + "country, decision and reason codes, the row counts and the input's SHA-256. It is checked "
                    + "against that version's snapshot (the revision must be the version's, and every country, "
                    + "decision and set of reason codes must be one the snapshot gives) and recorded in the decision "
                    + "log as a batch, which the evidence report counts like a bulk batch. Answered 201 only once it "
                    + "is written; GET /api/v1/decisions/{batchId} reads it back.",
            responses = {
                @ApiResponse(responseCode = "201", description = "Recorded",
                        content = @io.swagger.v3.oas.annotations.media.Content(
                                schema = @Schema(implementation = LoggedBatch.class))),
                @ApiResponse(responseCode = "400", description = "An invalid summary; each bad field is named"),
                @ApiResponse(responseCode = "409", description = "The revision is not the version's"),
                @ApiResponse(responseCode = "503", description = "The decision log did not write it in time")})
    @PostMapping(path = "/summaries", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LoggedBatch> record(@RequestBody Summary summary, Principal caller) {
        List<FieldError> errors = new ArrayList<>();
        RulesetVersion version = version(summary, errors);
        checkRun(summary, errors);
        boolean sameRevision = version != null && version.revision().equals(summary.ruleset().revision());
        List<LoggedBatch.Count> counts = List.of();
        if (sameRevision && summary.purpose() != null && summary.counts() != null
                && summary.counts().size() <= MAX_COUNTS) {
            // 400 for a purpose the version does not know.
            PolicySnapshot snapshot = snapshots.of(version.version(), summary.purpose());
            counts = counts(summary, snapshot, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The summary is invalid", errors);
        }
        if (!sameRevision) {
            throw new ApiException(HttpStatus.CONFLICT, "Not the version's revision", "Version "
                    + version.version() + " has revision " + version.revision() + ", not "
                    + summary.ruleset().revision() + ": the run did not use this version's snapshot.");
        }
        String id = UUID.randomUUID().toString();
        LoggedBatch batch = new LoggedBatch(id, caller.getName(), summary.startedAt(), summary.finishedAt(),
                "COMPLETE", summary.rows(), summary.decided(), summary.invalid(), summary.inputSha256(),
                new LoggedDecision.RulesetRef(version.version(), version.revision()), false, 0, counts);
        if (!log.recordSummary(batch, WRITE_WITHIN)) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Not recorded", "The decision log did not "
                    + "write the summary within " + WRITE_WITHIN.toSeconds() + " s; send it again later.");
        }
        LoggedBatch written = log.batch(id).orElse(batch);
        return ResponseEntity.created(URI.create("/api/v1/decisions/" + id)).body(written);
    }

    private RulesetVersion version(Summary summary, List<FieldError> errors) {
        LoggedDecision.RulesetRef ref = summary.ruleset();
        if (ref == null || ref.revision() == null) {
            errors.add(new FieldError("ruleset", "is required: the version and revision of the snapshot used"));
            return null;
        }
        RulesetVersion version = store.find(ref.version()).orElse(null);
        if (version == null) {
            errors.add(new FieldError("ruleset.version", "there is no version " + ref.version()));
        }
        return version;
    }

    private void checkRun(Summary summary, List<FieldError> errors) {
        if (summary.purpose() == null) {
            errors.add(new FieldError("purpose", "is required"));
        }
        if (summary.inputSha256() == null || !SHA256.matcher(summary.inputSha256()).matches()) {
            errors.add(new FieldError("inputSha256", "must be sha256: and 64 lower-case hex digits"));
        }
        if (summary.startedAt() == null || !InstantRange.contains(summary.startedAt())) {
            errors.add(new FieldError("startedAt", "is required, " + InstantRange.DESCRIPTION));
        }
        if (summary.finishedAt() == null || summary.startedAt() != null
                && summary.finishedAt().isBefore(summary.startedAt())) {
            errors.add(new FieldError("finishedAt", "is required, not before startedAt"));
        } else if (summary.finishedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            errors.add(new FieldError("finishedAt", "is in the future"));
        }
        checkCount("rows", summary.rows(), errors);
        checkCount("decided", summary.decided(), errors);
        checkCount("invalid", summary.invalid(), errors);
        if (summary.rows() != null && summary.decided() != null && summary.invalid() != null
                && summary.rows() != summary.decided() + summary.invalid()) {
            errors.add(new FieldError("rows", "must be decided + invalid"));
        }
        if (summary.counts() == null) {
            errors.add(new FieldError("counts", "is required"));
        } else if (summary.counts().size() > MAX_COUNTS) {
            errors.add(new FieldError("counts", "at most " + MAX_COUNTS + " lines"));
        }
    }

    private static void checkCount(String field, Long value, List<FieldError> errors) {
        if (value == null || value < 0 || value > MAX_DECISIONS) {
            errors.add(new FieldError(field, "is required, 0 to " + MAX_DECISIONS));
        }
    }

    /** The counts, each checked against what the snapshot can answer for its country. */
    private static List<LoggedBatch.Count> counts(Summary summary, PolicySnapshot snapshot, List<FieldError> errors) {
        Set<String> answers = new HashSet<>();
        for (PolicySnapshot.Row row : snapshot.rows()) {
            answers.add(row.country() + "|" + row.decision().name() + "|" + String.join(",", row.reasonCodes()));
        }
        Set<String> seen = new HashSet<>();
        List<LoggedBatch.Count> counts = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < summary.counts().size(); i++) {
            SummaryCount count = summary.counts().get(i);
            String field = "counts[" + i + "]";
            if (count == null || count.country() == null || count.decision() == null || count.reasonCodes() == null
                    || count.reasonCodes().contains(null)) {
                errors.add(new FieldError(field, "needs country, decision, reasonCodes and decisions"));
                continue;
            }
            if (count.decisions() == null || count.decisions() < 0 || count.decisions() > MAX_DECISIONS) {
                errors.add(new FieldError(field + ".decisions", "is required, 0 to " + MAX_DECISIONS));
                continue;
            }
            if (!Countries.assigned().contains(count.country())) {
                errors.add(new FieldError(field + ".country", "'" + count.country()
                        + "' is not an assigned ISO 3166-1 alpha-2 code in upper case"));
                continue;
            }
            List<String> reasons = count.reasonCodes().stream().sorted().toList();
            String key = count.country() + "|" + count.decision() + "|" + String.join(",", reasons);
            if (!answers.contains(key)) {
                errors.add(new FieldError(field, "version " + snapshot.version() + " never answers "
                        + count.decision() + " " + reasons + " for " + count.country() + " and "
                        + snapshot.purpose()));
                continue;
            }
            if (!seen.add(key)) {
                errors.add(new FieldError(field, "repeats an earlier line's country, decision and reason codes"));
                continue;
            }
            total += count.decisions();
            counts.add(new LoggedBatch.Count(count.country(), snapshot.purpose(), count.decision(), reasons,
                    count.decisions()));
        }
        if (errors.isEmpty() && summary.decided() != null && summary.decided() != total) {
            errors.add(new FieldError("decided", "is " + summary.decided() + ", the counts add up to " + total));
        }
        return counts;
    }
}
