package io.jurist.web;

import static io.jurist.web.EditorControllerTests.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.jurist.facts.ConsentModel;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.ReferenceData;
import io.jurist.ruleset.RuleInfo;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.RulesetUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebPageTest(BrowseController.class)
class BrowseControllerTests {

    static final String DRL = """
            package io.jurist.rules;

            rule "Members known to be under 18 are excluded"
                @basis("Minors policy")
            when
                $case : DecisionCase( age != null, age < 18 )
            then
                $case.deny("MINOR_EXCLUDED", "Under 18.");
            end
            """;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ActiveRuleset active;

    @MockitoBean
    JurisdictionBoard board;

    @BeforeEach
    void activeVersion() {
        CompiledRuleset served = mock(CompiledRuleset.class);
        ReferenceData reference = mock(ReferenceData.class);
        given(served.version()).willReturn(3);
        given(served.revision()).willReturn("sha256:abc");
        given(served.files()).willReturn(new RulesetFiles(Map.of("exclusions/Minors.drl", DRL)));
        given(served.rules()).willReturn(List.of(new RuleInfo("Members known to be under 18 are excluded",
                "Minors policy", "exclusions/Minors.drl", 3)));
        given(served.reference()).willReturn(reference);
        Instant since = Instant.parse("2024-09-18T00:00:00Z");
        given(reference.policies("GB")).willReturn(Map.of("GENAI_TRAINING", new JurisdictionPolicy("GB", "UK",
                "GENAI_TRAINING", PurposeStatus.SUSPENDED, ConsentModel.OPT_IN, since, "ICO engagement", "UK")));
        given(reference.regionOf("GB")).willReturn("UK");
        given(reference.purposes()).willReturn(Map.of());
        given(active.current()).willReturn(served);
        given(board.rows(any())).willReturn(List.of(new JurisdictionBoard.Row("UK", "GENAI_TRAINING", "SUSPENDED",
                "OPT_IN", since, "ICO engagement", List.of("GB"), 1)));
    }

    @Test
    void sendsAnonymousVisitorsToTheLogin() throws Exception {
        mvc.perform(get("/rules").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/board").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }

    @Test
    void listsEachRuleWithItsBasisFileAndLineAndTheJurisdictionTable() throws Exception {
        mvc.perform(get("/rules").with(BOB))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Members known to be under 18 are excluded")))
                .andExpect(content().string(containsString("Minors policy")))
                .andExpect(content().string(containsString("exclusions/Minors.drl:3")))
                .andExpect(content().string(containsString("ICO engagement")));
    }

    @Test
    void findsRulesByTheReasonCodeTheyGive() throws Exception {
        mvc.perform(get("/rules").param("q", "minor_excluded").with(BOB))
                .andExpect(content().string(containsString("Members known to be under 18 are excluded")));
        mvc.perform(get("/rules").param("q", "CONSENT_REQUIRED").with(BOB))
                .andExpect(content().string(not(containsString("Members known to be under 18 are excluded"))));
    }

    @Test
    void showsACountrysPolicyPerPurposeWhenSearchedFor() throws Exception {
        mvc.perform(get("/rules").param("q", "gb").with(BOB))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"country-policies\"")))
                .andExpect(content().string(containsString("(region <span>UK</span>)")));
    }

    @Test
    void showsEachJurisdictionOnTheBoardInColourAndWords() throws Exception {
        mvc.perform(get("/board").with(BOB))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"card suspended\"")))
                .andExpect(content().string(containsString("<span class=\"badge bad\">SUSPENDED</span>")))
                .andExpect(content().string(containsString("Set by version 1")))
                .andExpect(content().string(containsString("2024-09-18")));
    }

    @Test
    void explainsWhenNoRulesetIsLoadedYet() throws Exception {
        given(active.current()).willThrow(new RulesetUnavailableException("No active ruleset is loaded on this node yet"));
        mvc.perform(get("/rules").with(BOB)).andExpect(status().is5xxServerError());
    }
}
