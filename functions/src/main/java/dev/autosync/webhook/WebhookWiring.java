package dev.autosync.webhook;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Metrics;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.SecretArn;
import dev.autosync.common.Priming;
import dev.autosync.common.WebhookEvent;
import dev.autosync.queue.EventQueue;
import dev.autosync.queue.SqsEventQueue;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.queue.SqsSyncTaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the webhook function's collaborators from the environment, once per container (in the
 * handler's constructor, so SnapStart snapshots them warm).
 *
 * <p>Secrets: {@code GITHUB_WEBHOOK_SECRET_ARN} (in AWS) wins over {@code GITHUB_WEBHOOK_SECRET} (locally);
 * one of them must be set. SnapStart: the variables (queue URLs, the ARN's shape, the metrics namespace) are
 * checked here, at init, so a wrong deploy fails at publish; the secret itself is read on the first delivery
 * after a restore and every 5 minutes after ({@link SecretsManagerWebhookSecrets}), never during the snapshot.
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
        String eventsQueue = env.requiredUrl(EnvVars.EVENTS_QUEUE_URL);
        String syncTasksQueue = env.requiredUrl(EnvVars.SYNC_TASKS_QUEUE_URL);
        Clock clock = Clock.systemUTC();
        WebhookSecrets secrets = secrets(env, clients, clock);
        Metrics.configure(env);
        env.validate();
        SqsClient sqs = clients.sqs();
        EventQueue events = new SqsEventQueue(sqs, eventsQueue);
        SyncTaskQueue syncTasks = new SqsSyncTaskQueue(sqs, syncTasksQueue, clock);
        if (Priming.wanted(env)) {
            prime(secrets, events, syncTasks, clock);
        }
        return new WebhookService(secrets, events, syncTasks, clock);
    }

    /**
     * Primes a delivery's path (see {@link Priming}): the secret's read, over a throwaway cache of the real
     * client, then a signed sample push, verified with a throwaway secret, parsed and queued on the real queue
     * clients (answered in the process).
     */
    static void prime(WebhookSecrets secrets, EventQueue events, SyncTaskQueue syncTasks, Clock clock) {
        byte[] payload = Priming.samplePush();
        WebhookSecret secret = new WebhookSecret(UUID.randomUUID().toString());
        Map<String, String> headers = Map.of(
                GitHubHeaders.CONTENT_TYPE, GitHubHeaders.JSON,
                GitHubHeaders.EVENT, WebhookEvent.PUSH.wireName(),
                GitHubHeaders.DELIVERY, UUID.randomUUID().toString(),
                GitHubHeaders.SIGNATURE_256, WebhookSignature.sign(secret, payload));
        WebhookService primer = new WebhookService(WebhookSecrets.fixed(new SecretSet(List.of(secret))), events,
                syncTasks, clock);
        Priming.run("webhook",
                () -> {
                    if (secrets instanceof SecretsManagerWebhookSecrets real) {
                        real.primer().current();
                    }
                },
                () -> primer.handle(new WebhookRequest("POST", headers, payload)));
    }

    /** Notes a missing or malformed secret on {@code env} (never quoting it); null then. */
    private static WebhookSecrets secrets(Env env, AwsClients clients, Clock clock) {
        Optional<String> secretArn = SecretArn.optional(env, EnvVars.GITHUB_WEBHOOK_SECRET_ARN);
        if (secretArn.isPresent()) {
            return new SecretsManagerWebhookSecrets(clients.secretsManager(), secretArn.get(), clock);
        }
        Optional<String> localSecret = env.optional(EnvVars.GITHUB_WEBHOOK_SECRET);
        if (localSecret.isEmpty()) {
            env.problem("set " + EnvVars.GITHUB_WEBHOOK_SECRET_ARN + " (in AWS) or "
                    + EnvVars.GITHUB_WEBHOOK_SECRET + " (locally)");
            return null;
        }
        try {
            return WebhookSecrets.fixed(SecretSet.fromCommaSeparated(localSecret.get()));
        } catch (IllegalArgumentException e) {
            env.problem(EnvVars.GITHUB_WEBHOOK_SECRET + " must be 'current' or 'current,previous', neither empty");
            return null;
        }
    }
}
