package io.jurist.decision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/decisions")
@Tag(name = "Decisions", description = "May this member's data be used for this purpose now?")
class DecisionController {

    static final String NDJSON = "application/x-ndjson";

    private final Decider decider;
    private final BatchDecider batches;

    DecisionController(Decider decider, BatchDecider batches) {
        this.decider = decider;
        this.batches = batches;
    }

    @Operation(summary = "Decide one request",
            description = "PERMIT or DENY with obligations, reasons and the ruleset version. "
                    + "Invalid input is answered 400 naming each bad field, never decided.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionResponse decide(@RequestBody DecisionRequest request) {
        return decider.decide(request);
    }

    @Operation(summary = "Decide many requests, streamed",
            description = "NDJSON in, one request object a line (as for a single decision); NDJSON out, one line "
                    + "per input line in the same order: a decision as the single endpoint answers it, or "
                    + "{\"line\": N, \"error\": \"...\", \"errors\": [{field, message}]} for a line that cannot be "
                    + "decided (malformed, unknown field, invalid value, blank, longer than 64 KiB); a bad line "
                    + "never fails the others. Lines are numbered from 1; a final newline opens no line. Every "
                    + "line is decided by the ruleset version active when the batch began. Both directions "
                    + "stream; memory does not grow with the number of lines. An answer with fewer lines than "
                    + "the request was cut off by a failure and should be retried from the first missing line.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = NDJSON, schema = @Schema(implementation = DecisionRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(
                    mediaType = NDJSON, schema = @Schema(implementation = DecisionResponse.class))))
    @PostMapping(path = "/batch", consumes = NDJSON, produces = NDJSON)
    void decideBatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        batches.decide(request.getInputStream(), response.getOutputStream());
    }
}
