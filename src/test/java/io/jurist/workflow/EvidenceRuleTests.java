package io.jurist.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evidence a task's BPMN asks for ({@code evidence} property), read and checked without an engine. */
class EvidenceRuleTests {

    private static final String REGULATOR = "regulatorPosition:NO_OBJECTION|NOT_REQUIRED,"
            + "regulatorPositionReason?regulatorPosition=NOT_REQUIRED";

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void readsThePropertyAsItsThreeForms() {
        assertThat(EvidenceRule.parseAll(" dpiaReference , ," + REGULATOR)).containsExactly(
                new EvidenceRule("dpiaReference", List.of(), null, null),
                new EvidenceRule("regulatorPosition", List.of("NO_OBJECTION", "NOT_REQUIRED"), null, null),
                new EvidenceRule("regulatorPositionReason", List.of(), "regulatorPosition", "NOT_REQUIRED"));
        assertThat(EvidenceRule.parseAll("")).isEmpty();
    }

    @Test
    void anApprovalNeedsTheEvidenceARejectionDoesNot() {
        EvidenceRule dpia = EvidenceRule.parse("dpiaReference");
        assertThat(dpia.check(values(), false)).isEqualTo("the evidence 'dpiaReference' is required");
        assertThat(dpia.check(values("dpiaReference", "  "), false)).isEqualTo("the evidence 'dpiaReference' is required");
        assertThat(dpia.check(values("dpiaReference", "DPIA-7"), false)).isNull();
        assertThat(dpia.check(values(), true)).isNull();
    }

    @Test
    void aValueMustBeOneOfThoseNamedEvenOnARejection() {
        EvidenceRule basis = EvidenceRule.parse("legalBasis:CONSENT|LEGITIMATE_INTERESTS");
        assertThat(basis.check(values("legalBasis", "CONSENT"), false)).isNull();
        assertThat(basis.check(values("legalBasis", "CONTRACT"), false))
                .isEqualTo("the evidence 'legalBasis' must be one of CONSENT, LEGITIMATE_INTERESTS");
        assertThat(basis.check(values("legalBasis", "CONTRACT"), true))
                .isEqualTo("the evidence 'legalBasis' must be one of CONSENT, LEGITIMATE_INTERESTS");
    }

    @Test
    void aConditionalFieldIsNeededOnlyWhenTheOtherFieldHasItsValue() {
        EvidenceRule reason = EvidenceRule.parseAll(REGULATOR).get(1);
        assertThat(reason.check(values("regulatorPosition", "NO_OBJECTION"), false)).isNull();
        assertThat(reason.check(values("regulatorPosition", "NOT_REQUIRED"), false))
                .isEqualTo("the evidence 'regulatorPositionReason' is required when regulatorPosition is NOT_REQUIRED");
        assertThat(reason.check(values("regulatorPosition", "NOT_REQUIRED", "regulatorPositionReason", "Art. 36"),
                false)).isNull();
    }

    @Test
    void evidenceIsTextOrAYesNo() {
        EvidenceRule suspendNow = EvidenceRule.parse("suspendNow");
        assertThat(suspendNow.check(values("suspendNow", true), false)).isNull();
        assertThat(suspendNow.check(values("suspendNow", 1), false))
                .isEqualTo("the evidence 'suspendNow' must be a String or Boolean");
        assertThat(suspendNow.check(values("suspendNow", 1), true))
                .isEqualTo("the evidence 'suspendNow' must be a String or Boolean");
    }
}
