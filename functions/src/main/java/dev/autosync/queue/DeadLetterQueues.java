package dev.autosync.queue;

import dev.autosync.common.aws.Resources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The two dead-letter queues by their wire names, as the api takes them and a redrive job records them. */
public final class DeadLetterQueues {

    /** The events queue's: deliveries the processor failed on after every retry. */
    public static final String EVENTS = "events";
    /** The sync-task queue's: tasks the sync engine could not run. */
    public static final String SYNC_TASKS = "sync_tasks";
    public static final List<String> ALL = List.of(EVENTS, SYNC_TASKS);

    private DeadLetterQueues() {
    }

    /** Each dead-letter queue the resources name, with the queue it takes failures from. */
    public static Map<String, DeadLetters> of(SqsClient sqs, Resources resources) {
        Map<String, DeadLetters> queues = new HashMap<>();
        if (!resources.eventsDeadLetterQueueUrl().isBlank()) {
            queues.put(EVENTS, new SqsDeadLetters(sqs, resources.eventsDeadLetterQueueUrl(), resources.eventsQueueUrl()));
        }
        if (!resources.syncTasksDeadLetterQueueUrl().isBlank()) {
            queues.put(SYNC_TASKS, new SqsDeadLetters(sqs, resources.syncTasksDeadLetterQueueUrl(),
                    resources.syncTasksQueueUrl()));
        }
        return Map.copyOf(queues);
    }
}
