package dev.autosync.queue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dead-letter queue and the queue it takes failures from: what rests there, and moving it back. One real
 * implementation: {@link SqsDeadLetters}.
 */
public interface DeadLetters {

    /**
     * One message resting in a dead-letter queue.
     *
     * @param attributes its string message attributes (an event's delivery id and event name)
     * @param receives   how often it was received before it came here (and since, by peeks)
     * @param sentAt     when it was first sent to its source queue
     */
    record Letter(String messageId, String body, Map<String, String> attributes, int receives, Optional<Instant> sentAt) {

        @Override
        public String toString() {
            // Never print the body: it may be a payload.
            return "Letter[" + messageId + ", receives=" + receives + "]";
        }
    }

    /** What one move did. */
    record Moved(int moved, int failed, boolean drained) {
    }

    /**
     * Up to {@code max} messages, left in the queue: each is received and at once made visible again, so a
     * listing hides nothing from a redrive for longer than the call.
     */
    List<Letter> peek(int max);

    /**
     * Moves up to {@code max} messages back to the source queue: each received (hidden from other movers for
     * longer than the move takes), sent with the same body and attributes, then deleted — so two movers never
     * move one message twice. A message whose send fails stays in the dead-letter queue (counted as failed).
     *
     * @return {@code drained} when the queue had fewer than asked
     */
    Moved move(int max);
}
