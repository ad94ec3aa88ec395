package dev.autosync.common.aws;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;

/**
 * Where autosync's AWS resources are: the table and the queues' URLs. In AWS the deployment sets them
 * through the environment; locally and in tests {@link Provisioner} creates them and returns this.
 */
public record Resources(String tableName, String eventsQueueUrl, String eventsDeadLetterQueueUrl,
                        String syncTasksQueueUrl, String syncTasksDeadLetterQueueUrl) {

    /** Reads the resource names; missing ones are noted on {@code env} for its single validation. */
    public static Resources from(Env env) {
        return new Resources(
                env.required(EnvVars.TABLE_NAME),
                env.required(EnvVars.EVENTS_QUEUE_URL),
                env.optional(EnvVars.EVENTS_DLQ_URL).orElse(""),
                env.required(EnvVars.SYNC_TASKS_QUEUE_URL),
                env.optional(EnvVars.SYNC_TASKS_DLQ_URL).orElse(""));
    }

    /** The same resources as environment variables, for a child process or a local function. */
    public java.util.Map<String, String> asEnvironment() {
        return java.util.Map.of(
                EnvVars.TABLE_NAME, tableName,
                EnvVars.EVENTS_QUEUE_URL, eventsQueueUrl,
                EnvVars.EVENTS_DLQ_URL, eventsDeadLetterQueueUrl,
                EnvVars.SYNC_TASKS_QUEUE_URL, syncTasksQueueUrl,
                EnvVars.SYNC_TASKS_DLQ_URL, syncTasksDeadLetterQueueUrl);
    }
}
