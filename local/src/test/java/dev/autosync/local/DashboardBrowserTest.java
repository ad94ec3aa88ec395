package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.store.JobStore;
import dev.autosync.store.RateLimits;
import dev.autosync.store.SyncJob;
import dev.autosync.store.SyncMarks;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the dashboard in headless Chromium against the local runner — its gateway, its api function and
 * the demo organisation it seeds through signed webhooks and imports — plus a finished periodic sync
 * written through the store's writers (the local schedule is off), so health and the job list have a
 * fixed history to show. Checks the page against the API's own answers and saves {@code target/dashboard.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@link Chromium}); Selenium Manager is never asked to
 * download anything (both paths are given). Skipped without them, except under {@code CI=true}.
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "browser-token-0123456789";
    private static final String PERIODIC_JOB = "job-demo-periodic";
    private static final String API_REPO = DemoGitHub.DEMO_ORG + "/api";

    @Test
    void dashboard_showsHealthJobsAndAnalyticsOfTheLocalRunner() throws Exception {
        Chromium.require("DashboardBrowserTest");
        // No local schedule: the page is checked against the periodic sync recorded below, and a real run
        // starting 5 s after start would add a newer job and move coverage between the two readings.
        try (LocalRunner runner = LocalRunner.start(Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_API_TOKENS", TOKEN,
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "off", EnvVars.AUTOSYNC_DEMO_ACTIVITY, "off"))) {
            LocalApi api = new LocalApi(runner, TOKEN);
            long apiRepo = awaitImported(api);
            recordFinishedPeriodicSync(runner.environment(), apiRepo);
            JsonNode health = awaitDrainedHealth(api);
            WebDriver browser = Chromium.start();
            try {
                exercise(browser, api, health, apiRepo, runner.environment());
            } catch (AssertionError | RuntimeException e) {
                screenshot(browser, Path.of("target", "dashboard-failed.png")); // what the page showed
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * A periodic run finished four minutes ago, written through the store (the local schedule is off, so
     * the page has a fixed history): a completed job over both demo repositories. Both are synced already,
     * by their import.
     */
    private static void recordFinishedPeriodicSync(Map<String, String> env, long syncedRepository) {
        AwsClients clients = AwsClients.local(URI.create(env.get(EnvVars.AWS_ENDPOINT_URL_DYNAMODB)),
                URI.create(env.get(EnvVars.AWS_ENDPOINT_URL_SQS)));
        Instant now = Instant.now();
        try (var dynamoDb = clients.dynamoDb()) {
            JobStore jobs = new JobStore(dynamoDb, env.get(EnvVars.TABLE_NAME));
            jobs.create(SyncJob.pending(PERIODIC_JOB, SyncJob.Type.PERIODIC_SYNC, null, null,
                    Json.mapper().createObjectNode(), now.minus(Duration.ofMinutes(5))));
            jobs.started(PERIODIC_JOB, now.minus(Duration.ofMinutes(5)));
            jobs.finished(PERIODIC_JOB, SyncJob.Status.COMPLETED, 2, 0, null, now.minus(Duration.ofMinutes(4)));
            // The import already marked it synced, later: this mark is older and changes nothing.
            new SyncMarks(dynamoDb, env.get(EnvVars.TABLE_NAME)).markSynced(syncedRepository, now.minus(Duration.ofMinutes(4)));
        }
    }

    /**
     * The demo's api repository id once both demo repositories are in the store and every job their
     * webhooks started (the installation's and the repositories' imports) has ended.
     */
    private static long awaitImported(LocalApi api) throws Exception {
        JsonNode jobs = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            JsonNode repositories = api.get("/api/repositories").path("repositories");
            jobs = api.get("/api/sync/jobs?limit=100").path("jobs");
            boolean ended = jobs.size() > 0;
            for (JsonNode job : jobs) {
                String status = job.path("status").asText();
                ended &= !status.equals("pending") && !status.equals("running");
            }
            if (ended && repositories.size() == 2) {
                for (JsonNode repository : repositories) {
                    if (API_REPO.equals(repository.path("full_name").asText())) {
                        return repository.path("github_id").asLong();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo organisation's imports never ended: " + jobs);
    }

    /** Health once every seeded webhook has been processed, so the page and this reading agree. */
    private static JsonNode awaitDrainedHealth(LocalApi api) throws Exception {
        JsonNode health = null;
        for (int attempt = 0; attempt < 150; attempt++) {
            health = api.get("/api/sync/health");
            if (health.path("queues").path("events_backlog").asLong(-1) == 0) {
                return health;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the events queue never drained: " + health);
    }

    private static void exercise(WebDriver browser, LocalApi api, JsonNode health, long apiRepo, Map<String, String> env)
            throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(api.base() + "/");
        wait.until(d -> d.findElement(By.id("token-input")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(TOKEN);
        browser.findElement(By.id("token-save")).click();

        JsonNode system = health.path("system");
        wait.until(d -> !text(d, "health-status").equals("…"));
        assertEquals(health.path("status").asText(), text(browser, "health-status"));
        assertEquals(system.path("total_installations").asText(), text(browser, "total-installations"));
        assertEquals(system.path("total_repositories").asText(), text(browser, "total-repositories"));
        assertEquals(system.path("synced_repositories").asText(), text(browser, "synced-repositories"));
        assertEquals(String.format(Locale.ROOT, "%.1f %%", system.path("sync_coverage").asDouble()), text(browser, "sync-coverage"));
        // The demo: one organisation, two repositories, one of them synced by the recorded periodic run.
        assertEquals("1 2 2 100.0", system.path("total_installations").asText() + " " + system.path("total_repositories").asText()
                + " " + system.path("synced_repositories").asText() + " " + system.path("sync_coverage").asText());
        assertTrue(text(browser, "last-periodic-sync").endsWith("completed · 2 repos"), text(browser, "last-periodic-sync"));
        // Both dead-letter queues, each on its own, quiet (not red) while empty.
        JsonNode dlqs = health.path("queues").path("dead_letters_by_queue");
        assertEquals("0 0", dlqs.path("events").asText() + " " + dlqs.path("sync_tasks").asText(), health.toString());
        assertEquals("0", text(browser, "dlq-events"));
        assertEquals("0", text(browser, "dlq-sync-tasks"));
        assertFalse(classes(browser, "dlq-events-figure").contains("alarm"));

        // Deliveries per hour: the demo's webhooks, drawn as stacked bars whose counts add up to the api's totals.
        JsonNode deliveries = api.get("/api/sync/deliveries/hourly?hours=24");
        long delivered = deliveries.path("totals").path("deliveries").asLong();
        assertTrue(delivered >= 5, "the demo's webhooks are counted: " + deliveries);
        wait.until(d -> text(d, "deliveries-total").equals(Long.toString(delivered)));
        long drawn = 0;
        for (WebElement bar : browser.findElements(By.cssSelector("#deliveries-chart rect.hour-bar"))) {
            drawn += Long.parseLong(bar.getAttribute("data-count"));
        }
        assertEquals(delivered, drawn);
        List<String> legend = browser.findElements(By.cssSelector("#deliveries-legend span")).stream().map(WebElement::getText).toList();
        List<String> events = new java.util.ArrayList<>();
        deliveries.path("totals").path("by_event").fieldNames().forEachRemaining(events::add);
        assertEquals(events, legend);
        assertTrue(events.contains("push") && events.contains("installation"), events.toString());
        assertTrue(text(browser, "deliveries-summary").contains(deliveries.path("totals").path("by_outcome").path("processed").asText()
                + " processed"), text(browser, "deliveries-summary"));

        // The rate limit the import's installation check saw, per installation.
        JsonNode limits = api.get("/api/installations/rate-limits").path("rate_limits");
        assertEquals(1, limits.size(), limits.toString());
        JsonNode limit = limits.get(0);
        assertEquals(DemoGitHub.DEMO_ORG, limit.path("account_login").asText());
        assertEquals("ok", limit.path("state").asText());
        assertTrue(limit.path("remaining").asInt() < limit.path("limit").asInt(), "the import spent some: " + limit);
        wait.until(d -> !d.findElements(By.cssSelector("#rate-limits tr[data-installation-id]")).isEmpty());
        WebElement limitRow = browser.findElement(By.cssSelector("#rate-limits tr[data-installation-id='"
                + limit.path("installation_id").asText() + "']"));
        assertEquals(limit.path("remaining").asText() + " / " + limit.path("limit").asText(),
                limitRow.findElement(By.className("remaining")).getText());
        assertEquals("ok", limitRow.findElement(By.className("badge")).getText());

        // Every job with its counters; a click opens its details: repositories, commits, issues, PRs, waits.
        JsonNode jobs = api.get("/api/sync/jobs?limit=20").path("jobs");
        wait.until(d -> jobRows(d).size() == jobs.size());
        assertEquals(1, browser.findElements(By.cssSelector("#jobs tr.job[data-job-id='" + PERIODIC_JOB + "']")).size());
        JsonNode imported = null;
        for (JsonNode job : jobs) {
            if (job.path("job_type").asText().equals("auto_import") && job.path("installation_id").isNumber()) {
                imported = job;
            }
        }
        assertTrue(imported != null, "the installation's import job: " + jobs);
        JsonNode details = imported.path("details");
        WebElement importRow = browser.findElement(By.cssSelector("#jobs tr.job[data-job-id='" + imported.path("job_id").asText() + "']"));
        List<WebElement> cells = importRow.findElements(By.tagName("td"));
        assertEquals(details.path("commits_synced").asText(), cells.get(4).getText());
        assertEquals(details.path("issues_synced").asText(), cells.get(5).getText());
        assertEquals(details.path("pulls_synced").asText(), cells.get(6).getText());
        assertEquals(details.path("redeliveries").asText(), cells.get(7).getText());
        assertEquals(details.path("waits").asText(), cells.get(8).getText());
        WebElement detailsRow = importRow.findElement(By.xpath("following-sibling::tr[1]"));
        assertFalse(detailsRow.isDisplayed());
        importRow.click();
        wait.until(d -> detailsRow.isDisplayed());
        String shown = detailsRow.getText();
        assertTrue(shown.contains("Synced: " + details.path("commits_synced").asText() + " commits, "
                + details.path("issues_synced").asText() + " issues, " + details.path("pulls_synced").asText() + " pull requests"), shown);
        assertTrue(shown.contains("Tasks: " + details.path("tasks").path("done").asText() + " of "
                + details.path("tasks").path("expected").asText() + " done"), shown);
        assertTrue(details.path("repositories").size() > 0, details.toString());
        for (JsonNode repository : details.path("repositories")) {
            assertTrue(shown.contains(repository.path("repository").asText()), shown);
        }

        // A repository's analytics, and what its activity looks like.
        wait.until(d -> rows(d, "repositories").size() == 2);
        WebElement repo = browser.findElement(By.cssSelector("#repositories tr[data-github-id='" + apiRepo + "']"));
        assertTrue(repo.getText().contains("synced"), repo.getText());
        repo.findElement(By.className("open-analytics")).click();
        JsonNode analytics = api.get("/api/repositories/" + apiRepo + "/analytics?days=90");
        int components = analytics.path("team_health").path("components").size();
        wait.until(d -> d.findElement(By.id("analytics-body")).isDisplayed() && rows(d, "team-health").size() == components);
        assertEquals(API_REPO, text(browser, "analytics-repo"));
        assertEquals(analytics.path("total_commits").asText(), text(browser, "total-commits"));
        assertEquals(analytics.path("bus_factor").asText(), text(browser, "bus-factor"));
        assertEquals(analytics.path("team_health").path("score").asText() + " / 100", text(browser, "team-health-score"));
        assertEquals(analytics.path("commits_per_week").size(), browser.findElements(By.cssSelector("#commits-chart rect")).size());
        int contributors = Math.min(5, api.get("/api/repositories/" + apiRepo + "/contributors?limit=100").path("contributors").size());
        int commits = api.get("/api/repositories/" + apiRepo + "/commits?limit=5").path("commits").size();
        assertTrue(contributors > 0 && commits > 0);
        wait.until(d -> rows(d, "contributors").size() == contributors && rows(d, "recent-commits").size() == commits);

        // No table leaves its panel: at 1400 px, where the jobs table used to run into the repositories panel, and
        // at 1024 px every table fits (its cells wrap); on a phone-sized 760 px a table may scroll sideways, but
        // only inside its panel.
        for (int width : new int[] {1400, 1024, 760}) {
            browser.manage().window().setSize(new Dimension(width, 1300));
            wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")).intValue() <= width);
            for (String table : List.of("jobs", "repositories", "rate-limits", "team-health", "contributors", "recent-commits")) {
                WebElement element = browser.findElement(By.id(table));
                assertInsidePanel(browser, width >= 1024 ? element : element.findElement(By.xpath("..")), "#" + table, width);
            }
        }
        browser.manage().window().setSize(new Dimension(1400, 1300));
        // The charts are drawn again at the panel's width: the last hour's bar ends at the chart's right edge.
        wait.until(d -> {
            WebElement chart = d.findElement(By.id("deliveries-chart"));
            List<WebElement> bars = chart.findElements(By.cssSelector("rect.hour-bar"));
            Rectangle last = bars.get(bars.size() - 1).getRect();
            return Math.abs(last.getX() + last.getWidth() - (chart.getRect().getX() + chart.getRect().getWidth())) <= 2;
        });
        screenshot(browser, Path.of("target", "dashboard.png"));
        screenshotFor(browser).ifPresent(shot -> {
            try {
                screenshot(browser, shot);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        new Select(browser.findElement(By.id("job-type"))).selectByValue("periodic_sync");
        wait.until(d -> jobRows(d).size() == 1);
        assertTrue(jobRows(browser).get(0).getText().contains("completed"), jobRows(browser).get(0).getText());

        // An operator starts a periodic sync: it joins the (refreshed, still filtered) job list, pending or
        // already taken up by the sync-task poller.
        browser.findElement(By.id("run-periodic")).click();
        wait.until(d -> jobRows(d).size() == 2);
        String started = jobRows(browser).get(0).getText();
        assertTrue(started.contains("periodic_sync") && (started.contains("pending") || started.contains("running")
                || started.contains("completed")), started);

        // A delivery given up on lands in the events dead-letter queue: the page shows it, in red.
        AwsClients clients = AwsClients.local(URI.create(env.get(EnvVars.AWS_ENDPOINT_URL_DYNAMODB)),
                URI.create(env.get(EnvVars.AWS_ENDPOINT_URL_SQS)));
        try (var sqs = clients.sqs()) {
            sqs.sendMessage(b -> b.queueUrl(env.get(EnvVars.EVENTS_DLQ_URL)).messageBody("{}"));
        }
        // Two more installations as the sync engine would record them: one nearly spent, one waiting for its
        // reset. They come first, marked (the sandbox's demo budget is never near its end).
        Instant now = Instant.now();
        try (var dynamoDb = clients.dynamoDb()) {
            RateLimits rateLimits = new RateLimits(dynamoDb, env.get(EnvVars.TABLE_NAME));
            rateLimits.observed(7001, "nearly-spent", new RateLimits.Observed(5000, 120, now.plus(Duration.ofMinutes(30)),
                    "core", now));
            rateLimits.observed(7002, "spent", new RateLimits.Observed(5000, 0, now.plus(Duration.ofMinutes(12)), "core", now));
            rateLimits.blocked(7002, now.plus(Duration.ofMinutes(12)));
        }
        // The token is kept for the session: a reload does not ask again. (Health is recomputed at most every
        // 5 s and the page refreshes it every 15 s.)
        browser.navigate().refresh();
        wait.until(d -> jobRows(d).size() == jobs.size() + 1);
        assertFalse(browser.findElement(By.id("token-dialog")).isDisplayed());
        new WebDriverWait(browser, Duration.ofSeconds(40)).until(d -> text(d, "dlq-events").equals("1"));
        assertTrue(classes(browser, "dlq-events-figure").contains("alarm"));
        assertEquals("0", text(browser, "dlq-sync-tasks"));
        assertEquals("degraded", text(browser, "health-status"));
        wait.until(d -> d.findElements(By.cssSelector("#rate-limits tr[data-installation-id]")).size() == 3);
        List<WebElement> limitRows = browser.findElements(By.cssSelector("#rate-limits tr[data-installation-id]"));
        assertEquals(List.of("7002 state-waiting", "7001 state-low", limit.path("installation_id").asText() + " state-ok"),
                limitRows.stream().map(r -> r.getAttribute("data-installation-id") + " " + r.getAttribute("class")).toList());
        assertEquals("1 waiting · 1 low", text(browser, "rate-limits-summary"));
        assertTrue(classes(browser, "rate-limits-summary").contains("error"));
        assertTrue(text(browser, "health-problems").contains("dead-letter"), text(browser, "health-problems"));
    }

    /** The element's box lies within its section's, horizontally: it wraps or scrolls inside, never spills over. */
    private static void assertInsidePanel(WebDriver browser, WebElement table, String tableId, int width) {
        WebElement panel = table.findElement(By.xpath("ancestor::section[1]"));
        Rectangle inner = table.getRect();
        Rectangle outer = panel.getRect();
        assertTrue(inner.getX() >= outer.getX() && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth(),
                tableId + " at " + width + " px spans " + inner.getX() + "–" + (inner.getX() + inner.getWidth())
                        + ", its panel #" + panel.getAttribute("id") + " " + outer.getX() + "–" + (outer.getX() + outer.getWidth()));
    }

    /**
     * Where to save the README's screenshot, if asked: {@code -Dautosync.screenshot=docs/dashboard.png} (or
     * {@code AUTOSYNC_SCREENSHOT}), relative to the repository's root.
     */
    private static java.util.Optional<Path> screenshotFor(WebDriver browser) {
        String asked = System.getProperty("autosync.screenshot", System.getenv("AUTOSYNC_SCREENSHOT"));
        if (asked == null || asked.isBlank()) {
            return java.util.Optional.empty();
        }
        Path path = Path.of(asked);
        return java.util.Optional.of(path.isAbsolute() ? path : Path.of(System.getProperty("autosync.root", "..")).resolve(path));
    }

    private static String classes(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getAttribute("class");
    }

    private static List<WebElement> jobRows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#jobs tbody tr.job"));
    }

    private static void screenshot(WebDriver browser, Path shot) throws IOException {
        Files.createDirectories(shot.getParent());
        File taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(taken.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static List<WebElement> rows(WebDriver browser, String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }
}
