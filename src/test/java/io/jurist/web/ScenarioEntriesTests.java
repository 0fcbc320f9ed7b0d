package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioEntriesTests {

    private static final String FILE = """
            # Scenarios for exclusions/Minors.drl.

            - name: "First"
              # why the first one matters
              request: { a: 1 }

            # The second group.
            - name: "Second"
              request: { a: 2 }

            - name: "Third"
              request: { a: 3 }
            # trailing comment
            """;

    @Test
    void replacingAnEntryKeepsEveryOtherEntryAndCommentAsWritten() {
        String changed = ScenarioEntries.replace(FILE, 8, "- name: \"Second, changed\"\n  request: { a: 22 }\n");
        assertThat(changed).isEqualTo(FILE.replace("- name: \"Second\"\n  request: { a: 2 }",
                "- name: \"Second, changed\"\n  request: { a: 22 }"));
    }

    @Test
    void removingAnEntryTakesItsLeadingBlankLineAndNothingElse() {
        assertThat(ScenarioEntries.remove(FILE, 11)).isEqualTo(FILE.replace("\n- name: \"Third\"\n  request: { a: 3 }\n", ""));
        assertThat(ScenarioEntries.remove(FILE, 3)).isEqualTo(FILE.replace(
                "\n- name: \"First\"\n  # why the first one matters\n  request: { a: 1 }\n", ""));
    }

    @Test
    void refusesALineWhereNoEntryStarts() {
        assertThatThrownBy(() -> ScenarioEntries.replace(FILE, 4, "- name: x\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
