package dev.autosync.queue;

/** Where webhook deliveries go. One real implementation: {@link SqsEventQueue}. */
public interface EventQueue {

    /**
     * Queues the delivery; returns only once SQS has accepted it.
     *
     * @throws QueueUnavailableException when the queue cannot be reached or refuses the message
     */
    void send(EventMessage message);
}
