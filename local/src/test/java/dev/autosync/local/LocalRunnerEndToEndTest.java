package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.Json;
import dev.autosync.standins.ProjectRoot;
import dev.autosync.store.Delivery;
import dev.autosync.store.StoreQueries;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the local runner as a separate JVM (as {@code mvn -pl local exec:java} would), waits for its
 * ready line, and posts signed deliveries over real HTTP, which its processor then polls off the events
 * queue into the store.
 */
class LocalRunnerEndToEndTest {

    private static final String SECRET = "end-to-end-secret";

    private static RunnerProcess runner;
    private static Map<String, String> ready;
    private static StoreQueries store;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startRunner() throws Exception {
        runner = RunnerProcess.start(Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_DEMO_DATA", "false",
                "GITHUB_WEBHOOK_SECRET", SECRET,
                "AUTOSYNC_DATA_DIR", Files.createTempDirectory("autosync-e2e-").toString()));
        ready = runner.readyFields();
        AwsClients clients = AwsClients.local(URI.create(ready.get("dynamodb")), URI.create(ready.get("sqs")));
        store = new StoreQueries(clients.dynamoDb(), ready.get("table"));
    }

    @AfterAll
    static void stopRunner() throws InterruptedException {
        if (runner != null) {
            runner.close();
        }
    }

    // The secret was supplied: the line names its variable and never repeats it (terminal logs, pasted lines).
    @Test
    void readyLine_namesTheSuppliedSecretsVariable_notItsValue() {
        assertEquals("$GITHUB_WEBHOOK_SECRET", ready.get("secret"));
        assertFalse(ready.values().stream().anyMatch(value -> value.contains(SECRET)), ready.toString());
        assertTrue(ready.get("webhook").endsWith("/api/github/webhook"));
    }

    // github= is the sandbox's control API (issue 8), github_api= the REST root the functions call.
    @Test
    void readyLine_namesTheSandboxControlApi_andItsRestRoot() throws Exception {
        HttpResponse<String> state = get(ready.get("github") + "/_sandbox/state", null);
        assertEquals(200, state.statusCode(), state.body());
        assertTrue(Json.mapper().readTree(state.body()).path("installations").isArray(), state.body());
        assertTrue(!ready.get("github").equals(ready.get("github_api")), "two distinct URLs: " + ready);
        assertEquals(401, get(ready.get("github_api") + "/app/installations", null).statusCode(),
                "the REST root wants the App's JWT");
    }

    @Test
    void signedPush_overHttp_isQueuedAndProcessedIntoTheStore() throws Exception {
        byte[] payload = Files.readAllBytes(ProjectRoot.find().resolve("events/payloads/push.json"));
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = post(ready.get("webhook") + "/", "application/json", "push", delivery, payload);

        assertEquals(202, response.statusCode(), response.body());
        Delivery processed = awaitProcessed(delivery);
        assertEquals("push", processed.event());
        long repositoryId = Json.mapper().readTree(payload).path("repository").path("id").asLong();
        assertTrue(store.repository(repositoryId).isPresent(), "the processor stored the pushed repository");
    }

    @Test
    void formEncodedDelivery_isPassedBase64AndQueuesTheDecodedPayload() throws Exception {
        String json = Files.readString(ProjectRoot.find().resolve("events/payloads/push.json"));
        byte[] form = ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = post(ready.get("webhook"), "application/x-www-form-urlencoded", "push",
                delivery, form);

        assertEquals(202, response.statusCode(), response.body());
        // Processing fails on anything but the decoded JSON payload.
        assertEquals(Delivery.Status.COMPLETED, awaitProcessed(delivery).status());
    }

    @Test
    void unknownPathAndWrongMethod_getJsonErrors() throws Exception {
        String base = ready.get("webhook").replace("/api/github/webhook", "");
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(ready.get("webhook"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, missing.statusCode());
        assertEquals(405, get.statusCode());
        assertTrue(get.body().contains("\"method_not_allowed\""), get.body());
    }

    @Test
    void api_servesWhatAWebhookDeliveryWrote_withTheGeneratedToken() throws Exception {
        String token = ready.get("api_token");
        assertTrue(token != null && token.length() >= 32, "ready line names the generated api token: " + ready);
        byte[] payload = Files.readAllBytes(ProjectRoot.find().resolve("events/payloads/push.json"));
        var push = Json.mapper().readTree(payload);
        String repository = ready.get("api") + "/repositories/" + push.path("repository").path("id").asLong();
        assertEquals(202, post(ready.get("webhook"), "application/json", "push", UUID.randomUUID().toString(),
                payload).statusCode());

        HttpResponse<String> found = get(repository, token);
        for (int attempt = 0; attempt < 60 && found.statusCode() == 404; attempt++) {
            Thread.sleep(250);
            found = get(repository, token);
        }
        assertEquals(200, found.statusCode(), found.body());
        assertTrue(found.body().contains("\"full_name\":\"" + push.path("repository").path("full_name").asText() + "\""));
        HttpResponse<String> commits = get(repository + "/commits/", token);
        assertTrue(commits.body().contains(push.path("head_commit").path("id").asText()), commits.body());
        assertTrue(!commits.body().contains(push.path("head_commit").path("author").path("email").asText()), commits.body());
        assertEquals(401, get(repository, null).statusCode());
        HttpResponse<String> health = get(ready.get("api") + "/sync/health/", null);
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(Json.mapper().readTree(health.body()).path("system").path("total_repositories").asLong() >= 1, health.body());
        HttpResponse<String> page = get(ready.get("dashboard"), null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>autosync dashboard</title>"));
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String contentType, String event, String delivery,
                                             byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", WebhookSignature.sign(new WebhookSecret(SECRET), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The runner's processor polls the events queue: wait until it has completed this delivery. */
    private static Delivery awaitProcessed(String delivery) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var recorded = store.delivery(delivery).filter(d -> d.status() == Delivery.Status.COMPLETED);
            if (recorded.isPresent()) {
                return recorded.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery " + delivery + " was not processed: " + store.delivery(delivery));
    }
}
