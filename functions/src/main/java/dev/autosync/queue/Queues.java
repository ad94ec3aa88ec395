package dev.autosync.queue;

import java.time.Duration;
import java.util.List;

/** Every queue autosync uses. */
public final class Queues {

    private Queues() {
    }

    /** SQS accepts messages up to 1 MiB (1,048,576 bytes of body plus attributes). */
    public static final int MAX_MESSAGE_BYTES = 1_048_576;

    /** Webhook deliveries, from the webhook function to the processor (60 s timeout × 6). */
    public static final QueueDefinition EVENTS =
            new QueueDefinition("autosync-events", Duration.ofMinutes(6), 5, Duration.ofDays(14));

    /** Sync requests (imports, resyncs, manual and periodic syncs), consumed by the sync engine (5 min × 6). */
    public static final QueueDefinition SYNC_TASKS =
            new QueueDefinition("autosync-sync-tasks", Duration.ofMinutes(30), 5, Duration.ofDays(14));

    public static final List<QueueDefinition> ALL = List.of(EVENTS, SYNC_TASKS);
}
