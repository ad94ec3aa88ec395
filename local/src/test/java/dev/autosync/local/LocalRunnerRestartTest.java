package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.standins.ProjectRoot;
import dev.autosync.store.Delivery;
import dev.autosync.store.StoreQueries;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import org.junit.jupiter.api.Test;

/**
 * The run command's restart promise (issue 11): stopped as Ctrl-C stops it in the middle of a burst of
 * deliveries and started again on the same data folder, every delivery it accepted (answered 2xx) is
 * processed exactly once, and the store holds exactly what the processed deliveries wrote.
 */
class LocalRunnerRestartTest {

    private static final String SECRET = "restart-secret";
    /** More than get sent before the stop: the burst is still going when it comes. */
    private static final int DELIVERIES = 200;
    /**
     * Stop once this many are accepted: the webhook function accepts far faster than the processor stores,
     * so most are still queued, and few enough that the restart drains them in seconds.
     */
    private static final int STOP_AFTER_ACCEPTED = 12;
    private static final long FIRST_REPOSITORY_ID = 9_100_000L;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    // Before, the stand-ins kept everything in memory: a restart lost the table and every queued delivery.
    // A shutdown that stopped the stand-ins before the pollers had deleted their batch would show here as a
    // delivery with two attempts (or one stuck behind its lease).
    @Test
    void ctrlCMidBurst_thenRestart_processesEveryAcceptedDeliveryExactlyOnce() throws Exception {
        Path data = Files.createTempDirectory("autosync-restart-");
        Map<String, String> environment = Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_DEMO_DATA", "false",
                "AUTOSYNC_SYNC_INTERVAL", "off", "GITHUB_WEBHOOK_SECRET", SECRET, "AUTOSYNC_DATA_DIR", data.toString());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            sent.add(UUID.randomUUID().toString());
        }
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        int backlogAtStop;

        RunnerProcess first = RunnerProcess.start(environment);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            String webhook = first.ready("webhook");
            sender.submit(() -> {
                for (int i = 0; i < DELIVERIES; i++) {
                    if (send(webhook, sent.get(i), i)) {
                        accepted.add(sent.get(i));
                    }
                    pause(10);
                }
            });
            while (accepted.size() < STOP_AFTER_ACCEPTED) {
                Thread.sleep(5);
            }
            backlogAtStop = queued(first);
        } finally {
            first.close();
        }
        sender.shutdown();
        assertTrue(sender.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(accepted.size() < DELIVERIES, "the stop came in the middle of the burst");

        try (RunnerProcess second = RunnerProcess.start(environment)) {
            StoreQueries store = store(second);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!accepted.stream().allMatch(id -> completed(store, id)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            for (String id : accepted) {
                Optional<Delivery> delivery = store.delivery(id);
                assertTrue(delivery.isPresent(), "accepted delivery " + id + " was lost (backlog at stop: " + backlogAtStop + ")");
                assertEquals(Delivery.Status.COMPLETED, delivery.get().status(), delivery.get().toString());
                assertEquals(1, delivery.get().attempts(), "processed more than once: " + delivery.get());
            }
            // Each push names a repository of its own: exactly one per processed delivery, none twice.
            long processed = sent.stream().filter(id -> completed(store, id)).count();
            assertEquals(processed, store.stats().totalRepositories(),
                    "accepted " + accepted.size() + ", backlog at stop " + backlogAtStop);
            System.out.printf("restart: %d sent, %d accepted, %d not yet processed at the stop, %d processed%n",
                    DELIVERIES, accepted.size(), backlogAtStop, processed);
        }
    }

    /** Posts push {@code i} (its own repository); true when the runner accepted it. */
    private boolean send(String webhook, String delivery, int i) {
        try {
            ObjectNode push = (ObjectNode) Json.mapper().readTree(
                    Files.readAllBytes(ProjectRoot.find().resolve("events/payloads/push.json")));
            ObjectNode repository = (ObjectNode) push.path("repository");
            repository.put("id", FIRST_REPOSITORY_ID + i);
            repository.put("name", "restart-" + i);
            repository.put("full_name", "Codertocat/restart-" + i);
            byte[] body = Json.mapper().writeValueAsBytes(push);
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(webhook))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "push")
                    .header("X-GitHub-Delivery", delivery)
                    .header("X-Hub-Signature-256", WebhookSignature.sign(new WebhookSecret(SECRET), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (Exception refusedOrCutOff) {
            return false; // GitHub would record a failed delivery: not accepted
        }
    }

    /** Deliveries on the events queue, waiting or in flight. */
    private static int queued(RunnerProcess runner) {
        AwsClients clients = AwsClients.local(URI.create(runner.ready("dynamodb")), URI.create(runner.ready("sqs")));
        try (var sqs = clients.sqs()) {
            Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(runner.ready("events_queue"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return counts.values().stream().mapToInt(Integer::parseInt).sum();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean completed(StoreQueries store, String delivery) {
        return store.delivery(delivery).filter(d -> d.status() == Delivery.Status.COMPLETED).isPresent();
    }

    private static StoreQueries store(RunnerProcess runner) {
        AwsClients clients = AwsClients.local(URI.create(runner.ready("dynamodb")), URI.create(runner.ready("sqs")));
        return new StoreQueries(clients.dynamoDb(), runner.ready("table"));
    }
}
