package io.jurist.ruleset;

import io.jurist.api.FieldError;
import io.jurist.api.InstantRange;
import io.jurist.api.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A version's whole policy for a purpose, as data (the snapshot) or as a SQL condition (the filter). */
@RestController
@RequestMapping("/api/v1/rulesets")
@Tag(name = "Rulesets", description = "Ruleset versions: their files, status, impact and history")
class SnapshotController {

    static final String TEXT_CSV = "text/csv";

    /** A snapshot as JSON. */
    record SnapshotView(int version, String revision, String purpose, int classes, List<PolicySnapshot.Row> rows) {
    }

    /** A filter as JSON. */
    record FilterView(int version, String revision, String purpose, Instant at, String dialect,
                      SqlFilter.Columns columns, String where, List<SqlFilter.ObligationFilter> obligations) {
    }

    private final PolicySnapshots snapshots;
    private final Clock clock;

    SnapshotController(PolicySnapshots snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Operation(summary = "Every class of inputs of a version and purpose with its answer (JSON or CSV)",
            description = "For every assigned country, every consent setting, every age range [ageMin, ageMax) "
                    + "(ageMin null: age unknown) and every instant range [from, to): the decision, the decisive "
                    + "reason codes and the obligations of a permit, with the version and revision. Within a class "
                    + "nothing the rules can test changes, so the snapshot answers exactly as the service does for "
                    + "any request in it (country aliases and lower case normalised, a missing consent is NOT_SET). "
                    + "CSV with Accept: text/csv or format=csv: reason codes and obligation codes space-separated.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The snapshot", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = SnapshotView.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))}),
                @ApiResponse(responseCode = "400", description = "Unknown purpose or format"),
                @ApiResponse(responseCode = "404", description = "No such version"),
                @ApiResponse(responseCode = "409", description = "The version does not compile under this release")})
    @GetMapping("/{version}/snapshot")
    ResponseEntity<?> snapshot(@PathVariable int version,
                               @Parameter(description = "A purpose the version knows", example = "GENAI_TRAINING")
                               @RequestParam(required = false) String purpose,
                               @Parameter(description = "json or csv; without it, the Accept header decides")
                               @RequestParam(required = false) String format,
                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv;
        if (format == null) {
            csv = accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(TEXT_CSV);
        } else if (format.equals("csv") || format.equals("json")) {
            csv = format.equals("csv");
        } else {
            throw new InvalidRequestException("Unknown format", List.of(new FieldError("format",
                    "'" + format + "' must be json or csv")));
        }
        PolicySnapshot snapshot = snapshot(version, purpose);
        if (csv) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"snapshot-v" + version + "-"
                            + snapshot.purpose() + ".csv\"")
                    .body(csv(snapshot));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new SnapshotView(snapshot.version(),
                snapshot.revision(), snapshot.purpose(), snapshot.rows().size(), snapshot.rows()));
    }

    @Operation(summary = "A SQL WHERE clause selecting exactly the members a version PERMITs at an instant",
            description = "Over a members table with a country column (assigned upper-case ISO code), an age column "
                    + "(whole years, NULL when unknown) and a consent column (OPTED_IN, OPTED_OUT, NOT_SET, or NULL "
                    + "for not set). Each obligation comes with the clause of the permitted members it binds. Built "
                    + "from the version's snapshot; column names must be plain identifiers and are quoted as the "
                    + "dialect quotes them (PostgreSQL: case-sensitive).",
            responses = {
                @ApiResponse(responseCode = "200", description = "The filter"),
                @ApiResponse(responseCode = "400", description = "Unknown purpose or dialect, bad instant or column name"),
                @ApiResponse(responseCode = "404", description = "No such version"),
                @ApiResponse(responseCode = "409", description = "The version does not compile under this release")})
    @GetMapping("/{version}/filter")
    FilterView filter(@PathVariable int version,
                      @Parameter(description = "A purpose the version knows", example = "GENAI_TRAINING")
                      @RequestParam(required = false) String purpose,
                      @Parameter(description = "The instant (ISO-8601); now when absent", example = "2026-01-01T00:00:00Z")
                      @RequestParam(required = false) String at,
                      @Parameter(description = "postgresql or spark") @RequestParam(defaultValue = "postgresql") String dialect,
                      @RequestParam(name = "countryColumn", defaultValue = "country") String countryColumn,
                      @RequestParam(name = "ageColumn", defaultValue = "age") String ageColumn,
                      @RequestParam(name = "consentColumn", defaultValue = "consent") String consentColumn) {
        List<FieldError> errors = new ArrayList<>();
        Instant instant = clock.instant();
        if (at != null) {
            try {
                instant = QueryCheck.parseInstant(at);
                if (!InstantRange.contains(instant)) {
                    errors.add(InstantRange.outside("at", at));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("at", "'" + at + "' is not an ISO-8601 instant such as 2024-11-25T00:00:00Z"));
            }
        }
        SqlFilter.Dialect parsed = SqlFilter.Dialect.named(dialect);
        if (parsed == null) {
            errors.add(new FieldError("dialect", "'" + dialect + "' must be postgresql or spark"));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("countryColumn", countryColumn);
        columns.put("ageColumn", ageColumn);
        columns.put("consentColumn", consentColumn);
        columns.forEach((field, name) -> {
            if (!SqlFilter.COLUMN.matcher(name).matches()) {
                errors.add(new FieldError(field, "must be a plain column name: a letter or _, then letters, digits "
                        + "or _, at most 63"));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The filter request has invalid parameters", errors);
        }
        PolicySnapshot snapshot = snapshot(version, purpose);
        SqlFilter.Columns names = new SqlFilter.Columns(countryColumn, ageColumn, consentColumn);
        SqlFilter.Filter filter = SqlFilter.of(snapshot, instant, parsed, names);
        return new FilterView(snapshot.version(), snapshot.revision(), snapshot.purpose(), instant,
                parsed.name().toLowerCase(java.util.Locale.ROOT), names, filter.where(), filter.obligations());
    }

    private PolicySnapshot snapshot(int version, String purpose) {
        return snapshots.of(version, purpose);
    }

    long computed() {
        return snapshots.computed();
    }

    static String csv(PolicySnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append(CSV_HEADER).append('\n');
        for (PolicySnapshot.Row row : snapshot.rows()) {
            out.append(CsvTable.format(List.of(row.country(), row.consent().name(),
                    row.ageMin() == null ? "" : row.ageMin().toString(),
                    row.ageMax() == null ? "" : row.ageMax().toString(), row.from().toString(), row.to().toString(),
                    row.decision().name(), String.join(" ", row.reasonCodes()),
                    String.join(" ", row.obligations().stream().map(PolicySnapshot.SnapshotObligation::code).toList()),
                    Integer.toString(row.version()), row.revision()))).append('\n');
        }
        return out.toString();
    }

    private static final String CSV_HEADER =
            "country,consent,age_min,age_max,from,to,decision,reason_codes,obligations,version,revision";
}
