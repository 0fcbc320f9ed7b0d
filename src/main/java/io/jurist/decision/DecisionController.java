package io.jurist.decision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/decisions")
@Tag(name = "Decisions", description = "May this member's data be used for this purpose now?")
class DecisionController {

    private final Decider decider;

    DecisionController(Decider decider) {
        this.decider = decider;
    }

    @Operation(summary = "Decide one request",
            description = "PERMIT or DENY with obligations, reasons and the ruleset version. "
                    + "Invalid input is answered 400 naming each bad field, never decided.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionResponse decide(@RequestBody DecisionRequest request) {
        return decider.decide(request);
    }
}
