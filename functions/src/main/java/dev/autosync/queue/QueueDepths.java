package dev.autosync.queue;

/** How many messages wait on autosync's queues, for the health check. One implementation: {@link SqsQueueDepths}. */
public interface QueueDepths {

    /**
     * @return messages on the events queue, waiting or in flight
     * @throws QueueUnavailableException when SQS cannot be reached
     */
    long eventsBacklog();

    /**
     * @return messages on every dead-letter queue together
     * @throws QueueUnavailableException when SQS cannot be reached
     */
    default long deadLetters() {
        return deadLettersByQueue().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return messages on each configured dead-letter queue, by its name ({@code events}, {@code sync_tasks}),
     *         in that order; a queue that is not configured is absent
     * @throws QueueUnavailableException when SQS cannot be reached
     */
    java.util.Map<String, Long> deadLettersByQueue();
}
