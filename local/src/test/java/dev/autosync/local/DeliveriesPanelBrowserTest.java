package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.SqsEventQueue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's deliveries panel (issue 12) in headless Chromium against the local runner: a delivery
 * failed by a broken processor is found with the status filter, opened, replayed once the fault is lifted,
 * and lands (its replay shown on it, the import it asks for run, the repository's commits in the store); a
 * payload holding markup shows as text; "Replay all matching" replays what the filter lists; "Redrive" moves
 * a dead letter back to the processor.
 *
 * <p>The fault is on the wire, with no hook in the code: the sync-task queue is deleted, so processing a
 * {@code repository created} webhook (sent by the sandbox, signed, through the gateway) fails when it asks
 * for the repository's import ({@code QueueUnavailableException}, recorded on the delivery); recreating the
 * queue from the production definitions lifts it. The repository's commits are pushed with their webhook
 * dropped, so only that import can bring them: they are in the store only if the replay landed. SQS would
 * retry the failed message only after the events queue's 6-minute visibility timeout, so the replay is
 * what applies it here.
 */
class DeliveriesPanelBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "deliveries-panel-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPS_REPO = DemoGitHub.DEMO_ORG + "/ops";
    private static final int OPS_COMMITS = 2;
    /** Markup in a payload: were it parsed as HTML, an img (and a script) would appear in the panel. */
    private static final String MARKUP_TITLE = "Render <img src=x onerror=window.autosyncInjected=1> as text";
    private static final String MARKUP_BODY = "<script>window.autosyncInjected=2</script>";

    @Test
    void aFailedDelivery_isFoundOpenedAndReplayed_andLands() throws Exception {
        Chromium.require("DeliveriesPanelBrowserTest");
        try (LocalRunner runner = LocalRunner.start(Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_API_TOKENS", TOKEN,
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "off", EnvVars.AUTOSYNC_DEMO_ACTIVITY, "off"))) {
            LocalApi api = new LocalApi(runner, TOKEN);
            URI control = URI.create(LocalRunner.readyFields(runner.readyLine()).get("github"));
            awaitQuiet(api);
            long installation = api.get("/api/installations").path("installations").get(0).path("id").asLong();

            Set<String> issueDeliveries = ids(DemoDataTest.all(api, "/api/deliveries?event=issues", "deliveries"));
            act(control, Json.mapper().createObjectNode().put("type", "open_issue")
                    .put("repository", DemoGitHub.DEMO_ORG + "/api").put("title", MARKUP_TITLE).put("body", MARKUP_BODY));
            String markupDelivery = awaitNewProcessedIssueDelivery(api, issueDeliveries);

            Map<String, String> env = runner.environment();
            String syncTasks = env.get(EnvVars.SYNC_TASKS_QUEUE_URL);
            AwsClients clients = AwsClients.local(URI.create(env.get(EnvVars.AWS_ENDPOINT_URL_DYNAMODB)),
                    URI.create(env.get(EnvVars.AWS_ENDPOINT_URL_SQS)));
            try (var dynamoDb = clients.dynamoDb(); var sqs = clients.sqs()) {
                sqs.deleteQueue(b -> b.queueUrl(syncTasks));
                long ops = act(control, Json.mapper().createObjectNode().put("type", "create_repository")
                        .put("installation_id", installation).put("name", "ops")).path("id").asLong();
                act(control, Json.mapper().createObjectNode().put("type", "push").put("repository", OPS_REPO)
                        .put("commits", OPS_COMMITS).put("webhook", "drop"));
                JsonNode failed = awaitFailed(api, ops);
                assertTrue(failed.path("error").asText().startsWith("QueueUnavailableException"), failed.toString());

                Resources lifted = new Provisioner(dynamoDb, sqs).provision("");
                assertEquals(syncTasks, lifted.syncTasksQueueUrl(), "the queue is back where the functions send");
                assertEquals(0, repository(api, OPS_REPO).path("commit_count").asInt(), "nothing imported the commits yet");

                WebDriver browser = Chromium.start();
                try {
                    String job = replayFromThePanel(browser, api, failed.path("delivery_id").asText());
                    JsonNode landed = api.get("/api/deliveries/" + failed.path("delivery_id").asText());
                    assertEquals(job, landed.path("last_replay").path("job_id").asText(), landed.toString());
                    api.awaitRepository(OPS_REPO, sandboxCommits(control));

                    markupShowsAsText(browser, markupDelivery);
                    replayAllMatching(browser, api);

                    // A dead letter: the markup delivery's message, as SQS would have moved it after its retries.
                    JsonNode kept = api.get("/api/deliveries/" + markupDelivery + "?include=payload");
                    new SqsEventQueue(sqs, env.get(EnvVars.EVENTS_DLQ_URL)).send(new EventMessage(new DeliveryId(markupDelivery),
                            "issues", Optional.empty(), Instant.parse(kept.path("received_at").asText()),
                            kept.path("payload").toString()));
                    redriveFromThePanel(browser);
                    awaitDuplicates(api, markupDelivery, kept.path("duplicates").asInt() + 1);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /** Filter failed, open the delivery, replay it: the job's progress, then the replay applied, on the page. */
    private static String replayFromThePanel(WebDriver browser, LocalApi api, String delivery) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(api.base() + "/");
        wait.until(d -> d.findElement(By.id("token-input")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(TOKEN);
        browser.findElement(By.id("token-save")).click();
        // The page's own refresh would replace rows under the test's clicks.
        browser.findElement(By.id("auto-refresh")).click();
        wait.until(d -> deliveryRows(d).size() > 1);
        // SQS retries the failed delivery (after its visibility timeout) before any dead-letter queue holds it.
        wait.until(d -> "0".equals(text(d, "dead-letters-events")) && "0".equals(text(d, "dead-letters-sync_tasks")));
        assertTrue(!browser.findElement(By.id("redrive-events")).isEnabled(), "nothing to redrive");

        new Select(browser.findElement(By.id("delivery-status"))).selectByValue("failed");
        wait.until(d -> deliveryRows(d).size() == 1 && delivery.equals(deliveryRows(d).get(0).getAttribute("data-delivery-id")));
        WebElement row = deliveryRows(browser).get(0);
        assertEquals("failed", row.findElement(By.cssSelector(".badge.delivery-failed")).getText());
        assertTrue(row.getText().contains("repository.created"), row.getText());
        assertTrue(row.findElements(By.tagName("td")).get(6).getAttribute("title").startsWith("QueueUnavailableException"),
                row.getText());

        row.click();
        wait.until(d -> d.findElement(By.id("delivery-detail")).isDisplayed() && delivery.equals(text(d, "delivery-detail-id")));
        assertTrue(field(browser, "error").startsWith("QueueUnavailableException"), field(browser, "error"));
        assertEquals("none", field(browser, "last_replay"));
        assertTrue(payload(browser).contains("\"full_name\": \"" + OPS_REPO + "\""), payload(browser));

        browser.findElement(By.id("delivery-replay")).click();
        Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().contains(delivery), confirm.getText());
        confirm.accept();
        wait.until(d -> "completed".equals(text(d, "delivery-job-status")));
        assertEquals("replayed 1 · skipped 0 · failed 0", text(browser, "delivery-job-counts"));
        String job = text(browser, "delivery-job-id");
        // Stale, not processed: the failed attempt had written the repository before it asked for the import;
        // what the replay adds is that import (the commits, checked by the caller).
        wait.withMessage(() -> "last_replay: " + field(browser, "last_replay"))
                .until(d -> field(d, "last_replay").startsWith("stale · ") && field(d, "last_replay").endsWith(" · job " + job));
        // The list shows it too: the record's own (failed) attempt, and the replay's result beside it.
        wait.until(d -> deliveryRows(d).size() == 1
                && deliveryRows(d).get(0).findElements(By.cssSelector(".badge.replay")).stream()
                        .anyMatch(badge -> badge.getText().equals("replay: stale")));
        return job;
    }

    private static void markupShowsAsText(WebDriver browser, String delivery) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        new Select(browser.findElement(By.id("delivery-status"))).selectByValue("");
        wait.until(d -> d.findElements(By.cssSelector("#delivery-list tr[data-delivery-id='" + delivery + "']")).size() == 1);
        browser.findElement(By.cssSelector("#delivery-list tr[data-delivery-id='" + delivery + "']")).click();
        wait.until(d -> delivery.equals(text(d, "delivery-detail-id")) && payload(d).contains(MARKUP_BODY));
        assertTrue(payload(browser).contains(MARKUP_TITLE), payload(browser));
        assertEquals(0, browser.findElements(By.cssSelector("#deliveries script, #deliveries img")).size(),
                "the payload's markup became elements");
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.autosyncInjected;"));
    }

    /** The event filter, then "Replay all matching": one job replaying every issues delivery the api lists. */
    private static void replayAllMatching(WebDriver browser, LocalApi api) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        int issues = DemoDataTest.all(api, "/api/deliveries?event=issues", "deliveries").size();
        String before = text(browser, "delivery-job-id");
        new Select(browser.findElement(By.id("delivery-event"))).selectByValue("issues");
        wait.until(d -> deliveryRows(d).size() == issues);
        browser.findElement(By.id("delivery-replay-all")).click();
        Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().contains("event=issues"), confirm.getText());
        confirm.accept();
        wait.until(d -> !before.equals(text(d, "delivery-job-id")) && "completed".equals(text(d, "delivery-job-status")));
        assertEquals("replayed " + issues + " · skipped 0 · failed 0", text(browser, "delivery-job-counts"));
    }

    /** A reload (the token is kept) shows the dead letter; "Redrive" moves it back, and the count follows. */
    private static void redriveFromThePanel(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        String before = text(browser, "delivery-job-id");
        browser.navigate().refresh();
        wait.until(d -> "1".equals(text(d, "dead-letters-events")) && d.findElement(By.id("redrive-events")).isEnabled());
        browser.findElement(By.id("auto-refresh")).click();
        browser.findElement(By.id("redrive-events")).click();
        Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().contains("events queue"), confirm.getText());
        confirm.accept();
        wait.until(d -> !before.equals(text(d, "delivery-job-id")) && "completed".equals(text(d, "delivery-job-status")));
        assertEquals("moved 1 · failed 0", text(browser, "delivery-job-counts"));
        wait.until(d -> "0".equals(text(d, "dead-letters-events")));
    }

    /** The redriven message reached the processor: its delivery had landed, so it counts as a duplicate. */
    private static void awaitDuplicates(LocalApi api, String delivery, int duplicates) throws Exception {
        JsonNode last = null;
        for (int attempt = 0; attempt < 150; attempt++) {
            last = api.get("/api/deliveries/" + delivery);
            if (last.path("duplicates").asInt() == duplicates) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the redriven delivery never reached the processor: " + last);
    }

    /** Every job the seed started has ended, its webhooks are all processed, and both demo repositories are stored. */
    private static void awaitQuiet(LocalApi api) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 300; attempt++) {
            JsonNode jobs = api.get("/api/sync/jobs?limit=100").path("jobs");
            boolean ended = jobs.size() > 0;
            for (JsonNode job : jobs) {
                ended &= !List.of("pending", "running").contains(job.path("status").asText());
            }
            int repositories = api.get("/api/repositories").path("repositories").size();
            long backlog = api.get("/api/sync/health").path("queues").path("events_backlog").asLong(-1);
            int busy = api.get("/api/deliveries?status=in_progress").path("deliveries").size();
            if (ended && repositories == 2 && backlog == 0 && busy == 0) {
                return;
            }
            last = "jobs ended " + ended + ", repositories " + repositories + ", backlog " + backlog + ", in progress " + busy;
            Thread.sleep(200);
        }
        throw new AssertionError("the demo's seed never settled: " + last);
    }

    private static String awaitNewProcessedIssueDelivery(LocalApi api, Set<String> before) throws Exception {
        for (int attempt = 0; attempt < 150; attempt++) {
            for (JsonNode delivery : DemoDataTest.all(api, "/api/deliveries?event=issues", "deliveries")) {
                if (!before.contains(delivery.path("delivery_id").asText()) && "processed".equals(delivery.path("status").asText())) {
                    return delivery.path("delivery_id").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the issue's webhook was never processed");
    }

    private static JsonNode awaitFailed(LocalApi api, long repository) throws Exception {
        for (int attempt = 0; attempt < 150; attempt++) {
            List<JsonNode> failed = DemoDataTest.all(api, "/api/deliveries?status=failed&repository_id=" + repository, "deliveries");
            if (!failed.isEmpty()) {
                assertEquals(1, failed.size(), failed.toString());
                return failed.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the repository's webhook never failed");
    }

    private static JsonNode repository(LocalApi api, String fullName) throws Exception {
        for (JsonNode repository : api.get("/api/repositories").path("repositories")) {
            if (fullName.equals(repository.path("full_name").asText())) {
                return repository;
            }
        }
        throw new AssertionError(fullName + " is not in the store");
    }

    /** One action of the sandbox's control API (it sends the webhooks the change causes, unless told not to). */
    private static JsonNode act(URI control, ObjectNode action) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(control.resolve("/_sandbox/actions"))
                .POST(HttpRequest.BodyPublishers.ofString(action.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    /** The commits of {@link #OPS_REPO}'s default branch in the sandbox: what its import must bring. */
    private static int sandboxCommits(URI control) throws IOException, InterruptedException {
        for (JsonNode installation : DemoDataTest.sandboxState(control).path("installations")) {
            for (JsonNode repository : installation.path("repositories")) {
                if (OPS_REPO.equals(repository.path("full_name").asText())) {
                    int commits = repository.path("commits").size();
                    assertTrue(commits >= OPS_COMMITS, repository.toString());
                    return commits;
                }
            }
        }
        throw new AssertionError(OPS_REPO + " is not in the sandbox");
    }

    /** The payload view's text as the DOM holds it (not only what is scrolled into view). */
    private static String payload(WebDriver browser) {
        return browser.findElement(By.id("delivery-payload")).getDomProperty("textContent");
    }

    private static Set<String> ids(List<JsonNode> deliveries) {
        Set<String> ids = new HashSet<>();
        deliveries.forEach(delivery -> ids.add(delivery.path("delivery_id").asText()));
        return ids;
    }

    private static String field(WebDriver browser, String name) {
        return browser.findElement(By.cssSelector("#delivery-fields dd[data-field='" + name + "']")).getText().trim();
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static List<WebElement> deliveryRows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#delivery-list tbody tr[data-delivery-id]"));
    }
}
