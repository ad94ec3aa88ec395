package dev.autosync.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.common.Log;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Feeds a queue to a function as Lambda's SQS event source mapping does: long-polls batches (up to 10),
 * hands them over as a real {@link SQSEvent} (message attributes included), then deletes only the
 * messages the function did not list in {@code batchItemFailures}. Failed messages stay on the queue,
 * reappear after the queue's visibility timeout, and after its max receive count the redrive policy
 * moves them to the dead-letter queue. A handler that throws fails the whole batch, as in Lambda.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html">Using Lambda with Amazon SQS</a>
 */
public final class SqsPoller implements EventSource {

    /** Lambda's default and maximum batch size for a standard queue without a batching window. */
    public static final int BATCH_SIZE = 10;

    private static final Log LOG = Log.of(SqsPoller.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int waitSeconds;
    private final int batchSize;
    private final String queueArn;
    private volatile boolean running;
    private Thread thread;

    /** @param waitSeconds long-poll wait (20 in the local runner; tests use less to stop quickly) */
    public SqsPoller(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                     int waitSeconds) {
        this(sqs, queueUrl, handler, waitSeconds, BATCH_SIZE);
    }

    /**
     * @param batchSize most messages per invocation (1 to 10), as the event source mapping's {@code BatchSize}
     *                  in template.yaml: 1 for the sync tasks, which may each use most of the function's timeout
     */
    public SqsPoller(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                     int waitSeconds, int batchSize) {
        if (batchSize < 1 || batchSize > BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1 to " + BATCH_SIZE + ", not " + batchSize);
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.waitSeconds = waitSeconds;
        this.batchSize = batchSize;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "sqs-poller-" + queueArn.substring(queueArn.lastIndexOf(':') + 1));
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join((waitSeconds + 5) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.error("poll failed", Map.of("queue", queueArn, "error", e.getClass().getSimpleName()));
                pause();
            }
        }
    }

    /**
     * One receive, one invocation, one delete of the successes.
     *
     * @return how many messages were received
     */
    public int pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        Set<String> failed;
        try {
            failed = failures(handler.handleRequest(event(messages), null), messages);
        } catch (RuntimeException e) {
            LOG.error("function failed the whole batch", Map.of("queue", queueArn, "error", e.getClass().getSimpleName()));
            return messages.size();
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    /**
     * The ids the function reported failed. As in Lambda, a failure naming no message of the batch (a null,
     * empty or unknown id) fails the whole batch: deleting the rest would lose what the function meant to retry.
     */
    private static Set<String> failures(SQSBatchResponse response, List<Message> messages) {
        Set<String> failed = new HashSet<>();
        if (response == null || response.getBatchItemFailures() == null) {
            return failed;
        }
        Set<String> batch = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            if (failure == null || !batch.contains(failure.getItemIdentifier())) {
                throw new IllegalStateException("batchItemFailures names no message of the batch");
            }
            failed.add(failure.getItemIdentifier());
        }
        return failed;
    }

    private SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::record).toList());
        return event;
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(queueArn.split(":")[3]);
        // As strings: attributes() folds names this SDK version does not know into one UNKNOWN key.
        record.setAttributes(new HashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        record.setMessageAttributes(attributes);
        return record;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        return attribute;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
