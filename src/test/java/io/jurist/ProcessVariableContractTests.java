package io.jurist;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.workflow.TaskVariables;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each process's variables are named in one class: every variable a BPMN file's expressions read (and every one
 * its call activities pass in or out) must be declared there, as a constant or as a task's answer by the
 * {@link TaskVariables} convention, so that the file and the code cannot drift apart.
 */
class ProcessVariableContractTests {

    private static final Map<String, String> CONTRACTS = Map.of(
            "RuleChangeApproval", "io.jurist.workflow.RuleChangeVariables",
            "JurisdictionSuspension", "io.jurist.engagement.JurisdictionSuspensionVariables",
            "ReenablementApproval", "io.jurist.engagement.ReenablementApprovalVariables",
            "RegulatorEngagement", "io.jurist.engagement.RegulatorEngagementVariables");

    private static final Pattern EXPRESSION = Pattern.compile("(?<!delegateExpression=\")[$#]\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("(?<![.\\w'])[A-Za-z_]\\w*(?![\\w(])");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern LOOKED_UP = Pattern.compile("(?:has|get)Variable\\('(\\w+)'\\)|camunda:variableName=\"(\\w+)\"");
    private static final Set<String> EL_WORDS = Set.of("null", "true", "false", "and", "or", "not", "eq", "ne", "lt",
            "gt", "le", "ge", "empty", "div", "mod", "instanceof", "execution", "task");
    private static final Pattern CALL = Pattern.compile("<bpmn:callActivity [^>]*calledElement=\"(\\w+)\".*?</bpmn:callActivity>",
            Pattern.DOTALL);
    private static final Pattern MAPPING = Pattern.compile("<camunda:(in|out) source=\"(\\w+)\" target=\"(\\w+)\"");

    @Test
    void everyVariableTheProcessesUseIsDeclaredInTheirContractClass() throws IOException {
        for (String process : CONTRACTS.keySet()) {
            String bpmn = Files.readString(Path.of("bpmn", process + ".bpmn"));
            Set<String> undeclared = new TreeSet<>(usedNames(bpmn));
            undeclared.removeAll(declared(process));
            assertThat(undeclared).as("variables of bpmn/%s.bpmn not declared in %s", process, CONTRACTS.get(process))
                    .isEmpty();
            Matcher call = CALL.matcher(bpmn);
            while (call.find()) {
                Set<String> passed = new TreeSet<>();
                Matcher mapping = MAPPING.matcher(call.group());
                while (mapping.find()) {
                    passed.add(mapping.group(1).equals("in") ? mapping.group(3) : mapping.group(2));
                }
                passed.removeAll(declared(call.group(1)));
                assertThat(passed).as("variables %s passes to or reads from %s", process, call.group(1)).isEmpty();
            }
        }
    }

    @Test
    void aNameTheContractDoesNotDeclareIsFound() {
        String bpmn = "<bpmn:conditionExpression>${outcome == 'ACTIVATED' and Task_Unknown_approved}"
                + "</bpmn:conditionExpression><bpmn:serviceTask camunda:delegateExpression=\"${completeChange}\" />"
                + "<bpmn:condition>${execution.hasVariable('closedBy')}</bpmn:condition>";
        assertThat(usedNames(bpmn)).containsExactlyInAnyOrder("outcome", "Task_Unknown_approved", "closedBy");
    }

    /** Names read in expressions, and those a call activity's mappings read or write on this process's side. */
    private static Set<String> usedNames(String bpmn) {
        Set<String> names = new HashSet<>();
        Matcher expression = EXPRESSION.matcher(bpmn);
        while (expression.find()) {
            Matcher name = NAME.matcher(QUOTED.matcher(expression.group(1)).replaceAll("''"));
            while (name.find()) {
                if (!EL_WORDS.contains(name.group())) {
                    names.add(name.group());
                }
            }
        }
        Matcher lookedUp = LOOKED_UP.matcher(bpmn);
        while (lookedUp.find()) {
            names.add(lookedUp.group(1) != null ? lookedUp.group(1) : lookedUp.group(2));
        }
        Matcher mapping = MAPPING.matcher(bpmn);
        while (mapping.find()) {
            names.add(mapping.group(1).equals("in") ? mapping.group(2) : mapping.group(3));
        }
        return names;
    }

    /** The contract's constants, and each declared task's approved, comment and by. */
    private static Set<String> declared(String process) {
        Set<String> names = new HashSet<>();
        try {
            for (Field field : Class.forName(CONTRACTS.get(process)).getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    field.setAccessible(true);
                    String value = (String) field.get(null);
                    names.add(value);
                    if (field.getName().startsWith("TASK_")) {
                        names.addAll(Set.of(TaskVariables.approved(value), TaskVariables.comment(value),
                                TaskVariables.by(value)));
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return names;
    }
}
