package io.jurist.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by ChromeDriver, both from the operating system's packages (Debian's
 * chromium and chromium-driver; the paths can be changed with -Djurist.chromium and
 * -Djurist.chromedriver). Where they are missing the calling test is skipped, not failed.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("jurist.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("jurist.chromedriver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;
    private final String base;

    private Browser(WebDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    public static Browser start(int port) throws IOException {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Browser tests need Chromium and ChromeDriver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); install the chromium and chromium-driver packages, as .ci/run does");
        Path profile = Files.createTempDirectory("jurist-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        return new Browser(new ChromeDriver(service, options), profile, "http://localhost:" + port);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in through the editor's login form; the browser lands where it was going. */
    public void logIn(String user) {
        waitFor(By.id("username")).sendKeys(user);
        find(By.id("password")).sendKeys(user);
        find(By.cssSelector("button[type=submit]")).click();
    }

    /** Forgets every login: the next user starts afresh in the same browser. */
    public void forget() {
        driver.manage().deleteAllCookies();
    }

    /** Saves what the window shows, scrolled so that the element is at the top, under docs/screenshots. */
    public void screenshot(String name, By from) throws IOException {
        script("arguments[0].scrollIntoView(true); window.scrollBy(0, -10);", find(from));
        Path target = Path.of("docs", "screenshots", name);
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
