package dev.autosync.common.aws;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where autosync's AWS resources are: the table and the queues' URLs. In AWS the deployment sets them
 * through the environment; locally and in tests {@link Provisioner} creates them and returns this.
 */
public record Resources(String tableName, String eventsQueueUrl, String eventsDeadLetterQueueUrl,
                        String syncTasksQueueUrl, String syncTasksDeadLetterQueueUrl) {

    /** DynamoDB's rule for a table name. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    /**
     * Reads the resource names; missing or malformed ones (a table name that is an ARN, a queue given by name
     * instead of URL) are noted on {@code env} for its single validation, so a wrong deploy fails at init.
     */
    public static Resources from(Env env) {
        String table = env.required(EnvVars.TABLE_NAME);
        if (!table.isEmpty() && !TABLE.matcher(table).matches()) {
            env.problem(EnvVars.TABLE_NAME + " must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), not '" + table + "'");
        }
        return new Resources(
                table,
                env.requiredUrl(EnvVars.EVENTS_QUEUE_URL),
                env.optionalUri(EnvVars.EVENTS_DLQ_URL).map(URI::toString).orElse(""),
                env.requiredUrl(EnvVars.SYNC_TASKS_QUEUE_URL),
                env.optionalUri(EnvVars.SYNC_TASKS_DLQ_URL).map(URI::toString).orElse(""));
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
