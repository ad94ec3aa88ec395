package dev.autosync.queue;

import java.time.Duration;

/**
 * One work queue and its dead-letter queue.
 *
 * @param name              base name of the queue
 * @param visibilityTimeout how long a received message stays hidden; AWS advises six times the
 *                          consuming function's timeout so a retry never overlaps a slow run
 * @param maxReceiveCount   receives after which a message moves to the dead-letter queue
 * @param retention         how long SQS keeps an unprocessed message (the maximum, 14 days: nothing
 *                          accepted may be lost while an operator is away)
 */
public record QueueDefinition(String name, Duration visibilityTimeout, int maxReceiveCount, Duration retention) {

    public String deadLetterName() {
        return name + "-dlq";
    }
}
