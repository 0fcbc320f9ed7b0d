package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Brazil story of issue 17 in a real browser: alice moves Brazil's generative-AI training to opt-in from
 * a date (an effective-dated row of reference/jurisdictions.csv) and proposes it, and the impact alters no
 * decision about an earlier instant; bob logs in once, opens the task in Tasklist, reads the summary and
 * impact in the task's form, follows its link to the proposal page without a second login, comes back,
 * approves, and lands on the proposal page, which says the version is active; the decision for a Brazilian
 * member without a setting changes only for instants from the date on. Takes the task form's and the
 * approver's proposal page's screenshots.
 */
@IntegrationTest
class BrazilApprovalBrowserIntegrationTests {

    private static Browser browser;

    @LocalServerPort
    int port;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private JsonNode decide(String at) {
        Http.Response response = new Http(port).postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"m-br-browser\","
                + "\"country\":\"BR\",\"age\":30},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"NOT_SET\",\"at\":\""
                + at + "\"}", Http.DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String answer(JsonNode decision) {
        return decision.get("decision").asText() + " " + decision.at("/reasons/0/code").asText();
    }

    @Test
    void bobApprovesBrazilsOptInFromTheTaskAfterReadingTheProposalWithOneLogin() throws Exception {
        // The date: 90 days ahead, unless another test of this application already moved Brazil to opt-in
        // before that (PolicyHistoryIntegrationTests does, 30 days ahead); then 20 days ahead.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate date = answer(decide(today.plusDays(91) + "T00:00:00Z")).startsWith("PERMIT")
                ? today.plusDays(90) : today.plusDays(20);
        String before = date.minusDays(1) + "T12:00:00Z";
        String after = date.plusDays(1) + "T00:00:00Z";
        assertThat(answer(decide(before))).isEqualTo("PERMIT PERMITTED");
        assertThat(answer(decide(after))).isEqualTo("PERMIT PERMITTED");

        browser = Browser.start(port);

        // alice adds the row: opt-out until the date, opt-in from then.
        browser.open("/editor?file=reference/jurisdictions.csv");
        browser.logIn("alice");
        browser.waitFor(By.cssSelector(".CodeMirror"));
        String table = (String) browser.script("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
        String row = "BR,GENAI_TRAINING,ENABLED,OPT_IN," + date + ",\"ANPD: opt-in required from " + date + "\"";
        browser.script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])",
                table + (table.endsWith("\n") ? "" : "\n") + row + "\n");
        browser.find(By.id("validate")).click();
        browser.waitFor(By.id("validation-ok"));
        assertThat(browser.find(By.id("change-kind")).getText()).isEqualTo("RESTRICTIVE");
        assertThat(browser.find(By.id("impact")).getText()).contains("BR");
        // No decision about an instant before the date changes: no "rewrites history" warning.
        assertThat(browser.driver().findElements(By.id("past-altered"))).isEmpty();

        browser.open("/editor/review");
        browser.waitFor(By.id("check")).click();
        String summary = "Brazil: generative-AI training needs opt-in from " + date + ".\n"
                + "The ANPD requires opt-in consent from that date; decisions about earlier instants keep opt-out.";
        browser.waitFor(By.id("summary")).sendKeys(summary);
        browser.find(By.id("submit")).click();
        browser.waitFor(By.id("version-status"));
        assertThat(browser.path()).matches("/proposals/\\d+");
        int version = Integer.parseInt(browser.path().substring("/proposals/".length()));
        String tasklist = browser.find(By.cssSelector("a.tasklist-link")).getAttribute("href");

        // bob opens the task from its link: one login (the editor's form), then Tasklist, no second prompt.
        browser.forget();
        browser.driver().get(tasklist);
        assertThat(browser.path()).startsWith("/login");
        browser.logIn("bob");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));
        // The form shows the whole summary and impact, as text, and says what to do first.
        // (Tasklist loads its scripts, the task and then the form: allow for a busy machine, and load the page
        // afresh if Tasklist's single-page application missed the task in its address after the login.)
        WebElement summaryShown = null;
        for (int attempt = 1; summaryShown == null; attempt++) {
            browser.driver().get(tasklist);
            browser.driver().navigate().refresh();
            try {
                summaryShown = new WebDriverWait(browser.driver(), Duration.ofSeconds(40))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("jurist-summary")));
            } catch (org.openqa.selenium.TimeoutException notYet) {
                if (attempt == 3) {
                    throw notYet;
                }
            }
        }
        WebElement shown = summaryShown;
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> !shown.getText().isBlank());
        assertThat(shown.getText()).isEqualTo(summary);
        assertThat(browser.find(By.id("jurist-impact")).getText()).contains("PERMIT to DENY").contains("RESTRICTIVE");
        assertThat(browser.find(By.id("jurist-claim-first")).getText()).contains("Claim the task first");
        // No "migrate to Camunda 8" banner.
        assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")))
                .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
        browser.waitFor(By.cssSelector("button.claim")).click();
        WebElement approve = browser.waitFor(By.id("jurist-approve"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> approve.isEnabled());
        browser.screenshot("tasklist-approval.png", By.id("jurist-claim-first"));

        // The link to the proposal opens the rule editor's page in a new tab, logged in already.
        List<String> windows = new ArrayList<>(browser.driver().getWindowHandles());
        String taskWindow = browser.driver().getWindowHandle();
        click(browser.find(By.id("jurist-proposal-link")));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() > windows.size());
        String proposalWindow = browser.driver().getWindowHandles().stream().filter(h -> !windows.contains(h))
                .findFirst().orElseThrow();
        browser.driver().switchTo().window(proposalWindow);
        browser.waitFor(By.id("version-status"));
        assertThat(browser.path()).isEqualTo("/proposals/" + version);
        assertThat(browser.find(By.id("user")).getText()).isEqualTo("bob");
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("Waiting for legal approval.");
        browser.screenshot("proposal-approver.png", By.tagName("h1"));
        browser.driver().close();
        browser.driver().switchTo().window(taskWindow);

        // Back in the task: approve with a comment; completing leads to the proposal page, which says what happened.
        click(browser.find(By.id("jurist-approve")));
        click(browser.find(By.id("jurist-comment")));
        browser.find(By.id("jurist-comment")).sendKeys("From the date on only; earlier decisions keep opt-out.");
        WebElement complete = browser.find(By.cssSelector("button[ng-click='complete()']"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> complete.isEnabled());
        click(complete);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/proposals/" + version));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.navigate().refresh();
            return "ACTIVATED".equals(d.findElement(By.id("status")).getAttribute("data-outcome"));
        });
        assertThat(browser.find(By.id("status")).getText()).contains("Version " + version + " is active")
                .contains("bob approved");

        // The answer changes for instants from the date on, and only for them.
        JsonNode decision = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            decision = decide(after);
            if (decision.at("/ruleset/version").asInt() >= version) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(decision.at("/ruleset/version").asInt()).isEqualTo(version);
        assertThat(answer(decision)).isEqualTo("DENY CONSENT_REQUIRED");
        assertThat(answer(decide(date + "T00:00:00Z"))).isEqualTo("DENY CONSENT_REQUIRED");
        assertThat(answer(decide(before))).isEqualTo("PERMIT PERMITTED");
    }

    /** Clicks an element after scrolling it to the middle of the window, clear of Tasklist's fixed footer. */
    private static void click(WebElement element) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
