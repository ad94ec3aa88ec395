package dev.autosync.queue;

import dev.autosync.common.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends {@link SyncTask}s to the sync-task queue as JSON, each stamped with the time it becomes visible
 * ({@value #VISIBLE_AT}: now plus the delay it is sent with), which the consumer measures its lateness from
 * ({@code SyncTaskDelay}). SQS tells a consumer when a message was sent ({@code SentTimestamp}) but not the
 * delay it was sent with, so the stamp carries it.
 */
public final class SqsSyncTaskQueue implements SyncTaskQueue {

    /** String message attribute: when the message becomes visible (ISO-8601), by the sender's clock. */
    public static final String VISIBLE_AT = "visible_at";
    /** The SQS system attribute holding when a message was sent, in epoch milliseconds. */
    public static final String SENT_TIMESTAMP = "SentTimestamp";

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    /** @param clock stamps {@value #VISIBLE_AT} (the consumer's clock must be the same one, or agree with it) */
    public SqsSyncTaskQueue(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public void send(SyncTask task, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), delay.toSeconds()));
        Instant visibleAt = clock.instant().plusSeconds(seconds);
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(task)).delaySeconds(seconds)
                    .messageAttributes(Map.of(VISIBLE_AT, MessageAttributeValue.builder().dataType("String")
                            .stringValue(visibleAt.toString()).build())));
        } catch (SdkException e) {
            throw new QueueUnavailableException("cannot queue sync task " + task.kind(), e);
        }
    }

    /**
     * When a received message became visible: its {@value #VISIBLE_AT} stamp, else (a message sent without one)
     * its {@value #SENT_TIMESTAMP}; empty when neither is readable.
     */
    public static Optional<Instant> visibleAt(Optional<String> visibleAtAttribute, Optional<String> sentTimestamp) {
        return visibleAtAttribute.flatMap(SqsSyncTaskQueue::instant).or(() -> sentTimestamp.flatMap(SqsSyncTaskQueue::epochMillis));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochMillis(String text) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
