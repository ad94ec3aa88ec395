package dev.autosync.processing;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Metrics;
import dev.autosync.common.Priming;
import dev.autosync.common.WebhookEvent;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.CommitStore;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryHours;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.store.EntityStore;
import dev.autosync.store.JobProgress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the processor by hand from its configuration. */
public final class ProcessorWiring {

    /**
     * Longer than the processor function's timeout (60 s), so a live attempt is never taken over; checked
     * against {@code AUTOSYNC_FUNCTION_TIMEOUT_SECONDS} at init.
     */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(120);

    private ProcessorWiring() {
    }

    /** The longest {@code AUTOSYNC_ARCHIVE_DAYS}: a year of payloads is already more than any replay needs. */
    static final int MAX_ARCHIVE_DAYS = 365;

    /**
     * The processor's whole configuration, validated at once.
     *
     * @param archiveFor how long delivery payloads are archived ({@code AUTOSYNC_ARCHIVE_DAYS}); zero keeps none
     */
    public record Settings(boolean retainDataOnUninstall, Duration lease, Duration archiveFor) {

        public Settings(boolean retainDataOnUninstall, Duration lease) {
            this(retainDataOnUninstall, lease, Duration.ofDays(DeliveryArchive.DEFAULT_DAYS));
        }
    }

    public static EventProcessor fromEnvironment(Env env) {
        Resources resources = Resources.from(env);
        AwsClients clients = AwsClients.from(env);
        Settings settings = settings(env);
        Metrics.configure(env);
        env.validate();
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SyncTaskQueue syncTasks = new SqsSyncTaskQueue(clients.sqs(), resources.syncTasksQueueUrl(), clock);
        if (Priming.wanted(env)) {
            prime(create(dynamoDb, resources.tableName(), syncTasks, settings, clock), clock);
        }
        return create(dynamoDb, resources.tableName(), syncTasks, settings, clock);
    }

    /**
     * Primes a delivery's path (see {@link Priming}) with the sample push, as a message the webhook queued,
     * through a processor of its own over the real clients.
     */
    static void prime(EventProcessor primer, Clock clock) {
        String payload = new String(Priming.samplePush(), StandardCharsets.UTF_8);
        Map<String, String> attributes = Map.of(
                EventMessageCodec.ATTR_EVENT, WebhookEvent.PUSH.wireName(),
                EventMessageCodec.ATTR_DELIVERY, UUID.randomUUID().toString(),
                EventMessageCodec.ATTR_RECEIVED_AT, clock.instant().toString());
        Priming.run("processor", () -> primer.processMessage("priming-" + UUID.randomUUID(), payload, attributes));
    }

    public static Settings settings(Env env) {
        Duration lease = Duration.ofSeconds(env.positiveLong(EnvVars.DELIVERY_LEASE_SECONDS, DEFAULT_LEASE.toSeconds()));
        leaseOutlivesTimeout(env, lease);
        return new Settings(env.flag(EnvVars.RETAIN_DATA_ON_UNINSTALL, false), lease, archiveDays(env));
    }

    private static Duration archiveDays(Env env) {
        String value = env.optional(EnvVars.AUTOSYNC_ARCHIVE_DAYS).orElse(Integer.toString(DeliveryArchive.DEFAULT_DAYS));
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 0 && days <= MAX_ARCHIVE_DAYS) {
                return Duration.ofDays(days);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(EnvVars.AUTOSYNC_ARCHIVE_DAYS + " must be a whole number of days from 0 (keep no payloads) to "
                + MAX_ARCHIVE_DAYS + ", not '" + value + "'");
        return Duration.ofDays(DeliveryArchive.DEFAULT_DAYS);
    }

    /**
     * The ledger takes a delivery over from an attempt whose lease ran out, presumed dead: only a lease longer
     * than the function's timeout (after which Lambda has stopped the attempt) makes that presumption true.
     * The ledger fences a late attempt's completion anyway, but its other writes would overlap the takeover's.
     * An environment check, so safe under SnapStart (the snapshot is taken with this environment).
     */
    private static void leaseOutlivesTimeout(Env env, Duration lease) {
        if (env.optional(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS).isEmpty()) {
            return;
        }
        long timeout = env.positiveLong(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS, 0);
        if (timeout > 0 && lease.toSeconds() <= timeout) {
            env.problem(EnvVars.DELIVERY_LEASE_SECONDS + " (" + lease.toSeconds() + " s) must be longer than "
                    + EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS + " (" + timeout + " s): a live attempt would be taken over");
        }
    }

    public static EventProcessor create(DynamoDbClient dynamoDb, String table, SyncTaskQueue syncTasks,
                                        Settings settings, Clock clock) {
        EntityStore entities = new EntityStore(dynamoDb, table, clock, purge -> syncTasks.send(SyncTask.purge(purge)));
        SyncRequests sync = new SyncRequests(new JobProgress(dynamoDb, table, clock), syncTasks, clock);
        return new EventProcessor(new DeliveryLedger(dynamoDb, table, clock, settings.lease(), settings.archiveFor()),
                new DeliveryArchive(dynamoDb, table, settings.archiveFor()), entities,
                new InstallationEvents(entities, sync, settings.retainDataOnUninstall()),
                new RepositoryEvents(entities, sync),
                new ActivityEvents(entities, new CommitStore(dynamoDb, table, clock), sync),
                new DeliveryHours(dynamoDb, table), clock);
    }
}
