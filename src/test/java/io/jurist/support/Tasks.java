package io.jurist.support;

import static io.jurist.support.Http.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Works Camunda user tasks over /engine-rest, as approvers in Tasklist would. */
public final class Tasks {

    private final Http http;

    public Tasks(Http http) {
        this.http = http;
    }

    /** Waits for the one open task with this key in a process or those it called, as the user sees it. */
    public String await(String processInstanceId, String key, String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (String id : family(processInstanceId)) {
                JsonNode tasks = http.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=" + key,
                        basic(user)).json();
                if (tasks.size() == 1) {
                    return tasks.get(0).get("id").asText();
                }
            }
            Await.pause(100);
        }
        throw new AssertionError("No task " + key + " for " + user);
    }

    /** A process and every process it called, however deep. */
    public List<String> family(String processInstanceId) {
        List<String> family = new ArrayList<>(List.of(processInstanceId));
        for (int i = 0; i < family.size(); i++) {
            http.get("/engine-rest/process-instance?superProcessInstance=" + family.get(i), basic("admin")).json()
                    .forEach(child -> family.add(child.get("id").asText()));
        }
        return family;
    }

    /** Completes a task with variables given as the JSON members of Camunda's "variables" object. */
    public int complete(String taskId, String user, String variables) {
        return http.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\":{" + variables + "}}",
                basic(user)).status();
    }

    /** The variables of an approval with a comment and further evidence fields (name, value, ...). */
    public static String approve(String comment, String... evidence) {
        StringBuilder variables = new StringBuilder("\"approved\":{\"value\":true},\"comment\":{\"value\":\"" + comment
                + "\"}");
        for (int i = 0; i < evidence.length; i += 2) {
            variables.append(",\"").append(evidence[i]).append("\":{\"value\":\"").append(evidence[i + 1]).append("\"}");
        }
        return variables.toString();
    }
}
