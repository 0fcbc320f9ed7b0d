package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A lawyer's whole round trip in a real browser: alice breaks a rule and sees the error at its line,
 * fixes it, changes the jurisdiction table, adds a scenario, runs the scenarios, reads the impact and submits; bob
 * approves in Camunda Tasklist in the same browser; alice sees the version active, and a decision
 * over REST follows it. Takes the screenshots under docs/screenshots on the way.
 */
@IntegrationTest
class RuleEditorBrowserIntegrationTests {

    // No other test and no scenario uses this country, so the change flips only its own decisions.
    private static final String COUNTRY = "PH";

    private static Browser browser;

    @LocalServerPort
    int port;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aLawyerEditsValidatesSubmitsAndFollowsAChangeToActivation() throws Exception {
        browser = Browser.start(port);

        // Nobody anonymous gets a page: the editor sends them to the login form.
        browser.open("/editor?file=consent/ConsentModels.drl");
        assertThat(browser.path()).startsWith("/login");
        browser.logIn("alice");
        browser.waitFor(By.cssSelector(".CodeMirror"));
        assertThat(browser.find(By.id("user")).getText()).isEqualTo("alice");

        // Break a rule: the error appears in the list and at its line in the editor.
        String original = (String) browser.script("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
        String broken = original.replaceFirst("\nwhen\n", "\nwhenn\n");
        assertThat(broken).isNotEqualTo(original);
        setEditor(broken);
        browser.find(By.id("validate")).click();
        WebElement problem = browser.waitFor(By.cssSelector("#problems li[data-problem-file='consent/ConsentModels.drl']"));
        int line = Integer.parseInt(problem.getAttribute("data-problem-line"));
        assertThat(line).isGreaterThan(0);
        assertThat(problem.getText()).contains("consent/ConsentModels.drl:" + line).contains("whenn");
        assertThat(browser.driver().findElements(By.cssSelector(".CodeMirror .problem-marker"))).isNotEmpty();
        assertThat(lineNumberOfMarkedLine()).isEqualTo(line);
        browser.screenshot("editor-error.png", By.tagName("h1"));

        // Fix it: the draft is the active file again, so nothing of it is left to submit.
        setEditor(original);
        browser.find(By.id("save")).click();
        browser.waitFor(By.cssSelector(".alert.ok"));

        // Suspend the purpose in one more country, in the table editor.
        openTheTableEditor();
        fill("new-jurisdiction", COUNTRY);
        fill("new-purpose", "GENAI_TRAINING");
        fill("new-status", "SUSPENDED");
        fill("new-consent_model", "OPT_IN");
        fill("new-since", "2025-01-01");
        fill("new-reference", "Browser test: suspension in " + COUNTRY + ", pending the regulator's review");
        browser.find(By.id("validate-table")).click();
        browser.waitFor(By.id("validation-ok"));
        assertThat(browser.driver().findElements(By.cssSelector("#scenarios tr.fail"))).isEmpty();
        assertThat(browser.find(By.id("scenario-count")).getText()).matches("(\\d+) of \\1 pass");
        assertThat(browser.find(By.id("change-kind")).getText()).isEqualTo("RESTRICTIVE");
        assertThat(browser.find(By.id("impact")).getText()).contains(COUNTRY).contains("PERMIT → DENY");
        browser.screenshot("impact.png", By.id("validation"));

        // Add a scenario for the new row and run every scenario against the draft.
        browser.open("/editor/scenarios");
        new Select(browser.find(By.id("file"))).selectByValue("scenarios/JurisdictionStatus.yaml");
        fill("name", "A member in " + COUNTRY + " is denied while training is suspended there");
        fill("country", COUNTRY);
        fill("age", "30");
        fill("at", "2025-06-01T00:00:00Z");
        new Select(browser.find(By.id("decision"))).selectByValue("DENY");
        fill("reasons", "JURISDICTION_SUSPENDED");
        browser.find(By.id("add-and-run")).click();
        browser.waitFor(By.id("validation-ok"));
        assertThat(browser.find(By.id("scenario-list")).getText())
                .contains("A member in " + COUNTRY + " is denied while training is suspended there");

        // The draft survives a reload, and a second author opening the same table is warned.
        browser.open("/editor/table?file=reference/jurisdictions.csv");
        assertThat(browser.find(By.id("grid")).getAttribute("innerHTML")).contains("Browser test: suspension in " + COUNTRY);
        browser.forget();
        browser.open("/editor/table?file=reference/jurisdictions.csv");
        browser.logIn("erin");
        assertThat(browser.waitFor(By.cssSelector(".alert.warn")).getText()).contains("alice is also editing");
        browser.forget();

        // Review and submit.
        browser.open("/editor/review");
        browser.logIn("alice");
        assertThat(browser.waitFor(By.id("changed-files")).getText())
                .contains("reference/jurisdictions.csv", "scenarios/JurisdictionStatus.yaml");
        browser.find(By.id("check")).click();
        browser.waitFor(By.id("summary")).sendKeys("Suspend generative-AI training in " + COUNTRY);
        browser.find(By.id("submit")).click();
        browser.waitFor(By.id("version-status"));
        assertThat(browser.path()).matches("/proposals/\\d+");
        int version = Integer.parseInt(browser.path().substring("/proposals/".length()));
        assertThat(browser.find(By.id("version-status")).getText()).isEqualTo("PROPOSED");
        assertThat(browser.find(By.id("open-tasks")).getText()).contains("legal-approvers");
        String tasklist = browser.find(By.cssSelector("a.tasklist-link")).getAttribute("href");

        // Bob approves in Camunda Tasklist, in the same browser, after the one login (the editor's form).
        browser.forget();
        browser.driver().get(tasklist);
        browser.logIn("bob");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));
        browser.driver().get(tasklist);
        browser.waitFor(By.cssSelector("button.claim")).click();
        WebElement approve = browser.waitFor(By.id("jurist-approve"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> approve.isEnabled());
        approve.click();
        browser.find(By.id("jurist-comment")).sendKeys("Restrictive; agreed.");
        WebElement complete = browser.find(By.cssSelector("button[ng-click='complete()']"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> complete.isEnabled());
        complete.click();
        // The form's success path is the proposal page.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/proposals/" + version));

        // Alice follows the proposal to activation (a job activates it a second or two later).
        browser.forget();
        browser.open("/proposals/" + version);
        browser.logIn("alice");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("version-status")).getText().equals("ACTIVE");
        });
        assertThat(browser.find(By.id("approvals")).getText()).contains("bob").contains("Restrictive; agreed.");

        // The board shows the new row, and a decision over REST follows the new version.
        browser.open("/board");
        WebElement card = browser.waitFor(By.cssSelector("article[aria-label='" + COUNTRY + " GENAI_TRAINING SUSPENDED']"));
        assertThat(card.getText()).contains("Set by version " + version);
        browser.screenshot("board.png", By.tagName("h1"));

        // Each node publishes the new version just after the commit that made it active: allow a moment.
        JsonNode decision = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            decision = new Http(port).postJson("/api/v1/decisions", """
                    {"subject":{"id":"member-ph","country":"%s","age":30},"purpose":"GENAI_TRAINING",
                     "consent":"NOT_SET","at":"2025-06-01T00:00:00Z"}""".formatted(COUNTRY), Http.DATA_PLATFORM).json();
            if (decision.at("/ruleset/version").asInt() >= version) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(decision.at("/ruleset/version").asInt()).isEqualTo(version);
        assertThat(decision.at("/decision").asText()).isEqualTo("DENY");
        assertThat(decision.at("/reasons/0/code").asText()).isEqualTo("JURISDICTION_SUSPENDED");
    }

    private void setEditor(String content) {
        browser.script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", content);
    }

    /**
     * The jurisdiction table in the grid. Its grid was missing once in six runs, the cause not found: the page is
     * loaded again, up to three times, and the test fails with what the page said instead.
     */
    private void openTheTableEditor() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            browser.open("/editor/table?file=reference/jurisdictions.csv");
            if (!browser.driver().findElements(By.id("new-jurisdiction")).isEmpty()) {
                return;
            }
            sleep(2000);
        }
        throw new AssertionError("the table editor shows no grid: " + browser.find(By.tagName("body")).getText());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void fill(String id, String value) {
        WebElement input = browser.find(By.id(id));
        if (input.getTagName().equals("select")) {
            new Select(input).selectByValue(value);
        } else if ("date".equals(input.getAttribute("type"))) {
            browser.script("arguments[0].value = arguments[1]", input, value);
        } else {
            input.clear();
            input.sendKeys(value);
        }
    }

    /** The line number CodeMirror shows beside the line marked as wrong. */
    private int lineNumberOfMarkedLine() {
        List<WebElement> marked = browser.driver().findElements(By.cssSelector(".CodeMirror .cm-problem-line"));
        assertThat(marked).isNotEmpty();
        Object number = browser.script("var cm = document.querySelector('.CodeMirror').CodeMirror;"
                + "for (var i = 0; i < cm.lineCount(); i++) {"
                + "  var info = cm.lineInfo(i); if (info.gutterMarkers && info.gutterMarkers.problems) return i + 1; }"
                + "return -1;");
        return ((Number) number).intValue();
    }
}
