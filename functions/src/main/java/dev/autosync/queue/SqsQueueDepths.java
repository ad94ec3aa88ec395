package dev.autosync.queue;

import java.util.List;
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

    private final SqsClient sqs;
    private final String eventsQueueUrl;
    private final List<String> deadLetterQueueUrls;

    public SqsQueueDepths(SqsClient sqs, String eventsQueueUrl, List<String> deadLetterQueueUrls) {
        this.sqs = sqs;
        this.eventsQueueUrl = eventsQueueUrl;
        this.deadLetterQueueUrls = List.copyOf(deadLetterQueueUrls);
    }

    @Override
    public long eventsBacklog() {
        return depth(eventsQueueUrl);
    }

    @Override
    public long deadLetters() {
        long total = 0;
        for (String url : deadLetterQueueUrls) {
            total += depth(url);
        }
        return total;
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
