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

    @Test
    void anEditedEntryKeepsTheCommentsWrittenInsideIt() {
        String file = """
                - name: "Minors are denied"  # the headline case
                  # a member under 16, whatever the consent
                  request:
                    subject: { id: member-1, country: DE, age: 15 }
                    # the day the suspension began
                    at: 2024-11-25T00:00:00Z  # UTC
                  expect:
                    decision: DENY
                    rules:
                      # the exclusion, not the consent model
                      - "Minors are excluded"

                - name: "Next"
                """;
        String edited = """
                - name: "Minors are denied, changed"
                  request:
                    subject: { id: member-1, country: FR, age: 14 }
                    at: 2024-12-01T00:00:00Z
                  expect:
                    decision: DENY
                    rules:
                      - "Minors are excluded"
                """;

        assertThat(ScenarioEntries.replace(file, 1, edited)).isEqualTo("""
                - name: "Minors are denied, changed" # the headline case
                  # a member under 16, whatever the consent
                  request:
                    subject: { id: member-1, country: FR, age: 14 }
                    # the day the suspension began
                    at: 2024-12-01T00:00:00Z # UTC
                  expect:
                    decision: DENY
                    rules:
                      # the exclusion, not the consent model
                      - "Minors are excluded"

                - name: "Next"
                """);
    }

    @Test
    void aCommentWhoseLineIsGoneStaysUnderTheEntrysName() {
        String file = """
                - name: "A"
                  request:
                    # no age: the rules must not guess one
                    consent: NOT_SET  # as most members
                  expect:
                    rules:
                      - "Old rule"  # renamed since
                      # more to come
                """;
        String edited = "- name: \"A\"\n  request:\n    age: 30\n  expect:\n    rules:\n      - \"New rule\"\n";

        assertThat(ScenarioEntries.replace(file, 1, edited)).isEqualTo("""
                - name: "A"
                    # no age: the rules must not guess one
                  # as most members
                  # renamed since
                      # more to come
                  request:
                    age: 30
                  expect:
                    rules:
                      - "New rule"
                """);
    }

    @Test
    void aHashInsideQuotesOrAWordIsNoComment() {
        assertThat(ScenarioEntries.commentStart("  - \"Rule #1 applies\"")).isEqualTo(-1);
        assertThat(ScenarioEntries.commentStart("  name: 'it''s #2'")).isEqualTo(-1);
        assertThat(ScenarioEntries.commentStart("  id: member#3")).isEqualTo(-1);
        assertThat(ScenarioEntries.commentStart("  id: m # note")).isEqualTo(8);
        assertThat(ScenarioEntries.commentStart("  - \"say \\\"#\\\" \" # note")).isGreaterThan(0);
    }
}
