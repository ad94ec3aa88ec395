package dev.autosync.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * {@link DeadLetters} over SQS: receive → send → delete with the receipt.
 *
 * <p>Why not SQS's own redrive ({@code StartMessageMoveTask}): it moves everything at a given rate, never "n
 * messages", reports progress only as an approximate count, and ElasticMQ (the local stand-in) does not
 * offer it; a redrive job here must move exactly the {@code limit} asked and count what it moved. Receive
 * hides a message from every other receiver for {@link #MOVE_VISIBILITY_SECONDS}, far longer than one send
 * and one delete, which is what keeps two racing redrives from moving a message twice.
 */
public final class SqsDeadLetters implements DeadLetters {

    static final int MOVE_VISIBILITY_SECONDS = 120;
    /** A peek hides messages this long at most (it shows them again at once). */
    static final int PEEK_VISIBILITY_SECONDS = 30;
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final String sourceQueueUrl;

    public SqsDeadLetters(SqsClient sqs, String deadLetterQueueUrl, String sourceQueueUrl) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.sourceQueueUrl = sourceQueueUrl;
    }

    @Override
    public List<Letter> peek(int max) {
        List<Letter> letters = new ArrayList<>();
        List<Message> hidden = new ArrayList<>();
        try {
            while (letters.size() < max) {
                List<Message> messages = receive(Math.min(BATCH, max - letters.size()), PEEK_VISIBILITY_SECONDS);
                if (messages.isEmpty()) {
                    break;
                }
                hidden.addAll(messages);
                messages.forEach(m -> letters.add(letter(m)));
            }
        } finally {
            for (Message message : hidden) {
                release(message);
            }
        }
        return letters;
    }

    @Override
    public Moved move(int max) {
        int moved = 0;
        int failed = 0;
        while (moved + failed < max) {
            List<Message> messages = receive(Math.min(BATCH, max - moved - failed), MOVE_VISIBILITY_SECONDS);
            if (messages.isEmpty()) {
                return new Moved(moved, failed, true);
            }
            for (Message message : messages) {
                try {
                    sqs.sendMessage(b -> b.queueUrl(sourceQueueUrl).messageBody(message.body())
                            .messageAttributes(message.messageAttributes()));
                } catch (SdkException e) {
                    failed++;
                    release(message);
                    continue;
                }
                try {
                    sqs.deleteMessage(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
                } catch (SdkException e) {
                    // Sent but not deleted: it shows again after the visibility timeout and a later move would
                    // send it twice; the processor's ledger (events) and the job's task keys (sync tasks) make a
                    // second copy a no-op. Counted as moved: it is back at its source.
                    throw new QueueUnavailableException("moved a dead letter but could not delete it", e);
                }
                moved++;
            }
        }
        return new Moved(moved, failed, false);
    }

    private List<Message> receive(int count, int visibilitySeconds) {
        try {
            ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl)
                    .maxNumberOfMessages(count).visibilityTimeout(visibilitySeconds).waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.SENT_TIMESTAMP));
            return response.messages();
        } catch (SdkException e) {
            throw new QueueUnavailableException("cannot read a dead-letter queue", e);
        }
    }

    /** Shows a received message again at once. */
    private void release(Message message) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        } catch (SdkException e) {
            // It shows again when its visibility timeout ends.
        }
    }

    private static Letter letter(Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            if (value.stringValue() != null) {
                attributes.put(name, value.stringValue());
            }
        });
        String receives = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return new Letter(message.messageId(), message.body(), attributes,
                receives == null ? 0 : Integer.parseInt(receives),
                Optional.ofNullable(sent).map(ms -> Instant.ofEpochMilli(Long.parseLong(ms))));
    }
}
