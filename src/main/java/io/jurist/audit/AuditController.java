package io.jurist.audit;

import io.jurist.api.FieldError;
import io.jurist.api.InstantRange;
import io.jurist.api.InvalidRequestException;
import io.jurist.api.Paging;
import io.jurist.facts.Countries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The hash-chained change history and its verification")
class AuditController {

    /** A page of the history and the sequence number to ask with next. */
    record HistoryPage(List<HistoryRecord> records, long next) {
    }

    private final ChangeHistory history;

    AuditController(ChangeHistory history) {
        this.history = history;
    }

    @Operation(summary = "Recompute the change history's chain",
            description = "Reads every record in order and recomputes its hash from its fields and the previous "
                    + "record's hash. 'intact' is false when any record was edited, removed, inserted or reordered "
                    + "since it was written; 'firstBroken' names the first such record and what is wrong with it. "
                    + "Keep 'lastHash' elsewhere to be able to prove later that the history up to it was not "
                    + "rewritten as a whole.")
    @GetMapping("/verify")
    Verification verify() {
        return history.verify();
    }

    @Operation(summary = "Records of the change history, in chain order",
            description = "Pass the last 'seq' you saw as 'after' (0 for the start). Optional filters: "
                    + "'jurisdiction' (a country; aliases accepted), 'purpose', and the window [from, to).")
    @GetMapping("/history")
    HistoryPage history(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit,
                        @RequestParam(required = false) String jurisdiction,
                        @RequestParam(required = false) String purpose,
                        @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        Paging.check(after, limit, "a 'seq'");
        String country = null;
        if (jurisdiction != null) {
            country = Countries.normalize(jurisdiction).orElseThrow(() -> new InvalidRequestException(
                    "'jurisdiction' is not a country code", List.of(new FieldError("jurisdiction",
                            "must be an ISO 3166-1 alpha-2 code (UK and EL accepted)"))));
        }
        List<FieldError> outside = new ArrayList<>();
        if (from != null && !InstantRange.contains(from)) {
            outside.add(InstantRange.outside("from", from.toString()));
        }
        if (to != null && !InstantRange.contains(to)) {
            outside.add(InstantRange.outside("to", to.toString()));
        }
        if (!outside.isEmpty()) {
            throw new InvalidRequestException("The window lies outside the accepted range; nothing was read.", outside);
        }
        List<HistoryRecord> records = history.list(after, limit, country,
                purpose == null ? null : purpose.strip().toUpperCase(Locale.ROOT), from, to);
        return new HistoryPage(records, records.isEmpty() ? after : records.get(records.size() - 1).seq());
    }
}
