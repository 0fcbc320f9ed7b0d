package io.jurist.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/evidence")
@Tag(name = "Evidence", description = "What was done about a purpose in a jurisdiction, and who decided it")
class EvidenceController {

    private final EvidenceReports reports;

    EvidenceController(EvidenceReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Evidence for one jurisdiction, purpose and window",
            description = "For the window [from, to): the ruleset versions active and when (with the purpose's "
                    + "status there under each), the regulator engagements and their correspondence, the "
                    + "suspensions and re-enablements with every approval, rejection and comment, decision counts "
                    + "by outcome and reason per day, and the change history records behind them with the state "
                    + "of its hash chain. 'from' and 'to' are days (2024-09-01, meaning its start, UTC) or instants; "
                    + "'to' defaults to now and 'from' to 90 days before it. The same report as a printable page: "
                    + "/evidence with the same parameters.")
    @GetMapping
    EvidenceReport evidence(
            @Parameter(description = "ISO 3166-1 alpha-2 country code; UK and EL accepted", example = "GB")
            @RequestParam(required = false) String jurisdiction,
            @Parameter(example = "GENAI_TRAINING") @RequestParam(required = false) String purpose,
            @Parameter(example = "2024-09-01") @RequestParam(required = false) String from,
            @Parameter(example = "2024-12-01") @RequestParam(required = false) String to,
            Principal principal) {
        return reports.report(reports.check(jurisdiction, purpose, from, to), principal.getName());
    }
}
