package io.jurist.engagement;

import io.jurist.api.ApiException;
import io.jurist.api.FieldError;
import io.jurist.api.InstantRange;
import io.jurist.api.InvalidRequestException;
import io.jurist.workflow.Workflows;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens engagements and records correspondence with the regulator. */
@Service
public class Engagements {

    static final String PROCESS = RegulatorEngagementVariables.PROCESS_KEY;
    static final String CORRESPONDENCE_MESSAGE = RegulatorEngagementVariables.CORRESPONDENCE_MESSAGE;

    private final EngagementStore store;
    private final JurisdictionChanges changes;
    private final Workflows workflows;
    private final Duration reminderPeriod;

    Engagements(EngagementStore store, JurisdictionChanges changes, Workflows workflows,
                @Value("${jurist.engagements.reminder-period:P14D}") Duration reminderPeriod) {
        this.store = store;
        this.changes = changes;
        this.workflows = workflows;
        this.reminderPeriod = reminderPeriod;
    }

    /** Opens an engagement and starts its process. */
    @Transactional
    public Workflows.Started open(String regulator, List<String> jurisdictions, String purpose, String summary,
                                         String requester) {
        List<FieldError> errors = new ArrayList<>();
        if (regulator == null || regulator.isBlank() || regulator.length() > 128) {
            errors.add(new FieldError("regulator", "is required: the authority's name, at most 128 characters"));
        }
        JurisdictionChanges.Checked checked = changes.check(jurisdictions, purpose, "summary", summary, null, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The engagement is incomplete; nothing was started.", errors);
        }
        String id = EngagementStore.newId("ENG");
        store.insertEngagement(id, regulator.strip(), checked.countries(), purpose, summary, requester);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(RegulatorEngagementVariables.ENGAGEMENT_ID, id);
        variables.put(RegulatorEngagementVariables.REGULATOR, regulator.strip());
        variables.put(RegulatorEngagementVariables.JURISDICTIONS, String.join(",", checked.countries()));
        variables.put(RegulatorEngagementVariables.PURPOSE, purpose);
        variables.put(RegulatorEngagementVariables.SUMMARY, summary);
        variables.put(RegulatorEngagementVariables.REQUESTERS, requester);
        variables.put(RegulatorEngagementVariables.REQUESTED_BY, requester);
        variables.put(RegulatorEngagementVariables.REMINDER_PERIOD, reminderPeriod.toString());
        Workflows.Started started = workflows.start(PROCESS, id, variables);
        store.linkEngagementProcess(id, started.processInstanceId());
        return started;
    }

    /**
     * Records correspondence and hands it to the waiting process, which restarts its reminder period.
     *
     * @return whether the process was waiting for it (it is recorded either way)
     */
    @Transactional
    public boolean recordCorrespondence(String engagementId, String direction, String date, String summary,
                                        String regulatorPosition, String user) {
        Engagement engagement = store.engagement(engagementId).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "No such engagement", "There is no engagement " + engagementId + "."));
        List<FieldError> errors = new ArrayList<>();
        if (direction == null || !List.of("INBOUND", "OUTBOUND").contains(direction)) {
            errors.add(new FieldError("direction", "is required: INBOUND (from the regulator) or OUTBOUND (to it)"));
        }
        LocalDate occurredOn = null;
        try {
            occurredOn = date == null ? null : LocalDate.parse(date);
            if (occurredOn != null && !InstantRange.contains(occurredOn)) {
                errors.add(InstantRange.outside("date", date));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("date", "'" + date + "' is not a date such as 2024-10-01"));
        }
        if (date == null) {
            errors.add(new FieldError("date", "is required: the day it happened, such as 2024-10-01"));
        }
        if (summary == null || summary.isBlank() || summary.length() > 4000) {
            errors.add(new FieldError("summary", "is required, at most 4000 characters"));
        }
        if (regulatorPosition != null && regulatorPosition.length() > 4000) {
            errors.add(new FieldError("regulatorPosition", "must be at most 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The correspondence is incomplete; nothing was recorded.", errors);
        }
        if (!engagement.status().equals("OPEN")) {
            throw new ApiException(HttpStatus.CONFLICT, "Engagement closed",
                    "The engagement " + engagementId + " is closed; correspondence can no longer be added.");
        }
        store.insertCorrespondence(engagement, direction, occurredOn, summary, regulatorPosition, user);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(RegulatorEngagementVariables.LAST_CORRESPONDENCE, summary);
        variables.put(RegulatorEngagementVariables.LAST_REGULATOR_POSITION, regulatorPosition);
        return workflows.correlate(CORRESPONDENCE_MESSAGE, engagementId, variables);
    }
}
