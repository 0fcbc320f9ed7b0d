package io.jurist.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.api.ApiException;
import io.jurist.audit.DecisionLog;
import io.jurist.audit.LoggedBatch;
import io.jurist.audit.LoggedDecision;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/decisions")
@Tag(name = "Decisions", description = "May this member's data be used for this purpose now?")
class DecisionController {

    static final String NDJSON = "application/x-ndjson";
    /** The response header of a batch answer naming the batch in the decision log. */
    static final String BATCH_ID = "Jurist-Batch-Id";

    private final Decider decider;
    private final BatchDecider batches;
    private final DecisionLog log;
    private final BatchLimits limits;
    private final BatchLimits.Running running;
    private final ObjectMapper json;

    DecisionController(Decider decider, BatchDecider batches, DecisionLog log, BatchLimits limits, ObjectMapper json) {
        this.decider = decider;
        this.batches = batches;
        this.log = log;
        this.limits = limits;
        this.running = new BatchLimits.Running(limits.maxConcurrentPerClient());
        this.json = json;
    }

    @Operation(summary = "Decide one request",
            description = "PERMIT or DENY with obligations, reasons and the ruleset version. "
                    + "Invalid input is answered 400 naming each bad field, never decided. Every decision is "
                    + "recorded in the decision log under its decisionId (GET /api/v1/decisions/{id}).")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionResponse decide(@RequestBody DecisionRequest request, Principal caller) {
        return decider.decide(request, caller.getName());
    }

    @Operation(summary = "Decide many requests, streamed",
            description = "NDJSON in, one request object a line (as for a single decision); NDJSON out, one line "
                    + "per input line in the same order: a decision as the single endpoint answers it, or "
                    + "{\"line\": N, \"error\": \"...\", \"errors\": [{field, message}]} for a line that cannot be "
                    + "decided (malformed, unknown field, invalid value, blank, longer than 64 KiB); a bad line "
                    + "never fails the others. Lines are numbered from 1; a final newline opens no line. Every "
                    + "line is decided by the ruleset version active when the batch began. Both directions "
                    + "stream; memory does not grow with the number of lines. An answer with fewer lines than "
                    + "the request was cut off by a failure and should be retried from the first missing line. "
                    + "The decision log records the batch as one summary (counts by country, purpose, decision "
                    + "and reasons, and the SHA-256 of the body) under the id in the Jurist-Batch-Id header. The body "
                    + "must keep arriving (by default at least 1 KB/s on average after its first 10 s): a slower one "
                    + "is cut, answered 408 if no answer line was sent yet. One client runs at most 4 batches at "
                    + "once (configurable); another is answered 429 with Retry-After.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = NDJSON, schema = @Schema(implementation = DecisionRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(
                    mediaType = NDJSON, schema = @Schema(implementation = DecisionResponse.class)),
                    headers = @Header(name = BATCH_ID, description = "the batch's id in the decision log",
                            schema = @Schema(type = "string", format = "uuid"))))
    @PostMapping(path = "/batch", consumes = NDJSON, produces = NDJSON)
    void decideBatch(HttpServletRequest request, HttpServletResponse response, Principal caller) throws IOException {
        String client = caller.getName();
        if (!running.enter(client)) {
            response.setHeader("Retry-After", "5");
            problem(response, HttpStatus.TOO_MANY_REQUESTS, "Too many batches", "At most "
                    + limits.maxConcurrentPerClient() + " batches of one client run at once; send this one when one "
                    + "of yours has finished.");
            return;
        }
        String[] batchId = new String[1];
        try {
            response.setContentType(NDJSON);
            batches.decide(new BatchLimits.MinimumRate(request.getInputStream(), limits), response.getOutputStream(),
                    client, id -> {
                        batchId[0] = id;
                        response.setHeader(BATCH_ID, id);
                    });
        } catch (BatchLimits.TooSlowException e) {
            if (response.isCommitted()) {
                // Answers are streaming already: the answer ends short, which says the batch was cut off.
                throw e;
            }
            response.reset();
            response.setHeader(BATCH_ID, batchId[0]);
            response.setHeader("Connection", "close");
            problem(response, HttpStatus.REQUEST_TIMEOUT, "Batch body too slow", e.getMessage());
        } finally {
            running.leave(client);
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    @Operation(summary = "A logged decision, or a logged batch",
            description = "The decision log's record for a decisionId (kind DECISION): who asked, when, the "
                    + "subject as a pseudonym (HMAC-SHA256 under the service's key, never the id), country, region, "
                    + "purpose, consent, age band, the instant asked about, decision, reason codes, the rules that "
                    + "fired and the ruleset version. For a batch id (the Jurist-Batch-Id header of a batch answer), "
                    + "the batch's summary (kind BATCH): line counts, counts by country, purpose, decision and "
                    + "reasons, and the SHA-256 of the input. The lines of a batch have records of their own only "
                    + "while per-line logging is on. Records are written asynchronously, normally within a second of "
                    + "the answer, and kept for the configured retention (400 days by default). Any authenticated "
                    + "caller may read them.",
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(oneOf = {LoggedDecision.class, LoggedBatch.class}))),
                    @ApiResponse(responseCode = "404", description = "no logged decision or batch has this id",
                            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                    schema = @Schema(implementation = ProblemDetail.class)))})
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Object logged(@Parameter(description = "a decisionId, or a batch id") @PathVariable String id) {
        return log.decision(id).<Object>map(decision -> decision)
                .or(() -> log.batch(id))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Not found",
                        "No logged decision or batch has the id '" + id + "'. Decisions are logged within about a "
                                + "second of their answer; a batch's lines have records of their own only when "
                                + "per-line logging is on (look the batch up by its Jurist-Batch-Id); records "
                                + "older than the retention are deleted."));
    }
}
