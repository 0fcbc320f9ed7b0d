package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static io.jurist.web.EditorControllerTests.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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
import io.jurist.ruleset.Purpose;
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
        JurisdictionPolicy gb = new JurisdictionPolicy("GB", "UK", "GENAI_TRAINING", PurposeStatus.SUSPENDED,
                ConsentModel.OPT_IN, since, "ICO engagement", "UK");
        given(reference.policies(eq("GB"), any())).willReturn(Map.of("GENAI_TRAINING", gb));
        given(reference.history("GB")).willReturn(Map.of("GENAI_TRAINING", List.of(gb)));
        given(reference.regionOf("GB")).willReturn("UK");
        // Brazil follows the default row until 2026-12-02, then has its own opt-in row.
        JurisdictionPolicy everywhere = new JurisdictionPolicy("BR", "REST_OF_WORLD", "GENAI_TRAINING",
                PurposeStatus.ENABLED, ConsentModel.OPT_OUT, Instant.parse("2024-11-20T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"), "Updated user agreement", "*");
        JurisdictionPolicy own = new JurisdictionPolicy("BR", "REST_OF_WORLD", "GENAI_TRAINING",
                PurposeStatus.ENABLED, ConsentModel.OPT_IN, Instant.parse("2026-12-02T00:00:00Z"), null,
                "ANPD: opt-in required", "BR");
        given(reference.policies(eq("BR"), any())).willAnswer(call -> Map.of("GENAI_TRAINING",
                call.<Instant>getArgument(1).isBefore(own.since()) ? everywhere : own));
        given(reference.history("BR")).willReturn(Map.of("GENAI_TRAINING", List.of(everywhere, own)));
        given(reference.regionOf("BR")).willReturn("REST_OF_WORLD");
        // France has no row of its own: it follows its region's.
        JurisdictionPolicy fr = new JurisdictionPolicy("FR", "EEA", "GENAI_TRAINING", PurposeStatus.SUSPENDED,
                ConsentModel.OPT_IN, since, "ICO engagement", "EEA");
        given(reference.policies(eq("FR"), any())).willReturn(Map.of("GENAI_TRAINING", fr));
        given(reference.history("FR")).willReturn(Map.of("GENAI_TRAINING", List.of(fr)));
        given(reference.regionOf("FR")).willReturn("EEA");
        given(reference.purposes()).willReturn(Map.of("GENAI_TRAINING",
                new Purpose("GENAI_TRAINING", "Generative-AI training", "train_ai_system", "Training")));
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
                .andExpect(content().string(containsString("id=\"country\"")))
                .andExpect(content().string(containsString("<span>region UK</span>")))
                .andExpect(content().string(containsString("it follows the UK row (since 2024-09-18)")));
    }

    @Test
    void findsACountryByItsNameOrCodeInAnyCaseAndAccentsIgnored() throws Exception {
        for (String query : new String[] {"Brazil", "brazil", "BR", "br", "Brésil"}) {
            mvc.perform(get("/rules").param("q", query).with(BOB))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"country-title\"><span>Brazil</span> (<span>BR</span>")));
        }
    }

    @Test
    void saysInWordsWhereACountrysPolicyComesFromAndWhatTheRulesCountMeans() throws Exception {
        mvc.perform(get("/rules").param("q", "Brazil").with(BOB))
                .andExpect(content().string(containsString("Brazil has its own row for Generative-AI training since 2026-12-02.")))
                .andExpect(content().string(containsString("Enabled under an opt-in model")))
                // The earlier period, from the default row, is listed with its end.
                .andExpect(content().string(containsString("it follows the default row * (since 2024-11-20)")))
                .andExpect(content().string(containsString("<td>2026-12-02</td>")))
                .andExpect(content().string(containsString("Rules that decide for <span>Brazil</span> (<span>1</span>)")))
                .andExpect(content().string(containsString("No rule names a country")))
                .andExpect(content().string(not(containsString("From row"))));
        mvc.perform(get("/rules").param("q", "france").with(BOB))
                .andExpect(content().string(containsString(
                        "France has no row of its own for Generative-AI training; it follows the EEA row (since 2024-09-18)")));
    }

    @Test
    void offersAuthorsToChangeACountrysPolicyInTheTableEditor() throws Exception {
        mvc.perform(get("/rules").param("q", "france").with(ALICE))
                .andExpect(content().string(containsString("id=\"change-GENAI_TRAINING\"")))
                .andExpect(content().string(containsString(
                        "/editor/table?file=reference/jurisdictions.csv&amp;country=FR&amp;purpose=GENAI_TRAINING")))
                .andExpect(content().string(containsString("Opens the table editor with a new row for France")));
        mvc.perform(get("/rules").param("q", "france").with(BOB))
                .andExpect(content().string(not(containsString("Change the policy here"))));
        mvc.perform(get("/board").with(ALICE))
                .andExpect(content().string(containsString(
                        "/editor/table?file=reference/jurisdictions.csv&amp;jurisdiction=UK&amp;purpose=GENAI_TRAINING&amp;since=2024-09-18")));
    }

    @Test
    void listsTheCountriesAPartOfANameMatchesAndExplainsARuleSearchWithoutResults() throws Exception {
        mvc.perform(get("/rules").param("q", "guin").with(BOB))
                .andExpect(content().string(containsString("id=\"country-matches\"")))
                .andExpect(content().string(containsString("Equatorial Guinea (GQ)")));
        // A part of a name lists the country, even alone, rather than taking the search over.
        mvc.perform(get("/rules").param("q", "brazi").with(BOB))
                .andExpect(content().string(containsString("<a href=\"/rules?q=BR\">Brazil (BR)</a>")))
                .andExpect(content().string(not(containsString("id=\"country-title\""))));
        mvc.perform(get("/rules").param("q", "CONSENT_REQUIRED").with(BOB))
                .andExpect(content().string(containsString("(<span>0</span> of <span>1</span>)")))
                .andExpect(content().string(containsString("No rule's")));
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
