package io.jurist.workflow;

/**
 * The convention every approval task follows: the person completing it sends {@code approved} and
 * {@code comment} (and the task's evidence fields); the task's listener stores them on the process under the
 * task's id, {@code <TaskId>_approved}, {@code <TaskId>_comment}, {@code <TaskId>_<field>}, with
 * {@code <TaskId>_by} the person, so that later steps and gateways read one task's answer unmistakably.
 */
public final class TaskVariables {

    /** What a task's completion sends: whether it approves. */
    public static final String APPROVED = "approved";
    /** What a task's completion sends: the reason in words. */
    public static final String COMMENT = "comment";

    private TaskVariables() {
    }

    /** {@code <TaskId>_approved}: whether the task approved. */
    public static String approved(String taskId) {
        return field(taskId, APPROVED);
    }

    /** {@code <TaskId>_comment}: its comment. */
    public static String comment(String taskId) {
        return field(taskId, COMMENT);
    }

    /** {@code <TaskId>_by}: who completed it. */
    public static String by(String taskId) {
        return field(taskId, "by");
    }

    /** {@code <TaskId>_<field>}: an evidence field the task asked for. */
    public static String field(String taskId, String field) {
        return taskId + "_" + field;
    }
}
