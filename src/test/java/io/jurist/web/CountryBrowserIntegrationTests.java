package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17, "country first" and "try a decision", in a real browser: alice finds Brazil by its name,
 * reads where its policy comes from, changes it from a date with "Change the policy here" (which gives
 * Brazil its own row, prefilled from the default row it followed), with dropdowns and a date picker in a
 * table that fits the window; the validation finds no change to earlier instants; she then tries a
 * decision under the active version and her draft, side by side, and the decision log holds none of it.
 * Takes the country page's, the table editor's and the try page's screenshots.
 */
@IntegrationTest
class CountryBrowserIntegrationTests {

    // A date well after any test's decisions: the new row changes nothing before it.
    private static final String FROM = "2031-01-01";

    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aLawyerFindsBrazilByNameChangesItsPolicyFromADateAndTriesADecision() throws Exception {
        browser = Browser.start(port);
        browser.open("/rules");
        browser.logIn("alice");

        // Search by the country's name, accents ignored.
        for (String query : List.of("Brésil", "brazil", "BR")) {
            browser.open("/rules");
            WebElement search = browser.waitFor(By.id("q"));
            search.sendKeys(query);
            search.submit();
            assertThat(browser.waitFor(By.id("country-title")).getText()).as(query).startsWith("Brazil (BR");
        }
        WebElement policy = browser.find(By.id("policy-GENAI_TRAINING"));
        assertThat(policy.getText())
                .contains("Brazil has no row of its own for Generative-AI training and belongs to no region; "
                        + "it follows the default row *")
                .contains("Enabled under an opt-out model");
        assertThat(browser.find(By.id("rules-meaning")).getText()).contains("No rule names a country");
        browser.screenshot("country.png", By.tagName("h1"));

        // Change the policy here: the table editor opens with Brazil's own row, prefilled from *.
        browser.find(By.id("change-GENAI_TRAINING")).click();
        assertThat(browser.waitFor(By.id("target-message")).getText())
                .contains("Brazil has no row of its own for GENAI_TRAINING: it follows the default row *");
        browser.script("document.getElementById('from').value = arguments[0]", FROM);
        browser.find(By.id("change-from")).click();
        assertThat(browser.waitFor(By.id("target-message")).getText()).contains("A new row for Brazil from " + FROM);
        assertThat(browser.find(By.id("new-jurisdiction")).getAttribute("value")).isEqualTo("BR");
        assertThat(browser.find(By.id("new-since")).getAttribute("type")).isEqualTo("date");
        assertThat(browser.find(By.id("new-since")).getAttribute("value")).isEqualTo(FROM);
        Select status = new Select(browser.find(By.id("new-status")));
        assertThat(status.getFirstSelectedOption().getAttribute("value")).isEqualTo("ENABLED");
        assertThat(status.getOptions()).extracting(o -> o.getAttribute("value")).containsExactly("ENABLED", "SUSPENDED");
        Select model = new Select(browser.find(By.id("new-consent_model")));
        assertThat(model.getFirstSelectedOption().getAttribute("value")).isEqualTo("OPT_OUT");
        model.selectByValue("OPT_IN");
        browser.find(By.id("new-reference")).sendKeys("Browser test: ANPD guidance, opt-in required from " + FROM);
        // Every column, the Remove box included, is within the 1400 px window.
        Number overflow = (Number) browser.script("var last = document.querySelector('#grid tbody tr input[type=checkbox]');"
                + "return last.getBoundingClientRect().right - document.documentElement.clientWidth;");
        assertThat(overflow.doubleValue()).isLessThanOrEqualTo(0);
        assertThat(browser.find(By.cssSelector("#grid thead")).getText()).contains("Consent model", "In force from")
                .doesNotContain("consent_model");
        browser.screenshot("table-editor.png", By.id("policy-target"));
        browser.find(By.id("validate-table")).click();
        browser.waitFor(By.id("validation-ok"));
        assertThat(browser.driver().findElements(By.id("past-altered"))).isEmpty();

        // Try a decision: the active version and the draft, side by side; nothing of it is logged.
        Http http = new Http(port);
        int logged = loggedFor("alice");
        assertThat(http.postJson("/api/v1/decisions", request("2031-06-01T00:00:00Z"), Http.basic("alice")).status())
                .isEqualTo(200);
        waitForLogged("alice", logged + 1);
        browser.open("/try");
        browser.waitFor(By.id("country")).sendKeys("Brazil");
        browser.find(By.id("age")).sendKeys("30");
        new Select(browser.find(By.id("consent"))).selectByValue("NOT_SET");
        browser.script("document.getElementById('date').value = arguments[0]", "2031-06-01");
        browser.find(By.id("try")).click();
        assertThat(browser.waitFor(By.id("active-answer")).getText()).contains("PERMIT").contains("PERMITTED")
                .contains("REDACT_PERSONAL_DATA");
        assertThat(browser.find(By.id("draft-answer")).getText()).contains("DENY").contains("CONSENT_REQUIRED")
                .contains("must opt in").contains("Brazil has its own row for Generative-AI training since " + FROM);
        assertThat(browser.find(By.id("draft-verdict")).getText()).contains("PERMIT becomes DENY");
        browser.screenshot("try-decision.png", By.id("answers"));
        // Before the date, the draft answers as the active version does.
        browser.open("/try");
        browser.waitFor(By.id("country")).sendKeys("BR");
        browser.script("document.getElementById('date').value = arguments[0]", "2030-06-01");
        browser.find(By.id("try")).click();
        assertThat(browser.waitFor(By.id("draft-verdict")).getText()).isEqualTo("Your draft gives the same answer.");

        // A second API decision is logged after the page's; only the two API decisions are.
        assertThat(http.postJson("/api/v1/decisions", request("2031-06-02T00:00:00Z"), Http.basic("alice")).status())
                .isEqualTo(200);
        // The log is written in order: had the page logged its questions, they would be in by now.
        waitForLogged("alice", logged + 2);
        assertThat(loggedFor("alice")).isEqualTo(logged + 2);

        // Leave no draft behind for the other tests of this application.
        jdbc.sql("delete from jurist_draft where author = 'alice'").update();
    }

    private static String request(String at) {
        return """
                {"subject":{"id":"member-br","country":"BR","age":30},"purpose":"GENAI_TRAINING",
                 "consent":"NOT_SET","at":"%s"}""".formatted(at);
    }

    private int loggedFor(String client) {
        return jdbc.sql("select count(*) from jurist_decision_log where client = ?").param(client)
                .query(Integer.class).single();
    }

    private void waitForLogged(String client, int count) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100))
                .until(d -> loggedFor(client) >= count);
    }
}
