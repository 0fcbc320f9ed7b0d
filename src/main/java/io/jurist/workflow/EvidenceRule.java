package io.jurist.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One evidence field a task asks for, written in the BPMN as {@code name}, {@code name:A|B} (one
 * of the values) or {@code name?other=VALUE} (needed only when another field has that value).
 * Evidence is needed to approve or to complete a task that is no approval; a rejection needs none.
 */
record EvidenceRule(String field, List<String> allowed, String whenField, String whenValue) {

    /** The rules of one {@code evidence} property: comma-separated, blanks ignored. */
    static List<EvidenceRule> parseAll(String property) {
        return Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(EvidenceRule::parse).toList();
    }

    static EvidenceRule parse(String text) {
        String when = null;
        String whenValue = null;
        int question = text.indexOf('?');
        if (question > 0) {
            String[] condition = text.substring(question + 1).split("=", 2);
            when = condition[0];
            whenValue = condition.length > 1 ? condition[1] : null;
            text = text.substring(0, question);
        }
        int colon = text.indexOf(':');
        List<String> allowed = colon > 0 ? List.of(text.substring(colon + 1).split("\\|")) : List.of();
        return new EvidenceRule(colon > 0 ? text.substring(0, colon) : text, allowed, when, whenValue);
    }

    /**
     * What is wrong with the values a task is completed with, as the words the approver is shown, or null.
     *
     * @param rejecting whether the task is rejected ({@code approved} false): a rejection needs no evidence
     */
    String check(Map<String, Object> values, boolean rejecting) {
        Object value = values.get(field);
        if (value != null && !(value instanceof String) && !(value instanceof Boolean)) {
            return "the evidence '" + field + "' must be a String or Boolean";
        }
        boolean needed = !rejecting && (whenField == null || String.valueOf(values.get(whenField)).equals(whenValue));
        if (needed && (value == null || value.toString().isBlank())) {
            return "the evidence '" + field + "' is required" + (whenField == null ? ""
                    : " when " + whenField + " is " + whenValue);
        }
        if (value != null && !allowed.isEmpty() && !allowed.contains(value.toString())) {
            return "the evidence '" + field + "' must be one of " + String.join(", ", allowed);
        }
        return null;
    }
}
