package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.api.ApiWiring;
import dev.autosync.common.Json;
import dev.autosync.processing.EventProcessor;
import dev.autosync.processing.ProcessorWiring;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.Queues;
import dev.autosync.queue.SqsEventQueue;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.store.Delivery;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryEntry;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The operator's operations end to end on the real queues and table: a delivery poisoned by a broken
 * configuration rests in the dead-letter queue with its recorded failure; after the fix a redrive (through
 * the api, run by the sync engine) brings it back and the processor applies it; two redrives racing move
 * every dead letter exactly once; and a replay through the api re-queues archived deliveries that the
 * processor applies once per replay job.
 */
@ExtendWith(AwsStandIns.class)
class OperationsTest {

    private static final String TOKEN = "operations-test-token-0123456789";

    @Test
    void aPoisonedDelivery_restsInTheDeadLetterQueue_andARedriveAfterTheFixAppliesIt(AwsFixture aws) throws Exception {
        try (SyncRig rig = new SyncRig(aws)) {
            // The broken configuration: a sync-task queue that does not exist, so an installation's import cannot
            // be asked for; the failure is recorded on the delivery and SQS retries it into its dead-letter queue.
            EventProcessor broken = ProcessorWiring.create(aws.dynamoDb(), rig.resources.tableName(),
                    new SqsSyncTaskQueue(aws.sqs(), rig.resources.syncTasksQueueUrl() + "-missing", rig.clock),
                    new ProcessorWiring.Settings(false, Duration.ofSeconds(120)), rig.clock);
            String delivery = "poisoned-0001";
            new SqsEventQueue(aws.sqs(), rig.resources.eventsQueueUrl()).send(new EventMessage(new DeliveryId(delivery),
                    "installation", Optional.empty(), rig.clock.instant(), installationCreated(4242)));
            for (int receive = 0; receive <= Queues.EVENTS.maxReceiveCount() + 2; receive++) {
                for (Message message : receive(aws, rig.resources.eventsQueueUrl(), 0)) {
                    assertTrue(!broken.processMessage(message.messageId(), message.body(), attributes(message)),
                            "the broken processor fails the delivery");
                }
            }
            assertEquals(0, depth(aws, rig.resources.eventsQueueUrl()), "the delivery left its queue");
            JsonNode letters = api(aws, rig, "GET", "/api/dead-letters", Map.of("queue", "events"), null).path("dead_letters");
            assertEquals(1, letters.size(), letters.toString());
            assertEquals(delivery, letters.get(0).path("delivery_id").asText());
            assertTrue(letters.get(0).path("failure").asText().startsWith("QueueUnavailableException"), letters.toString());
            DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), rig.resources.tableName(), Duration.ZERO);
            assertEquals(Delivery.Status.FAILED, archive.entry(delivery).orElseThrow().ledger().status());

            String job = api(aws, rig, "POST", "/api/dead-letters/redrive", Map.of(), "{\"queue\": \"events\"}")
                    .path("job_id").asText();
            rig.runTasks();
            JsonNode redrive = api(aws, rig, "GET", "/api/sync/jobs/" + job, Map.of(), null);
            assertEquals("completed", redrive.path("status").asText(), redrive.toString());
            assertEquals(1, redrive.path("details").path("moved").asInt(), redrive.toString());
            for (Message message : receive(aws, rig.resources.eventsQueueUrl(), 30)) {
                assertTrue(rig.processor.processMessage(message.messageId(), message.body(), attributes(message)));
            }
            assertTrue(rig.queries.installation(4242).isPresent(), "the fixed processor applied the redriven delivery");
            DeliveryEntry entry = archive.entry(delivery).orElseThrow();
            assertEquals(Delivery.Status.COMPLETED, entry.ledger().status());
            List<Message> asked = receive(aws, rig.resources.syncTasksQueueUrl(), 600);
            assertTrue(asked.stream().anyMatch(m -> m.body().contains("\"import_installation\"")),
                    "what the broken configuration could not do is done: the import is asked for");
            assertEquals(0, depth(aws, rig.resources.eventsDeadLetterQueueUrl()));
        }
    }

    @Test
    void twoRedrivesRacing_moveEveryDeadLetterExactlyOnce(AwsFixture aws) throws Exception {
        try (SyncRig rig = new SyncRig(aws)) {
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                String body = "{\"n\": " + i + "}";
                sent.add(body);
                aws.sqs().sendMessage(b -> b.queueUrl(rig.resources.eventsDeadLetterQueueUrl()).messageBody(body)
                        .messageAttributes(Map.of(EventMessageCodec.ATTR_DELIVERY, MessageAttributeValue.builder()
                                .dataType("String").stringValue("dl-" + body.hashCode()).build())));
            }
            List<String> jobs = List.of(
                    api(aws, rig, "POST", "/api/dead-letters/redrive", Map.of(), "{\"queue\": \"events\", \"limit\": 100}")
                            .path("job_id").asText(),
                    api(aws, rig, "POST", "/api/dead-letters/redrive", Map.of(), "{\"queue\": \"events\", \"limit\": 100}")
                            .path("job_id").asText());
            List<Message> tasks = receive(aws, rig.resources.syncTasksQueueUrl(), 600);
            assertEquals(2, tasks.size());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> runs = new ArrayList<>();
                for (Message task : tasks) {
                    runs.add(pool.submit(() -> rig.engine.handleMessage(task.messageId(), task.body(), Optional.empty(),
                            Optional.of(Duration.ofMinutes(5)))));
                }
                for (Future<Boolean> run : runs) {
                    assertTrue(run.get());
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> moved = new ArrayList<>();
            for (List<Message> batch = receive(aws, rig.resources.eventsQueueUrl(), 600); !batch.isEmpty();
                    batch = receive(aws, rig.resources.eventsQueueUrl(), 600)) {
                batch.forEach(m -> moved.add(m.body()));
            }
            assertEquals(60, moved.size(), "each dead letter once: " + moved.size());
            assertEquals(sent, new HashSet<>(moved));
            assertEquals(0, depth(aws, rig.resources.eventsDeadLetterQueueUrl()));
            int counted = 0;
            for (String job : jobs) {
                JsonNode details = api(aws, rig, "GET", "/api/sync/jobs/" + job, Map.of(), null);
                assertEquals("completed", details.path("status").asText(), details.toString());
                counted += details.path("details").path("moved").asInt();
            }
            assertEquals(60, counted, "the two jobs' counts add up to what moved");
        }
    }

    @Test
    void aReplayThroughTheApi_requeuesArchivedDeliveries_andEachIsAppliedOncePerJob(AwsFixture aws) throws Exception {
        try (SyncRig rig = new SyncRig(aws)) {
            rig.clock.advance(Duration.ofMinutes(1));
            List<String> deliveries = List.of("orig-0001", "orig-0002", "orig-0003");
            for (int i = 0; i < deliveries.size(); i++) {
                Map<String, String> attributes = new HashMap<>();
                EventMessageCodec.attributes(new EventMessage(new DeliveryId(deliveries.get(i)), "installation",
                        Optional.empty(), rig.clock.instant(), "")).forEach((k, v) -> attributes.put(k, v.stringValue()));
                assertTrue(rig.processor.processMessage("m" + i, installationCreated(5000 + i), attributes));
            }
            long installations = rig.queries.stats().totalInstallations();
            String since = rig.clock.instant().minus(Duration.ofMinutes(5)).toString();
            String until = rig.clock.instant().plus(Duration.ofMinutes(5)).toString();
            String filter = "{\"event\": \"installation\", \"since\": \"" + since + "\", \"until\": \"" + until + "\"}";
            String first = api(aws, rig, "POST", "/api/deliveries/replay", Map.of(), filter).path("job_id").asText();
            String second = api(aws, rig, "POST", "/api/deliveries/" + deliveries.get(1) + "/replay", Map.of(), null)
                    .path("job_id").asText();
            rig.runTasks();
            JsonNode replay = api(aws, rig, "GET", "/api/sync/jobs/" + first, Map.of(), null);
            assertEquals("completed", replay.path("status").asText(), replay.toString());
            assertEquals(3, replay.path("details").path("replayed").asInt(), replay.toString());
            assertEquals(1, api(aws, rig, "GET", "/api/sync/jobs/" + second, Map.of(), null).path("details")
                    .path("replayed").asInt());
            List<Message> replayed = new ArrayList<>();
            for (List<Message> batch = receive(aws, rig.resources.eventsQueueUrl(), 600); !batch.isEmpty();
                    batch = receive(aws, rig.resources.eventsQueueUrl(), 600)) {
                replayed.addAll(batch);
            }
            assertEquals(4, replayed.size());
            // Each replay message twice (SQS's at-least-once): once per replay job, the rest are duplicates.
            Map<String, EventProcessor.Result> results = new LinkedHashMap<>();
            for (Message message : List.copyOf(replayed)) {
                for (int copy = 0; copy < 2; copy++) {
                    EventMessage read = EventMessageCodec.read(message.body(), attributes(message));
                    results.merge(read.deliveryId() + "/" + read.replayJob().orElseThrow() + "/" + copy,
                            rig.processor.process(read), (a, b) -> a);
                }
            }
            assertEquals(4, results.values().stream().filter(r -> r == EventProcessor.Result.DUPLICATE).count(), results.toString());
            assertEquals(installations, rig.queries.stats().totalInstallations(), "replays never double-count");
            JsonNode shown = api(aws, rig, "GET", "/api/deliveries/" + deliveries.get(1), Map.of(), null);
            assertTrue(shown.path("last_replay").path("job_id").isTextual(), shown.toString());
        }
    }

    private static JsonNode api(AwsFixture aws, SyncRig rig, String method, String path, Map<String, String> query,
                                String body) throws Exception {
        ApiWiring wiring = new ApiWiring(aws.dynamoDb(), aws.sqs(), rig.resources, Set.of(TOKEN),
                "operations-cursor-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8), rig.clock, Duration.ofMinutes(15));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath(path)
                .withQueryStringParameters(new LinkedHashMap<>(query))
                .withHeaders(Map.of("authorization", "Bearer " + TOKEN)).withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = wiring.handler().handleRequest(event, null);
        assertTrue(response.getStatusCode() < 300, method + " " + path + " -> " + response.getStatusCode() + " " + response.getBody());
        return Json.mapper().readTree(response.getBody());
    }

    private static List<Message> receive(AwsFixture aws, String queueUrl, int visibilitySeconds) {
        return aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .visibilityTimeout(visibilitySeconds).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static int depth(AwsFixture aws, String queueUrl) {
        return aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("All")).attributes()
                .entrySet().stream().filter(e -> e.getKey().name().startsWith("APPROXIMATE_NUMBER_OF_MESSAGES"))
                .mapToInt(e -> Integer.parseInt(e.getValue())).sum();
    }

    private static Map<String, String> attributes(Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
        return attributes;
    }

    /** An installation.created payload as GitHub sends it (the fields autosync reads). */
    private static String installationCreated(long installationId) {
        return "{\"action\": \"created\", \"installation\": {\"id\": " + installationId + ", \"account\": {\"login\": \"org-"
                + installationId + "\", \"id\": " + (installationId + 1_000_000) + ", \"type\": \"Organization\"},"
                + " \"repository_selection\": \"selected\", \"created_at\": \"2026-03-01T00:00:00Z\","
                + " \"updated_at\": \"2026-03-01T00:00:00Z\", \"suspended_at\": null}, \"repositories\": [],"
                + " \"sender\": {\"login\": \"octocat\", \"id\": 1}}";
    }
}
