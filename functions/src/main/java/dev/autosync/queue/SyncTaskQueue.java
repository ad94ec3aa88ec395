package dev.autosync.queue;

/** Where sync requests go. One real implementation: {@link SqsSyncTaskQueue}. */
public interface SyncTaskQueue {

    /**
     * Queues the task.
     *
     * @throws QueueUnavailableException when the queue cannot be reached
     */
    void send(SyncTask task);
}
