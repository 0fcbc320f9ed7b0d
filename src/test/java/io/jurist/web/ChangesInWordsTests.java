package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesInWordsTests {

    private static final String TABLE = """
            # Status of each purpose by jurisdiction.
            jurisdiction,purpose,status,consent_model,since,reference
            *,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,User agreement
            BR,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,ANPD
            PH,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,NPC
            """;

    @Test
    void aTableChangeIsItsRowsBeforeAndAfterWithTheChangedCellsMarked() {
        String after = TABLE.replace("BR,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,ANPD",
                        "BR,GENAI_TRAINING,ENABLED,OPT_IN,2026-12-02,\"ANPD, 2026: opt-in required\"")
                .replace("PH,GENAI_TRAINING,ENABLED,OPT_OUT,2024-11-20,NPC\n", "")
                + "SG,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01,PDPC\n";
        ChangesInWords.FileChange change = ChangesInWords.between(Map.of("reference/jurisdictions.csv", TABLE),
                Map.of("reference/jurisdictions.csv", after)).get(0);

        assertThat(change.change()).isEqualTo("changed");
        assertThat(change.table().header()).containsExactly("jurisdiction", "purpose", "status", "consent_model",
                "since", "reference");
        List<ChangesInWords.RowChange> rows = change.table().rows();
        assertThat(rows).extracting(ChangesInWords.RowChange::kind).containsExactly("changed", "removed", "added");
        ChangesInWords.RowChange brazil = rows.get(0);
        assertThat(brazil.before()).containsExactly("BR", "GENAI_TRAINING", "ENABLED", "OPT_OUT", "2024-11-20", "ANPD");
        assertThat(brazil.after()).containsExactly("BR", "GENAI_TRAINING", "ENABLED", "OPT_IN", "2026-12-02",
                "ANPD, 2026: opt-in required");
        assertThat(brazil.changed()).containsExactly(false, false, false, true, true, true);
        assertThat(brazil.lineBefore()).isEqualTo(4);
        assertThat(brazil.lineAfter()).isEqualTo(4);
        assertThat(rows.get(1).before()).startsWith("PH");
        assertThat(rows.get(1).lineBefore()).isEqualTo(5);
        assertThat(rows.get(2).after()).startsWith("SG");
        assertThat(rows.get(2).lineAfter()).isEqualTo(5);
    }

    @Test
    void aCommentOnlyChangeChangesNoRow() {
        ChangesInWords.FileChange change = ChangesInWords.of("reference/jurisdictions.csv", TABLE,
                TABLE.replace("# Status", "# The status"));
        assertThat(change.table().rows()).isEmpty();
    }

    @Test
    void aRuleChangeIsItsLinesNumberedOnBothSidesInTheRuleTheyBelongTo() {
        String before = """
                package io.jurist.rules;

                rule "Members who opted out are denied"
                    @basis("The member's own setting")
                when
                    $case : DecisionCase( consent == Consent.OPTED_OUT )
                then
                    $case.deny("CONSENT_OPTED_OUT", "The member opted out.");
                end
                """;
        String after = before.replace("The member opted out.", "The member opted out of it.");
        List<ChangesInWords.Hunk> hunks = ChangesInWords.of("consent/ConsentModels.drl", before, after).rules();
        assertThat(hunks).hasSize(1);
        assertThat(hunks.get(0).rule()).isEqualTo("Members who opted out are denied");
        assertThat(hunks.get(0).lines()).contains(
                new ChangesInWords.Line("-", 8, 0, "    $case.deny(\"CONSENT_OPTED_OUT\", \"The member opted out.\");"),
                new ChangesInWords.Line("+", 0, 8, "    $case.deny(\"CONSENT_OPTED_OUT\", \"The member opted out of it.\");"),
                new ChangesInWords.Line(" ", 9, 9, "end"));
    }

    @Test
    void aScenarioFileChangeIsItsScenariosByName() {
        String before = """
                - name: "Kept as it was"
                  request: { subject: { id: a, country: GB }, purpose: GENAI_TRAINING, consent: NOT_SET, at: 2025-01-01T00:00:00Z }
                  expect: { decision: DENY, reasons: [PURPOSE_NOT_ENABLED] }
                - name: "Changed"
                  request: { subject: { id: a, country: BR }, purpose: GENAI_TRAINING, consent: NOT_SET, at: 2025-01-01T00:00:00Z }
                  expect: { decision: PERMIT, reasons: [PERMITTED] }
                - name: "Removed"
                  request: { subject: { id: a, country: US }, purpose: GENAI_TRAINING, consent: NOT_SET, at: 2025-01-01T00:00:00Z }
                  expect: { decision: PERMIT, reasons: [PERMITTED] }
                """;
        String after = before.replace("decision: PERMIT, reasons: [PERMITTED] }\n- name: \"Removed\"",
                        "decision: DENY, reasons: [CONSENT_REQUIRED] }\n- name: \"Removed\"")
                .replace("\"Removed\"", "\"Added\"");
        ChangesInWords.ScenarioChange change = ChangesInWords.of("scenarios/ConsentModels.yaml", before, after).scenarios();
        assertThat(change.added()).containsExactly("Added");
        assertThat(change.removed()).containsExactly("Removed");
        assertThat(change.changed()).containsExactly("Changed");
    }

    @Test
    void anAddedFileIsAllAdded() {
        ChangesInWords.FileChange change = ChangesInWords.between(Map.of(), Map.of("docs/x.md", "a\nb")).get(0);
        assertThat(change.change()).isEqualTo("added");
        assertThat(change.text().get(0).lines()).extracting(ChangesInWords.Line::op).containsExactly("+", "+");
    }
}
