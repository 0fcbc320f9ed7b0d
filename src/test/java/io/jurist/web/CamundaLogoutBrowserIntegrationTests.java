package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Logging out inside a Camunda webapp leads to Jurist's login page, the only one that logs anyone in, and
 * logging in there brings the person back to the webapp; Camunda's own login page is never left on screen.
 */
@IntegrationTest
class CamundaLogoutBrowserIntegrationTests {

    @LocalServerPort
    int port;

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void loggingOutOfTasklistLeadsToJuristsLoginAndBackToTasklist() throws Exception {
        browser = Browser.start(port);
        browser.open("/camunda/app/tasklist/default/");
        assertThat(browser.path()).startsWith("/login");
        browser.logIn("bob");
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(60));
        wait.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));

        // Tasklist's header: the account menu, then "Log out".
        // (Tasklist loads its scripts, then the person: allow for a busy machine, and load it afresh if it stalls.)
        for (int attempt = 1; ; attempt++) {
            try {
                new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).until(ExpectedConditions
                        .elementToBeClickable(By.cssSelector("li.account a.dropdown-toggle"))).click();
                break;
            } catch (org.openqa.selenium.TimeoutException notYet) {
                if (attempt == 3) {
                    throw notYet;
                }
                browser.driver().navigate().refresh();
            }
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account li.logout a"))).click();

        // Tasklist shows its own login page (#/login) after logging out: the person is taken to Jurist's.
        wait.until(d -> browser.path().startsWith("/login"));
        assertThat(browser.waitFor(By.id("username")).isDisplayed()).isTrue();
        browser.logIn("bob");
        wait.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("#/login");
    }
}
