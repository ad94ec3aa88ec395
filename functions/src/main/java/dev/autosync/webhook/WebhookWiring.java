package dev.autosync.webhook;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.queue.SqsEventQueue;
import dev.autosync.queue.SqsSyncTaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the webhook function's collaborators from the environment, once per container (in the
 * handler's constructor, so SnapStart snapshots them warm).
 *
 * <p>Secrets: {@code GITHUB_WEBHOOK_SECRET_ARN} (in AWS) wins over {@code GITHUB_WEBHOOK_SECRET} (locally);
 * one of them must be set.
 */
public final class WebhookWiring {

    /**
     * Longest a Secrets Manager or SQS call may take, retries included. GitHub gives up on a delivery
     * after 10 s and the function's timeout is 10 s: a call hanging longer would end in a timeout (an
     * API Gateway 500) instead of the 503 that tells GitHub the delivery was not queued.
     */
    static final Duration AWS_CALL_BUDGET = Duration.ofSeconds(3);

    private WebhookWiring() {
    }

    /** @throws dev.autosync.common.ConfigurationException naming every missing or malformed variable */
    public static WebhookService service(Env env) {
        AwsClients clients = AwsClients.from(env).withApiCallTimeout(AWS_CALL_BUDGET);
        String eventsQueue = env.required(EnvVars.EVENTS_QUEUE_URL);
        String syncTasksQueue = env.required(EnvVars.SYNC_TASKS_QUEUE_URL);
        Optional<String> secretArn = env.optional(EnvVars.GITHUB_WEBHOOK_SECRET_ARN);
        Optional<String> localSecret = env.optional(EnvVars.GITHUB_WEBHOOK_SECRET);
        if (secretArn.isEmpty() && localSecret.isEmpty()) {
            env.problem("set " + EnvVars.GITHUB_WEBHOOK_SECRET_ARN + " (in AWS) or "
                    + EnvVars.GITHUB_WEBHOOK_SECRET + " (locally)");
        }
        env.validate();
        Clock clock = Clock.systemUTC();
        WebhookSecrets secrets = secretArn.<WebhookSecrets>map(
                        arn -> new SecretsManagerWebhookSecrets(clients.secretsManager(), arn, clock))
                .orElseGet(() -> WebhookSecrets.fixed(SecretSet.fromCommaSeparated(localSecret.get())));
        SqsClient sqs = clients.sqs();
        return new WebhookService(secrets, new SqsEventQueue(sqs, eventsQueue),
                new SqsSyncTaskQueue(sqs, syncTasksQueue), clock);
    }
}
