package dev.autosync.queue;

import dev.autosync.common.Json;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends {@link SyncTask}s to the sync-task queue as JSON. */
public final class SqsSyncTaskQueue implements SyncTaskQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSyncTaskQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(SyncTask task, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), delay.toSeconds()));
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(task)).delaySeconds(seconds));
        } catch (SdkException e) {
            throw new QueueUnavailableException("cannot queue sync task " + task.kind(), e);
        }
    }
}
