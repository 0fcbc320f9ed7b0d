package io.jurist.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a process stands, for people and machines: running or ended, what it is waiting at, who
 * must act, and every approval or rejection so far, across the processes it called.
 *
 * @param processInstanceId the process
 * @param processKey        its definition key
 * @param businessKey       its business key
 * @param state             ACTIVE, COMPLETED or TERMINATED (ended by a rejection)
 * @param startedAt         when it started
 * @param endedAt           when it ended, or null
 * @param waitingAt         the activities it waits at now, in it and the processes it called
 * @param openTasks         the tasks waiting for people
 * @param approvals         every approval or rejection, oldest first
 * @param variables         the variables people read (outcome, versions, reasons)
 */
public record ProcessView(String processInstanceId, String processKey, String businessKey, String state,
                          Instant startedAt, Instant endedAt, List<String> waitingAt, List<OpenTask> openTasks,
                          List<ApprovalRecords.Approval> approvals, Map<String, Object> variables) {

    /**
     * A task waiting for a person.
     *
     * @param id              the task id, for {@code POST /api/v1/tasks/{id}/complete} or Camunda's REST API
     * @param key             its id in the BPMN
     * @param name            its name
     * @param processInstanceId the process it belongs to
     * @param candidateGroups the groups whose members may work on it
     * @param assignee        who claimed it, or null
     * @param created         when it appeared
     */
    public record OpenTask(String id, String key, String name, String processInstanceId,
                           List<String> candidateGroups, String assignee, Instant created) {
    }
}
