package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 17, "changes in words" and "errors in plain words", in a real browser: alice's typos come back as
 * sentences at their lines; a table row, a rule and a scenario (changed through the form) read as
 * before/after rows, numbered lines and a scenario by name on the review page; her drafts are discarded
 * only after she confirms on a page of its own. Takes editor-error.png and review.png for docs/.
 */
@IntegrationTest
class WordsBrowserIntegrationTests {

    private static final String DRL = "consent/ConsentModels.drl";
    private static final String TABLE = "reference/jurisdictions.csv";
    private static final String SCENARIOS = "scenarios/ConsentModels.yaml";

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
    void typosReadAsSentencesAndChangesAsRowsLinesAndNames() throws Exception {
        browser = Browser.start(port);
        browser.open("/editor?file=" + DRL);
        browser.logIn("erin");
        browser.waitFor(By.cssSelector(".CodeMirror"));
        String original = editorText();

        // `wehn` for `when`: one sentence at line 15, nothing of Drools' grammar.
        setEditor(original.replaceFirst("\nwhen\n", "\nwehn\n"));
        browser.find(By.id("validate")).click();
        assertThat(problems()).containsExactly(DRL + ":15 expected `when`, found `wehn`");
        assertThat(markedLine()).isEqualTo(15);
        browser.screenshot("editor-error.png", By.tagName("h1"));

        // `ned` for `end` at line 21: said of the rule that starts at line 13, at line 21, not inside the next rule.
        setEditor(original.replaceFirst("\nend\n", "\nned\n"));
        browser.find(By.id("validate")).click();
        assertThat(problems()).containsExactly(DRL + ":21 the rule that starts at line 13 is not closed with `end` (found `ned`)");

        // A rule's message, a table row's reference and a scenario's age change.
        setEditor(original.replace("\"The member opted out of \"", "\"The member has opted out of \""));
        browser.find(By.id("save")).click();
        browser.waitFor(By.cssSelector(".alert.ok"));
        browser.open("/editor?file=" + TABLE);
        browser.waitFor(By.cssSelector(".CodeMirror"));
        setEditor(editorText().replace("suspended in Switzerland until further notice",
                "suspended in Switzerland until the FDPIC's review"));
        browser.find(By.id("save")).click();
        browser.waitFor(By.cssSelector(".alert.ok"));

        browser.open("/editor/scenarios");
        WebElement row = browser.waitFor(By.xpath("//table[@id='scenario-list']//tr[td[text()="
                + "'A member in the United States who opted in may be used']]"));
        assertThat(row.getText()).contains("US, age 34, GENAI_TRAINING, consent OPTED_IN");
        row.findElement(By.cssSelector("a.edit-scenario")).click();
        WebElement age = browser.waitFor(By.id("age"));
        assertThat(browser.find(By.id("name")).getAttribute("value"))
                .isEqualTo("A member in the United States who opted in may be used");
        age.clear();
        age.sendKeys("35");
        browser.find(By.id("save-and-run")).click();
        browser.waitFor(By.id("validation-ok"));
        assertThat(browser.find(By.id("scenario-list")).getText())
                .contains("US, age 35, GENAI_TRAINING, consent OPTED_IN").doesNotContain("null");

        // The review shows what changes, in words.
        browser.open("/editor/review");
        browser.find(By.id("check")).click();
        browser.waitFor(By.id("validation-ok"));
        WebElement table = browser.find(By.cssSelector("article[data-path='" + TABLE + "'] table.table-change"));
        assertThat(table.findElements(By.cssSelector("tr.before td.cell-changed"))).extracting(WebElement::getText)
                .containsExactly("ICO engagement of September 2024: training on member data suspended in Switzerland until further notice");
        assertThat(table.findElements(By.cssSelector("tr.after td.cell-changed"))).extracting(WebElement::getText)
                .containsExactly("ICO engagement of September 2024: training on member data suspended in Switzerland until the FDPIC's review");
        assertThat(browser.find(By.cssSelector("article[data-path='" + DRL + "']")).getText())
                .contains("In the rule “Members who opted out are denied”").contains("The member has opted out of");
        assertThat(browser.find(By.cssSelector("article[data-path='" + SCENARIOS + "'] .scenario-change")).getText())
                .isEqualTo("changed A member in the United States who opted in may be used");
        browser.screenshot("review.png", By.id("changes-title"));

        // Discarding asks first; "No" keeps the draft, "Yes" discards it.
        browser.open("/editor?file=" + DRL);
        browser.waitFor(By.id("discard")).click();
        assertThat(browser.waitFor(By.id("discard-warning")).getText()).contains("will be lost for good");
        browser.find(By.id("discard-cancel")).click();
        browser.waitFor(By.id("discard"));
        assertThat(editorText()).contains("The member has opted out of");
        for (String file : List.of(DRL, TABLE, SCENARIOS)) {
            browser.open("/editor?file=" + file);
            browser.waitFor(By.id("discard")).click();
            browser.waitFor(By.id("discard-confirm")).click();
            assertThat(browser.waitFor(By.cssSelector(".alert.ok")).getText()).contains("was discarded");
        }
        browser.open("/editor/review");
        assertThat(browser.waitFor(By.cssSelector(".alert.info")).getText()).contains("You have no changes to submit");
    }

    private String editorText() {
        return (String) browser.script("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
    }

    private void setEditor(String content) {
        browser.script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", content);
    }

    private List<String> problems() {
        return browser.waitFor(By.id("problems")).findElements(By.tagName("li")).stream()
                .map(WebElement::getText).toList();
    }

    private int markedLine() {
        Object number = browser.script("var cm = document.querySelector('.CodeMirror').CodeMirror;"
                + "for (var i = 0; i < cm.lineCount(); i++) {"
                + "  var info = cm.lineInfo(i); if (info.gutterMarkers && info.gutterMarkers.problems) return i + 1; }"
                + "return -1;");
        return ((Number) number).intValue();
    }
}
