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
    long deadLetters();
}
