package io.jurist.web;

import static io.jurist.web.EditorControllerTests.ALICE;
import static io.jurist.web.EditorControllerTests.BOB;
import static io.jurist.web.TableControllerTests.squeezed;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RulesetCompiler;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.ValidationBudget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** "Try a decision", on the project's own rules: the active version's answer and the draft's, side by side. */
@WebPageTest(TryController.class)
@Import(TryControllerTests.RealRules.class)
class TryControllerTests {

    static final String TABLE = "reference/jurisdictions.csv";
    static final RulesetFiles RULES = RulesetFiles.readDirectory(Path.of("rules"));
    static final CompiledRuleset ACTIVE = new RulesetCompiler().compile(3, RULES, null);
    /** Alice's draft: Brazil opt-in from 2026-12-02, opt-out (the default row) before. */
    static final Map<String, String> DRAFT = Map.of(TABLE,
            RULES.files().get(TABLE) + "BR,GENAI_TRAINING,ENABLED,OPT_IN,2026-12-02,ANPD: opt-in required\n");

    @TestConfiguration
    static class RealRules {
        @Bean
        RulesetCompiler compiler() {
            return new RulesetCompiler();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ActiveRuleset active;

    @MockitoBean
    Workbench workbench;

    @MockitoBean
    ValidationBudget budget;

    @BeforeEach
    void rules() {
        given(active.current()).willReturn(ACTIVE);
        given(workbench.changes(anyString())).willReturn(Map.of());
        given(workbench.changes("alice")).willReturn(DRAFT);
        given(workbench.candidate("alice")).willReturn(RULES.with(DRAFT));
        given(budget.run(any())).willAnswer(call -> call.<Supplier<?>>getArgument(0).get());
    }

    private static MockHttpServletRequestBuilder ask(String country, String age, String consent, String date) {
        return post("/try").with(csrf()).param("country", country).param("age", age).param("consent", consent)
                .param("purpose", "GENAI_TRAINING").param("date", date).param("time", "12:00");
    }

    @Test
    void answersUnderTheActiveVersionAndTheDraftSideBySideWithReasonsObligationsAndRules() throws Exception {
        mvc.perform(ask("Brazil", "30", "NOT_SET", "2027-01-01").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(squeezed("For a member in <span>Brazil (BR)</span> at <time>2027-01-01T12:00:00Z</time>")))
                .andExpect(content().string(squeezed("<article class=\"answer\" id=\"active-answer\"> <h3>Active version 3</h3> "
                        + "<p><span class=\"badge ok\">PERMIT</span></p>")))
                .andExpect(content().string(squeezed("<code>REDACT_PERSONAL_DATA</code>")))
                .andExpect(content().string(squeezed("Brazil has no row of its own for Generative-AI training and belongs to no region; "
                        + "it follows the default row *")))
                .andExpect(content().string(squeezed("<article class=\"answer\" id=\"draft-answer\"> <h3>Your draft</h3> "
                        + "<p><span class=\"badge bad\">DENY</span></p>")))
                .andExpect(content().string(squeezed("<dt><code>CONSENT_REQUIRED</code></dt>")))
                .andExpect(content().string(squeezed("In BR the member must opt in to GENAI_TRAINING, and has not.")))
                .andExpect(content().string(squeezed("Rule: <span>Under an opt-in model, members who have not opted in are denied</span>")))
                .andExpect(content().string(squeezed("(basis: Opt-in model: no setting means no consent)")))
                .andExpect(content().string(squeezed("Brazil has its own row for Generative-AI training since 2026-12-02.")))
                .andExpect(content().string(squeezed("<li>Under an opt-out model, members who have not opted out may be used</li>")))
                .andExpect(content().string(squeezed("Your draft changes the decision: PERMIT becomes DENY.")));
        // Before the draft's date both answer alike: the change does not reach back.
        mvc.perform(ask("br", "30", "NOT_SET", "2026-06-01").with(ALICE))
                .andExpect(content().string(squeezed("Your draft gives the same answer.")));
        // A minor is excluded by both.
        mvc.perform(ask("BR", "17", "NOT_SET", "2027-01-01").with(ALICE))
                .andExpect(content().string(squeezed("<code>MINOR_EXCLUDED</code>")))
                .andExpect(content().string(squeezed("Your draft gives the same decision, with other reasons.")));
    }

    @Test
    void answersUnderTheActiveVersionAloneForSomeoneWithoutADraft() throws Exception {
        mvc.perform(ask("Brazil", "", "OPTED_OUT", "2027-01-01").with(BOB))
                .andExpect(status().isOk())
                .andExpect(content().string(squeezed("<code>CONSENT_OPTED_OUT</code>")))
                .andExpect(content().string(squeezed("Only rule authors have drafts")))
                .andExpect(content().string(not(squeezed("id=\"draft-answer\""))));
    }

    @Test
    void namesEveryBadFieldInWordsAndDecidesNothing() throws Exception {
        mvc.perform(ask("Atlantis", "old", "NOT_SET", "2027-01-01").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(content().string(squeezed("Nothing was decided")))
                .andExpect(content().string(squeezed("Country: &#39;Atlantis&#39; names no country")))
                .andExpect(content().string(squeezed("Age: &#39;old&#39; is not a whole number")))
                .andExpect(content().string(not(squeezed("id=\"answers\""))));
    }

    @Test
    void isForPeopleSignedInWithTheFormAndCsrfNeverForTheDataPlatform() throws Exception {
        mvc.perform(get("/try").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/try").with(csrf()).param("country", "BR").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/try").with(ALICE).param("country", "BR").param("date", "2027-01-01"))
                .andExpect(status().isForbidden());
        var platform = user("platform").authorities(() -> "GROUP_data-platform");
        mvc.perform(get("/try").with(platform)).andExpect(status().isForbidden());
        mvc.perform(ask("BR", "30", "NOT_SET", "2027-01-01").with(platform)).andExpect(status().isForbidden());
        mvc.perform(get("/try").with(BOB)).andExpect(status().isOk())
                .andExpect(content().string(squeezed("it is not written to the decision log")));
    }
}
