package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.ruleset.RulesetFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasonGlossaryTests {

    @Test
    void everyCodeTheRulesGiveHasTheRulesOwnMessageAsItsMeaning() {
        Map<String, String> glossary = ReasonGlossary.of(RulesetFiles.readDirectory(Path.of("rules")));
        assertThat(glossary).containsKeys("CONSENT_OPTED_OUT", "CONSENT_REQUIRED", "JURISDICTION_SUSPENDED",
                "MINOR_EXCLUDED", "NO_POLICY", "PURPOSE_NOT_ENABLED", "PERMITTED", "REDACT_PERSONAL_DATA",
                "NO_RULE_PERMITS", "FIRING_LIMIT_EXCEEDED");
        assertThat(glossary.get("MINOR_EXCLUDED")).isEqualTo("The member is known to be under 18.");
        assertThat(glossary.get("CONSENT_OPTED_OUT")).isEqualTo("The member opted out of ….");
        assertThat(glossary.get("PERMITTED")).contains(" / ").contains("under an opt-out model");
        assertThat(glossary.get("NO_RULE_PERMITS")).isEqualTo("No rule permits this use, so it is denied.");
    }

    @Test
    void computedPartsOfAMessageAreShownAsAnEllipsis() {
        assertThat(ReasonGlossary.words("\"Enabled in \" + $case.getCountry() + \" under \\\"opt-in\\\".\""))
                .isEqualTo("Enabled in … under \"opt-in\".");
    }
}
