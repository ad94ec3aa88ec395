package dev.autosync.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads queue depths with SQS
 * <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html">GetQueueAttributes</a>
 * (approximate counts, which is all SQS offers and all a health check needs).
 */
public final class SqsQueueDepths implements QueueDepths {

    /** The name health reports the events queue's dead-letter queue under. */
    public static final String EVENTS = "events";
    /** The name health reports the sync-task queue's dead-letter queue under. */
    public static final String SYNC_TASKS = "sync_tasks";

    private final SqsClient sqs;
    private final String eventsQueueUrl;
    private final Map<String, String> deadLetterQueueUrls;

    /**
     * @param deadLetterQueueUrls each dead-letter queue's URL by the name health reports it under
     *                            ({@code events}, {@code sync_tasks}), in that order; blank URLs are left out
     */
    public SqsQueueDepths(SqsClient sqs, String eventsQueueUrl, Map<String, String> deadLetterQueueUrls) {
        this.sqs = sqs;
        this.eventsQueueUrl = eventsQueueUrl;
        Map<String, String> configured = new LinkedHashMap<>();
        deadLetterQueueUrls.forEach((name, url) -> {
            if (url != null && !url.isBlank()) {
                configured.put(name, url);
            }
        });
        this.deadLetterQueueUrls = java.util.Collections.unmodifiableMap(configured);
    }

    /** The events dead-letter queue and the sync tasks' one, either left out when blank. */
    public static Map<String, String> deadLetterQueues(String eventsDeadLetterQueueUrl, String syncTasksDeadLetterQueueUrl) {
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put(EVENTS, eventsDeadLetterQueueUrl);
        queues.put(SYNC_TASKS, syncTasksDeadLetterQueueUrl);
        return queues;
    }

    @Override
    public long eventsBacklog() {
        return depth(eventsQueueUrl);
    }

    @Override
    public Map<String, Long> deadLettersByQueue() {
        Map<String, Long> depths = new LinkedHashMap<>();
        deadLetterQueueUrls.forEach((name, url) -> depths.put(name, depth(url)));
        return depths;
    }

    private long depth(String queueUrl) {
        try {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return attributes.values().stream().mapToLong(Long::parseLong).sum();
        } catch (SdkException e) {
            throw new QueueUnavailableException("cannot read the depth of a queue", e);
        }
    }
}
