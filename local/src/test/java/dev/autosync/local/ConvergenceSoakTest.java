package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.EnvVars;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.store.Delivery;
import dev.autosync.store.StoreQueries;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The convergence soak (issue 11): the real local system (gateway, webhook function, queues, processor, sync
 * engine, api, dynalite, ElasticMQ) with the GitHub sandbox as GitHub, driven only through the sandbox's control
 * API. A seeded random history over several installations — thousands of commits, hundreds of issues and pull
 * requests, renames, transfers, deletions, a suspension, an uninstall and reinstall — whose webhooks are
 * delivered, duplicated, held and released out of order, delayed, missed or dropped; meanwhile DynamoDB throttles
 * a share of requests (a proxy on the wire), both queue consumers crash mid-batch, GitHub answers bursts of 5xx
 * and one installation's rate limit is spent, and periodic runs come in the middle of it. Then the faults stop,
 * one full run reconciles, and {@link ConvergenceChecker} must find the API equal to {@code GET /_sandbox/state},
 * field by field; the dead-letter queues must be empty, and the one delivery poisoned on purpose recorded in the
 * ledger with why it was rejected.
 *
 * <p>Time is compressed, not faked: the queues' visibility timeouts and the delivery lease are shortened, so a
 * crashed batch comes back in seconds instead of six minutes, and the spent rate limit resets after seconds.
 * The short variant runs in the default suite; {@code -Dautosync.soak=long} adds the long one (over 500
 * repositories). {@code -Dautosync.soak.seed=N} replays another history.
 */
class ConvergenceSoakTest {

    /**
     * The size of a soak: installations, repositories each gets at install, random actions, and how long the final
     * run and the drain may take before the test gives up on the system settling.
     */
    record Size(int accounts, int repositoriesEach, int steps, Duration settle) {
    }

    static final Size SHORT = new Size(3, 17, 450, Duration.ofMinutes(4));
    static final Size LONG = new Size(4, 130, 5000, Duration.ofMinutes(40));

    private static final String TOKEN = "soak-token-0123456789abcdef";
    private static final String SECRET = "soak-webhook-secret";
    private static final long SEED = Long.getLong("autosync.soak.seed", 11L);
    /** Shortened from six and thirty minutes: a crashed batch or a failed task is back within seconds. */
    private static final int EVENTS_VISIBILITY_SECONDS = 2;
    private static final int SYNC_TASKS_VISIBILITY_SECONDS = 4;
    /**
     * Requests DynamoDB throttles while the faults are on: few, since the SDK backs off at least a quarter of a
     * second from each (as it must), and every task makes a hundred requests or more.
     */
    private static final double THROTTLED_SHARE = 0.01;
    /** Invocations of either queue's function that crash mid-batch while the faults are on. */
    private static final double CRASHED_SHARE = 0.08;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shortSoak_theStoreConvergesOnGitHub_fieldByField() throws Exception {
        soak(SHORT);
    }

    @Test
    @EnabledIfSystemProperty(named = "autosync.soak", matches = "long")
    void longSoak_theStoreConvergesOnGitHub_fieldByField() throws Exception {
        soak(LONG);
    }

    private void soak(Size size) throws Exception {
        AtomicReference<DynamoDbFaultProxy> proxy = new AtomicReference<>();
        CrashingConsumers consumers = new CrashingConsumers(SEED);
        Interposers interposers = new Interposers(endpoint -> {
            proxy.set(new DynamoDbFaultProxy(endpoint, SEED));
            return proxy.get().uri();
        }, consumers::wrap);
        Map<String, String> environment = Map.of(EnvVars.AUTOSYNC_PORT, "0", EnvVars.AUTOSYNC_DEMO_DATA, "false",
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "off", EnvVars.AUTOSYNC_API_TOKENS, TOKEN,
                EnvVars.GITHUB_WEBHOOK_SECRET, SECRET, EnvVars.DELIVERY_LEASE_SECONDS, "3",
                // One sync-task poller here: the whole secondary-limit pace is its own.
                EnvVars.SYNC_TASK_CONCURRENCY, "1");
        Instant started = Instant.now();
        try (LocalRunner runner = LocalRunner.start(environment, LocalSchedule.FIRST_RUN_DELAY, interposers)) {
            try (DynamoDbFaultProxy faults = proxy.get()) {
                Map<String, String> ready = LocalRunner.readyFields(runner.readyLine());
                AwsClients direct = AwsClients.local(URI.create(ready.get("dynamodb")), URI.create(ready.get("sqs")));
                try (SqsClient sqs = direct.sqs(); DynamoDbClient dynamoDb = direct.dynamoDb()) {
                    run(size, runner, ready, faults, consumers, sqs, new StoreQueries(dynamoDb, ready.get("table")), started);
                }
            }
        }
    }

    private void run(Size size, LocalRunner runner, Map<String, String> ready, DynamoDbFaultProxy dynamoDb,
                     CrashingConsumers consumers, SqsClient sqs, StoreQueries ledger, Instant started) throws Exception {
        Map<String, String> env = runner.environment();
        Queues queues = new Queues(sqs, env);
        queues.visibility(env.get(EnvVars.EVENTS_QUEUE_URL), EVENTS_VISIBILITY_SECONDS);
        queues.visibility(env.get(EnvVars.SYNC_TASKS_QUEUE_URL), SYNC_TASKS_VISIBILITY_SECONDS);
        SandboxControl github = new SandboxControl(URI.create(ready.get("github")));
        LocalApi api = new LocalApi(runner, TOKEN);
        SoakHistory history = new SoakHistory(github, SEED);

        // GIVEN a system under faults: throttled DynamoDB, consumers that crash mid-batch
        dynamoDb.throttle(THROTTLED_SHARE);
        consumers.crash(CRASHED_SHARE);
        // WHEN a history is made on GitHub with its webhooks in disorder, and runs and GitHub faults come meanwhile
        history.install(size.accounts(), size.repositoriesEach());
        int part = size.steps() / 4;
        history.steps(part);
        github.act(Map.of("type", "fail_requests", "count", 10, "status", 502));
        api.post("/api/sync/periodic/", 202);
        history.suspendWhile(() -> history.steps(part / 2));
        long limited = history.installations().get(0);
        github.act(Map.of("type", "exhaust_rate_limit", "installation_id", limited, "reset_in_seconds", 5));
        api.post("/api/sync/periodic/", 202);
        history.steps(part);
        history.reinstall();
        github.act(Map.of("type", "fail_requests", "count", 8, "status", 503));
        String poisoned = sendPoisoned(ready.get("webhook"));
        history.steps(size.steps() - 2 * part - part / 2);

        // THEN, once the faults stop and one full run has reconciled, the API is GitHub, field by field
        dynamoDb.throttle(0);
        consumers.crash(0);
        github.act(Map.of("type", "clear_faults"));
        history.installations().forEach(id -> github.act(Map.of("type", "reset_rate_limit", "installation_id", id)));
        history.release();
        // No waiting for the backlog first: the run must converge whatever is still queued, processed before or after it.
        Instant chaosEnded = Instant.now();
        String job = api.post("/api/sync/periodic/?full=true", 202).path("job_id").asText();
        JsonNode finished = awaitFinished(api, job, size.settle());
        awaitQuiet(github, api, queues, size.settle());
        JsonNode state = github.state();
        Instant checking = Instant.now();
        List<String> differences = ConvergenceChecker.differences(api, state, Instant.now().minus(Duration.ofDays(90)));

        System.out.println("convergence soak " + size + " seed=" + SEED + ": " + totals(state) + "; actions "
                + history.counts() + "; DynamoDB requests throttled " + dynamoDb.throttled() + " of "
                + (dynamoDb.throttled() + dynamoDb.forwarded()) + "; consumer crashes " + consumers.crashes()
                + "; history and chaos " + seconds(started, chaosEnded) + ", final full run and drain "
                + seconds(chaosEnded, checking) + ", check " + seconds(checking, Instant.now())
                + "; differences " + differences.size());
        assertTrue(differences.isEmpty(), () -> differences.size() + " differences between the API and GitHub:\n"
                + String.join("\n", differences.subList(0, Math.min(200, differences.size()))));
        assertEquals("completed", finished.path("status").asText(), "the final full run: " + finished);
        assertDeadLettersOnlyPoisoned(queues, env, ledger, Set.of());
        Delivery rejected = ledger.delivery(poisoned).orElseThrow(() -> new AssertionError("the poisoned delivery is not in the ledger"));
        assertEquals(Delivery.Status.REJECTED, rejected.status(), rejected::toString);
        assertNotNull(rejected.error(), "its recorded failure");
        assertTrue(rejected.error().contains("issue"), rejected.error());
    }

    /**
     * A delivery signed with the App's secret whose payload is not one GitHub sends for its event: accepted at the
     * gateway, then rejected by the processor (never retried into the dead-letter queue), the reason in the ledger.
     */
    private static String sendPoisoned(String webhook) throws Exception {
        String delivery = UUID.randomUUID().toString();
        byte[] body = "{\"action\": \"opened\", \"installation\": {\"id\": 1}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(webhook))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", WebhookSignature.sign(new WebhookSecret(SECRET), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return delivery;
    }

    /**
     * Every message in a dead-letter queue must be a delivery poisoned on purpose ({@code poisoned}), with its failure
     * recorded in the ledger: anything else there is a delivery or task the system gave up on.
     */
    private static void assertDeadLettersOnlyPoisoned(Queues queues, Map<String, String> env, StoreQueries ledger,
                                                      Set<String> poisoned) {
        List<String> unexpected = new ArrayList<>();
        for (String dlq : List.of(env.get(EnvVars.EVENTS_DLQ_URL), env.get(EnvVars.SYNC_TASKS_DLQ_URL))) {
            for (Message message : queues.peekAll(dlq)) {
                String delivery = Optional.ofNullable(message.messageAttributes().get(EventMessageCodec.ATTR_DELIVERY))
                        .map(a -> a.stringValue()).orElse(null);
                boolean recorded = delivery != null && ledger.delivery(delivery).map(d -> d.error() != null).orElse(false);
                if (!poisoned.contains(delivery) || !recorded) {
                    unexpected.add(dlq.substring(dlq.lastIndexOf('/') + 1) + ": " + (delivery != null ? "delivery " + delivery
                            + " " + ledger.delivery(delivery) : "message " + message.body()));
                }
            }
        }
        assertTrue(unexpected.isEmpty(), () -> "dead-lettered without being poisoned on purpose:\n" + String.join("\n", unexpected));
    }

    /**
     * Until nothing is left to do: no webhook held by GitHub, no message on either queue (visible, in flight, or
     * for the events delayed), no job pending or running — twice in a row, a second apart (a message may be between two queues).
     */
    private static void awaitQuiet(SandboxControl github, LocalApi api, Queues queues, Duration settle) throws Exception {
        long deadline = System.nanoTime() + settle.toNanos();
        int quiet = 0;
        String last = "";
        while (quiet < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the system did not settle within " + settle + ": " + last);
            }
            int released = github.act(Map.of("type", "release_deliveries")).path("released").asInt();
            long events = queues.depth(EnvVars.EVENTS_QUEUE_URL, true);
            // Delayed sync tasks are either a job's (a rate-limit wait, a busy repository: the job is open) or the
            // purges of deleted data, which wait EntityStore.SWEEP_DELAY (16 minutes) and belong to no job.
            long tasks = queues.depth(EnvVars.SYNC_TASKS_QUEUE_URL, false);
            int jobs = api.get("/api/sync/jobs?status=pending&limit=5").path("jobs").size()
                    + api.get("/api/sync/jobs?status=running&limit=5").path("jobs").size();
            last = "released " + released + ", events queued " + events + ", sync tasks queued " + tasks + ", jobs open " + jobs;
            quiet = released == 0 && events == 0 && tasks == 0 && jobs == 0 ? quiet + 1 : 0;
            Thread.sleep(1000);
        }
    }

    private static JsonNode awaitFinished(LocalApi api, String job, Duration settle) throws Exception {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            JsonNode found = api.get("/api/sync/jobs/" + job);
            String status = found.path("status").asText();
            if (!status.equals("pending") && !status.equals("running")) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the final full run did not finish within " + settle + ": " + found);
            }
            Thread.sleep(500);
        }
    }

    private static String totals(JsonNode state) {
        int repositories = 0;
        int commits = 0;
        int issues = 0;
        int pulls = 0;
        for (JsonNode installation : state.path("installations")) {
            for (JsonNode repository : installation.path("repositories")) {
                repositories++;
                commits += repository.path("commits").size();
                issues += repository.path("issues").size();
                pulls += repository.path("pull_requests").size();
            }
        }
        return state.path("installations").size() + " installations, " + repositories + " repositories, " + commits
                + " commits on default branches, " + issues + " issues, " + pulls + " pull requests";
    }

    private static String seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() + " s";
    }

    /** The runner's queues as the test reads them directly (ElasticMQ, not through the functions). */
    private record Queues(SqsClient sqs, Map<String, String> env) {

        void visibility(String queueUrl, int seconds) {
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                    Integer.toString(seconds))));
        }

        /** Messages visible and in flight (and delayed, if {@code delayed}) on the queue whose URL is the variable {@code variable}. */
        long depth(String variable, boolean delayed) {
            List<QueueAttributeName> names = new ArrayList<>(List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            if (delayed) {
                names.add(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
            }
            return sqs.getQueueAttributes(b -> b.queueUrl(env.get(variable)).attributeNames(names)).attributes().values()
                    .stream().mapToLong(Long::parseLong).sum();
        }

        /** Every message on the queue, received and left there (visible again at once). */
        List<Message> peekAll(String queueUrl) {
            List<Message> seen = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>();
            for (int round = 0; round < 20; round++) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .visibilityTimeout(0).messageAttributeNames("All")).messages();
                if (batch.isEmpty()) {
                    break;
                }
                batch.stream().filter(m -> ids.add(m.messageId())).forEach(seen::add);
            }
            return seen;
        }
    }
}
