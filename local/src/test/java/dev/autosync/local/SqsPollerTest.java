package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.processing.ProcessorHandler;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.standins.AwsBackend;
import dev.autosync.store.Delivery;
import dev.autosync.store.StoreQueries;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsPollerTest {

    private static AwsBackend backend;
    private static AwsClients clients;
    private static SqsClient sqs;
    private static int queues;

    @BeforeAll
    static void start() {
        backend = AwsBackend.startConfigured();
        clients = AwsClients.local(backend.dynamoDbEndpoint(), backend.sqsEndpoint());
        sqs = clients.sqs();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void batchesCarryTheMessageAttributes_andSucceededMessagesAreDeleted() {
        String[] queue = queueWithDeadLetters(30, 5);
        send(queue[0], "ping", "d-1", "{\"zen\":\"Keep it logically awesome.\"}");
        send(queue[0], "ping", "d-2", "{}");
        List<SQSEvent> seen = new CopyOnWriteArrayList<>();
        SqsPoller poller = new SqsPoller(sqs, queue[0], (event, context) -> {
            seen.add(event);
            return new SQSBatchResponse(List.of());
        }, 1);

        int received = 0;
        for (int i = 0; i < 5 && received < 2; i++) {
            received += poller.pollOnce();
        }

        assertEquals(2, received);
        SQSEvent.SQSMessage first = seen.get(0).getRecords().get(0);
        assertTrue(first.getMessageAttributes().get(EventMessageCodec.ATTR_DELIVERY).getStringValue().startsWith("d-"));
        assertEquals("aws:sqs", first.getEventSource());
        assertEquals("1", first.getAttributes().get("ApproximateReceiveCount"));
        assertTrue(first.getAttributes().containsKey("SentTimestamp"));
        assertEquals("String", first.getMessageAttributes().get(EventMessageCodec.ATTR_EVENT).getDataType());
        assertEquals(0, depth(queue[0]), "both deleted");
    }

    // The sync tasks' mapping has BatchSize 1 (a task may use most of the function's timeout): the local
    // poller must hand them over one at a time too, or tasks would wait behind each other and share a budget.
    @Test
    void batchSizeOne_invokesTheFunctionOncePerMessage() {
        String[] queue = queueWithDeadLetters(30, 5);
        for (int i = 1; i <= 3; i++) {
            send(queue[0], "ping", "d-" + i, "{}");
        }
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        SqsPoller poller = new SqsPoller(sqs, queue[0], (event, context) -> {
            batchSizes.add(event.getRecords().size());
            return new SQSBatchResponse(List.of());
        }, 1, 1);

        int received = 0;
        for (int i = 0; i < 10 && received < 3; i++) {
            received += poller.pollOnce();
        }

        assertEquals(List.of(1, 1, 1), batchSizes);
        assertEquals(0, depth(queue[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new SqsPoller(sqs, queue[0], (event, context) -> null, 1, 11));
    }

    // Lambda fails the whole batch when batchItemFailures names an id not in it; deleting the rest instead
    // would silently drop the messages a buggy function meant to have retried.
    @Test
    void failureNamingNoMessageOfTheBatch_failsTheWholeBatch() {
        String[] queue = queueWithDeadLetters(30, 5);
        send(queue[0], "ping", "d-1", "{}");
        send(queue[0], "ping", "d-2", "{}");
        SqsPoller poller = new SqsPoller(sqs, queue[0], (event, context) -> new SQSBatchResponse(
                List.of(new SQSBatchResponse.BatchItemFailure("not-a-message-of-this-batch"))), 1);

        int received = 0;
        for (int i = 0; i < 5 && received < 2; i++) {
            received += poller.pollOnce();
        }

        assertEquals(2, received);
        assertEquals(2, depth(queue[0]), "nothing deleted: both reappear after the visibility timeout");
    }

    // The event source mapping contract: only the reported failure comes back, and after the queue's
    // max receive count the redrive policy parks it in the dead-letter queue. The failure here is one a retry
    // could cure (the processor reports such failures, e.g. the store down for that message), stood in for by
    // a handler that reports one message and hands the rest to the real processor.
    @Test
    void reportedFailure_reappearsAfterTheVisibilityTimeout_thenMovesToTheDeadLetterQueue() throws Exception {
        Resources resources = new Provisioner(clients.dynamoDb(), sqs).provision("poller" + (++queues) + "-");
        String[] queue = queueWithDeadLetters(1, 2);
        ProcessorHandler processor = processor(resources);
        SqsPoller poller = new SqsPoller(sqs, queue[0], (event, context) -> {
            List<SQSEvent.SQSMessage> failing = event.getRecords().stream()
                    .filter(m -> m.getBody().contains("retry me")).toList();
            SQSEvent rest = new SQSEvent();
            rest.setRecords(event.getRecords().stream().filter(m -> !failing.contains(m)).toList());
            List<SQSBatchResponse.BatchItemFailure> failures = new java.util.ArrayList<>(
                    processor.handleRequest(rest, context).getBatchItemFailures());
            failing.forEach(m -> failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId())));
            return new SQSBatchResponse(failures);
        }, 1);
        send(queue[0], "ping", "good-1", "{\"zen\":\"Design for failure.\"}");
        send(queue[0], "ping", "failing-1", "{\"zen\":\"retry me\"}");

        poller.start();
        awaitDepth(queue[1], 1);
        poller.close();

        assertEquals(1, depth(queue[1]), "the failing message is in the dead-letter queue");
        assertEquals(0, depth(queue[0]), "nothing left on the queue");
        StoreQueries store = new StoreQueries(clients.dynamoDb(), resources.tableName());
        assertEquals(Delivery.Status.COMPLETED, store.delivery("good-1").orElseThrow().status());
    }

    // A message no retry can cure (not JSON) is recorded as rejected with its reason and acknowledged: five
    // identical failures and a dead-letter alarm would add nothing; GitHub can redeliver it after a fix.
    @Test
    void unreadableMessage_isRecordedRejected_andAcknowledged_notRetriedIntoTheDeadLetterQueue() throws Exception {
        Resources resources = new Provisioner(clients.dynamoDb(), sqs).provision("poller" + (++queues) + "-");
        String[] queue = queueWithDeadLetters(1, 2);
        SqsPoller poller = new SqsPoller(sqs, queue[0], processor(resources), 1);
        send(queue[0], "ping", "good-2", "{\"zen\":\"Design for failure.\"}");
        send(queue[0], "issues", "poison-2", "{\"action\": \"opened\", \"issue\": ");

        poller.start();
        StoreQueries store = new StoreQueries(clients.dynamoDb(), resources.tableName());
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && (depth(queue[0]) > 0 || store.delivery("poison-2").isEmpty())) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500); // past the 1 s visibility timeout: a retried message would be back by now
        poller.close();

        assertEquals(0, depth(queue[0]), "nothing left on the queue");
        assertEquals(0, depth(queue[1]), "nothing in the dead-letter queue");
        assertEquals(Delivery.Status.COMPLETED, store.delivery("good-2").orElseThrow().status());
        Delivery poison = store.delivery("poison-2").orElseThrow();
        assertEquals(Delivery.Status.REJECTED, poison.status());
        assertTrue(poison.error().contains("not JSON"), poison.error());
    }

    /** @return the queue's URL and its dead-letter queue's URL */
    private static String[] queueWithDeadLetters(int visibilitySeconds, int maxReceiveCount) {
        int n = ++queues;
        String dlq = sqs.createQueue(b -> b.queueName("poller-dlq-" + n)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName("poller-" + n).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\""
                        + maxReceiveCount + "\"}"))).queueUrl();
        return new String[] {url, dlq};
    }

    private static ProcessorHandler processor(Resources resources) {
        Map<String, String> env = new HashMap<>(resources.asEnvironment());
        env.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, backend.dynamoDbEndpoint().toString());
        env.put(EnvVars.AWS_ENDPOINT_URL_SQS, backend.sqsEndpoint().toString());
        return ProcessorHandler.from(new Env(env));
    }

    private static void awaitDepth(String queueUrl, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (depth(queueUrl) < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void send(String queueUrl, String event, String delivery, String body) {
        EventMessage message = new EventMessage(new DeliveryId(delivery), event, Optional.empty(), Instant.now(), body);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)
                .messageAttributes(EventMessageCodec.attributes(message)));
    }

    private static int depth(String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
