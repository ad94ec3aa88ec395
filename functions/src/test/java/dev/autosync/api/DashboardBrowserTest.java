package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the dashboard in headless Chromium against the api (seeded through the store's writers) behind
 * an in-process HTTP server: token prompt, health numbers, job list and filter, a repository's analytics.
 * Saves {@code target/dashboard.png}. Needs Debian's {@code chromium} and {@code chromium-driver}; Selenium
 * Manager is never asked to download anything (both paths are given).
 */
@ExtendWith(AwsStandIns.class)
class DashboardBrowserTest {

    /** Debian's paths; {@code -Dautosync.chromium=} / {@code -Dautosync.chromedriver=} point elsewhere. */
    private static final Path CHROMIUM = Path.of(System.getProperty("autosync.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("autosync.chromedriver", "/usr/bin/chromedriver"));
    private static final String INSTALL = "sudo apt-get update && sudo apt-get install -y chromium chromium-driver";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void dashboard_showsHealthJobsAndAnalytics(AwsFixture aws) throws IOException {
        requireChromium();
        Instant now = Instant.now();
        ApiTestbed api = new ApiTestbed(aws, Clock.systemUTC());
        DemoData.seed(new ApiSeed(aws, api.resources.tableName(), Clock.systemUTC()), now);
        Path profile = Files.createTempDirectory("autosync-chromium-");
        try (HandlerHttpServer server = new HandlerHttpServer(api.handler)) {
            WebDriver browser = start(profile);
            try {
                exercise(browser, server.uri().toString());
            } finally {
                browser.quit();
            }
        }
    }

    private static void exercise(WebDriver browser, String base) throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(base + "/");
        wait.until(d -> d.findElement(By.id("token-input")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(ApiTestbed.TOKEN);
        browser.findElement(By.id("token-save")).click();

        // Health: 3 repositories, 2 synced within 30 minutes -> 66.6 % (truncated), degraded.
        wait.until(d -> text(d, "total-repositories").equals("3"));
        assertEquals("2", text(browser, "total-installations"));
        assertEquals("2", text(browser, "synced-repositories"));
        assertEquals("66.6 %", text(browser, "sync-coverage"));
        assertEquals("degraded", text(browser, "health-status"));

        wait.until(d -> rows(d, "jobs").size() == 6);
        new Select(browser.findElement(By.id("job-type"))).selectByValue("periodic_sync");
        wait.until(d -> rows(d, "jobs").size() == 2);
        assertTrue(rows(browser, "jobs").get(0).getText().contains("job-periodic-1"));

        wait.until(d -> rows(d, "repositories").size() == 3);
        WebElement apiRepo = browser.findElement(By.cssSelector("#repositories tr[data-github-id='" + DemoData.API_REPO + "']"));
        assertTrue(apiRepo.getText().contains("synced"), apiRepo.getText());
        apiRepo.findElement(By.className("open-analytics")).click();
        wait.until(d -> d.findElement(By.id("analytics-body")).isDisplayed() && rows(d, "team-health").size() == 4);
        assertEquals(DemoData.API_REPO_NAME, text(browser, "analytics-repo"));
        assertTrue(text(browser, "team-health-score").endsWith("/ 100"));
        assertTrue(browser.findElements(By.cssSelector("#commits-chart rect")).size() >= 13);
        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        File taken = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(taken.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

        // An operator starts a periodic sync: it joins the (refreshed) job list as pending.
        browser.findElement(By.id("run-periodic")).click();
        wait.until(d -> rows(d, "jobs").size() == 3);
        assertTrue(rows(browser, "jobs").get(0).getText().contains("pending"), rows(browser, "jobs").get(0).getText());

        // The token is kept for the session: a reload does not ask again.
        browser.navigate().refresh();
        wait.until(d -> text(d, "total-repositories").equals("3"));
        wait.until(d -> rows(d, "jobs").size() == 7);
        assertFalse(browser.findElement(By.id("token-dialog")).isDisplayed());
    }

    private static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1300", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): install with `" + INSTALL + "`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.out.println("SKIPPED DashboardBrowserTest: " + message);
        Assumptions.abort(message);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static List<WebElement> rows(WebDriver browser, String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }
}
