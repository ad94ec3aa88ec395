package dev.autosync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.autosync.common.Json;
import dev.autosync.common.aws.Resources;
import dev.autosync.github.GitHubClient;
import dev.autosync.github.GitHubConfig;
import dev.autosync.github.RetryPolicy;
import dev.autosync.github.internal.PemKeys;
import dev.autosync.processing.EventProcessor;
import dev.autosync.processing.ProcessorWiring;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.store.DynamoEtagStore;
import dev.autosync.store.JobStore;
import dev.autosync.store.StoreQueries;
import dev.autosync.testing.AwsFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The sync engine over real stand-ins: the GitHub sandbox on a manual clock (shared with the engine and the
 * processor), a fresh dynalite table and ElasticMQ queues. The sandbox's webhooks reach the processor
 * through a loopback HTTP receiver, as they reach the webhook function in the running system; sync tasks
 * go through the real sync-task queue. Tasks sent with a delay wait on the manual clock instead of
 * ElasticMQ's real one, so waits for a rate-limit reset take no time.
 */
final class SyncRig implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final AwsFixture aws;
    final Resources resources;
    final ManualClock clock = new ManualClock(START);
    final GitHubSandbox sandbox = GitHubSandbox.start(clock);
    final StoreQueries queries;
    final JobStore jobs;
    final GitHubClient client;
    final SyncEngine engine;
    final EventProcessor processor;
    final List<Duration> sleeps = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private final HttpServer receiver;
    private final AtomicInteger messages = new AtomicInteger();
    private Duration invocationTime = Duration.ofMinutes(5);

    private record Held(SyncTask task, Instant visibleAt) {
    }

    SyncRig(AwsFixture aws) {
        this(aws, SyncSettings.defaults());
    }

    SyncRig(AwsFixture aws, SyncSettings settings) {
        this(aws, settings, java.util.function.UnaryOperator.identity());
    }

    /** @param engineDynamoDb wraps the engine's DynamoDB client (e.g. to count its writes) */
    SyncRig(AwsFixture aws, SyncSettings settings,
            java.util.function.UnaryOperator<software.amazon.awssdk.services.dynamodb.DynamoDbClient> engineDynamoDb) {
        this.aws = aws;
        this.resources = aws.provision();
        this.queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        this.jobs = new JobStore(aws.dynamoDb(), resources.tableName());
        GitHubConfig config = new GitHubConfig(sandbox.apiUrl(), Long.toString(sandbox.app().appId()),
                Optional.of(sandbox.app().clientId()), PemKeys.parse(sandbox.app().privateKeyPkcs1Pem()));
        this.client = GitHubClient.create(config, new DynamoEtagStore(aws.dynamoDb(), resources.tableName(), clock),
                RetryPolicy.LAMBDA, sleeps::add, clock);
        SqsSyncTaskQueue sqs = new SqsSyncTaskQueue(aws.sqs(), resources.syncTasksQueueUrl(), clock);
        SyncTaskQueue queue = (task, delay) -> {
            if (delay.isZero() || delay.isNegative()) {
                sqs.send(task);
            } else {
                synchronized (held) {
                    held.add(new Held(task, clock.instant().plus(delay)));
                }
            }
        };
        this.engine = SyncWiring.create(client, engineDynamoDb.apply(aws.dynamoDb()), resources.tableName(), queue,
                settings, clock, SyncWiring.PURGE_CHUNK, SyncWiring.operationQueues(aws.sqs(), resources));
        this.processor = ProcessorWiring.create(aws.dynamoDb(), resources.tableName(), sqs,
                new ProcessorWiring.Settings(settings.retainDataOnUninstall(), Duration.ofSeconds(120)), clock);
        this.receiver = receiver();
        sandbox.webhooks().deliverTo(receiverUrl(), "rig-secret");
    }

    /** Webhooks straight into the processor (signature checking is the webhook function's, tested there). */
    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String event = exchange.getRequestHeaders().getFirst("X-GitHub-Event");
                String delivery = exchange.getRequestHeaders().getFirst("X-GitHub-Delivery");
                Map<String, String> attributes = new HashMap<>();
                EventMessageCodec.attributes(new EventMessage(new DeliveryId(delivery), event, Optional.empty(),
                        clock.instant(), "")).forEach((k, v) -> attributes.put(k, v.stringValue()));
                boolean ok = processor.processMessage("m-" + delivery, body, attributes);
                exchange.sendResponseHeaders(ok ? 202 : 500, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One periodic run as the schedule starts it, then every task it causes until the queue is empty. */
    SyncJobResult periodicRun() {
        String jobId = engine.scheduledRun(clock.instant());
        int ran = runTasks();
        return new SyncJobResult(jobs.job(jobId).orElseThrow(), ran);
    }

    record SyncJobResult(dev.autosync.store.SyncJob job, int tasksRun) {
    }

    /**
     * Runs queued sync tasks (and those they send) until none is left; a task held for later moves the
     * clock to its time. A message the engine asks to retry is retried at once, at most 5 times.
     */
    int runTasks() {
        int ran = 0;
        Map<String, Integer> retries = new HashMap<>();
        for (int round = 0; round < 100_000; round++) {
            List<Message> batch = aws.sqs().receiveMessage(b -> b.queueUrl(resources.syncTasksQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0).messageAttributeNames(SqsSyncTaskQueue.VISIBLE_AT)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
            if (batch.isEmpty()) {
                Optional<Held> next;
                synchronized (held) {
                    next = held.stream().min(Comparator.comparing(Held::visibleAt));
                    next.ifPresent(held::remove);
                }
                if (next.isEmpty()) {
                    return ran;
                }
                if (next.get().visibleAt().isAfter(clock.instant())) {
                    clock.advance(Duration.between(clock.instant(), next.get().visibleAt()));
                }
                new SqsSyncTaskQueue(aws.sqs(), resources.syncTasksQueueUrl(), clock).send(next.get().task());
                continue;
            }
            for (Message message : batch) {
                ran++;
                boolean done = engine.handleMessage(message.messageId(), message.body(), visibleAt(message), Optional.of(invocationTime));
                if (done || retries.merge(message.messageId(), 1, Integer::sum) > 5) {
                    aws.sqs().deleteMessage(b -> b.queueUrl(resources.syncTasksQueueUrl()).receiptHandle(message.receiptHandle()));
                    if (!done) {
                        throw new AssertionError("sync task kept failing: " + message.body());
                    }
                } else {
                    aws.sqs().changeMessageVisibility(b -> b.queueUrl(resources.syncTasksQueueUrl())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
        }
        throw new AssertionError("sync tasks never ran out");
    }

    /** When the message became visible, read as the sync-task handler reads it from Lambda's event. */
    static Optional<Instant> visibleAt(Message message) {
        return SqsSyncTaskQueue.visibleAt(Optional.ofNullable(message.messageAttributes().get(SqsSyncTaskQueue.VISIBLE_AT))
                .map(MessageAttributeValue::stringValue), Optional.ofNullable(message.attributesAsStrings().get(SqsSyncTaskQueue.SENT_TIMESTAMP)));
    }

    /** How long each task invocation may run (Lambda's remaining time as the handler would pass it). */
    void invocationTime(Duration time) {
        this.invocationTime = time;
    }

    URI receiverUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
    }

    /** GitHub's truth as the sandbox's control API states it ({@code GET /_sandbox/state}). */
    JsonNode sandboxState() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    sandbox.controlUrl().resolve("/_sandbox/state")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Attributes that record how, when or by whom a state was reached, not what it is. */
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("count_version", "version", "counted",
            "created_by", "deleted_at", "expires_at", "last_synced_at", "gsi3pk", "gsi3sk", "source_time", "observed_at",
            "done_at");
    // Also the api's per-day generations (rg<kind>#…, see AnalyticsDays): a retried write may bump them again.

    /**
     * Every GitHub entity item of the table (no jobs, deliveries, ETags or sync bookkeeping), without what
     * depends on the order of processing: what webhooks and syncs in any order must agree on.
     */
    java.util.TreeMap<String, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> entities() {
        java.util.TreeMap<String, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = new java.util.TreeMap<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
            var page = aws.dynamoDb().scan(b -> b.tableName(resources.tableName()).exclusiveStartKey(from));
            for (var item : page.items()) {
                String pk = item.get("pk").s();
                String sk = item.get("sk").s();
                if (!(pk.startsWith("REPO#") || pk.startsWith("INST#")) || sk.equals("SYNC")) {
                    continue;
                }
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> kept = new java.util.TreeMap<>(item);
                kept.keySet().removeIf(a -> a.startsWith("ap#") || BOOKKEEPING.contains(a) || a.matches("rg[a-z]#.*"));
                // A counter never touched and one back at zero read the same (0) through the api.
                kept.entrySet().removeIf(e -> e.getKey().endsWith("_count") && "0".equals(e.getValue().n()));
                kept.replaceAll((a, v) -> v.hasSs() ? software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromSs(v.ss().stream().sorted().toList()) : v);
                items.put(pk + " " + sk, kept);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    @Override
    public void close() {
        receiver.stop(0);
        sandbox.close();
    }
}
