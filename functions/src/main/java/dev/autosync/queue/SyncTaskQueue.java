package dev.autosync.queue;

import java.time.Duration;

/** Where sync requests go. One real implementation: {@link SqsSyncTaskQueue}. */
public interface SyncTaskQueue {

    /** SQS delays a message by at most 15 minutes. */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * Queues the task.
     *
     * @throws QueueUnavailableException when the queue cannot be reached
     */
    default void send(SyncTask task) {
        send(task, Duration.ZERO);
    }

    /**
     * Queues the task to become visible after {@code delay} (cut to {@link #MAX_DELAY}; a task that must
     * wait longer carries {@link SyncTask#notBefore()} and is delayed again when it arrives early).
     *
     * @throws QueueUnavailableException when the queue cannot be reached
     */
    void send(SyncTask task, Duration delay);
}
