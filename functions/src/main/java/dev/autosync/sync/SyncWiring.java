package dev.autosync.sync;

import dev.autosync.common.Env;
import dev.autosync.common.Metrics;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.github.GitHub;
import dev.autosync.github.GitHubClient;
import dev.autosync.github.GitHubConfig;
import dev.autosync.github.RequestPace;
import dev.autosync.github.RetryPolicy;
import dev.autosync.processing.ProcessorWiring;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.CommitStore;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.store.DynamoEtagStore;
import dev.autosync.store.EntityStore;
import dev.autosync.store.JobProgress;
import dev.autosync.store.JobStore;
import dev.autosync.store.RateLimits;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncMarks;
import dev.autosync.store.SyncState;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the sync engine by hand from its configuration, validated at once.
 *
 * <p>SnapStart: {@link #fromEnvironment(Env)} runs at init, while the snapshot is taken, and touches no
 * network. Read and checked at init: the table and queue, the sync settings, {@code GITHUB_API_URL},
 * {@code GITHUB_APP_ID}, {@code GITHUB_APP_CLIENT_ID}, and the App key's source (a local key is parsed; the
 * shape of {@code GITHUB_APP_PRIVATE_KEY_ARN} is checked), so a wrong deploy fails at publish. Read after
 * restore, on the first GitHub call: the App's private key from Secrets Manager, re-read every 5 minutes
 * (at most once a minute after a failure, keeping the last good key; see {@link GitHubConfig}). A key that
 * cannot be read or parsed fails that task as retryable ({@code GitHubUnavailableException}, logged without
 * the key), never the function's init. Installation tokens and JWTs are minted on demand, never at init.
 */
public final class SyncWiring {

    /** Items one purge step deletes: a few seconds of BatchWriteItem calls, a few hundred KB of keys. */
    static final int PURGE_CHUNK = 5_000;
    /**
     * The sync engine archives no payloads (the processor does, for AUTOSYNC_ARCHIVE_DAYS): its entries are metadata,
     * which {@link DeliveryArchive#archiveMetadata} keeps as long as the default retention.
     */
    private static final java.time.Duration ARCHIVE_READ_ONLY = java.time.Duration.ZERO;

    private SyncWiring() {
    }

    public static SyncEngine fromEnvironment(Env env) {
        Resources resources = Resources.from(env);
        AwsClients clients = AwsClients.from(env);
        SyncSettings settings = SyncSettings.from(env);
        var config = GitHubConfig.fromEnvironment(env, clients);
        Metrics.configure(env);
        env.validate();
        DynamoDbClient dynamoDb = clients.dynamoDb();
        Clock clock = Clock.systemUTC();
        GitHub github = GitHubClient.create(config.orElseThrow(), new DynamoEtagStore(dynamoDb, resources.tableName(), clock),
                RetryPolicy.LAMBDA, RequestPace.sharedBy(settings.taskConcurrency()));
        return create(github, dynamoDb, resources.tableName(), new SqsSyncTaskQueue(clients.sqs(), resources.syncTasksQueueUrl(), clock),
                settings, clock, PURGE_CHUNK, operationQueues(clients.sqs(), resources));
    }

    /** The engine over the given GitHub, table and queue (tests pass the sandbox's client and a manual clock). */
    public static SyncEngine create(GitHub github, DynamoDbClient dynamoDb, String table, SyncTaskQueue queue,
                                    SyncSettings settings, Clock clock) {
        return create(github, dynamoDb, table, queue, settings, clock, PURGE_CHUNK);
    }

    /** As {@link #create(GitHub, DynamoDbClient, String, SyncTaskQueue, SyncSettings, Clock)}, with a purge step size. */
    static SyncEngine create(GitHub github, DynamoDbClient dynamoDb, String table, SyncTaskQueue queue,
                             SyncSettings settings, Clock clock, int purgeChunk) {
        return create(github, dynamoDb, table, queue, settings, clock, purgeChunk, Operations.Queues.none());
    }

    /** The queues a replay sends to (the events queue) and a redrive moves between (each dead-letter queue). */
    public static Operations.Queues operationQueues(software.amazon.awssdk.services.sqs.SqsClient sqs, Resources resources) {
        return new Operations.Queues(java.util.Optional.of(new dev.autosync.queue.SqsEventQueue(sqs, resources.eventsQueueUrl())),
                dev.autosync.queue.DeadLetterQueues.of(sqs, resources));
    }

    /** As above, with the queues operations use. */
    public static SyncEngine create(GitHub github, DynamoDbClient dynamoDb, String table, SyncTaskQueue queue,
                                    SyncSettings settings, Clock clock, int purgeChunk, Operations.Queues operationQueues) {
        EntityStore entities = new EntityStore(dynamoDb, table, clock, purge -> queue.send(SyncTask.purge(purge)));
        Purger purger = new Purger(entities, queue, clock, purgeChunk);
        StoreQueries queries = new StoreQueries(dynamoDb, table);
        SyncState state = new SyncState(dynamoDb, table);
        SyncMarks marks = new SyncMarks(dynamoDb, table);
        JobProgress jobs = new JobProgress(dynamoDb, table, clock);
        DeliveryLedger ledger = new DeliveryLedger(dynamoDb, table, clock, ProcessorWiring.DEFAULT_LEASE);
        FanOut fanOut = new FanOut(jobs, queue);
        CommitSync commits = new CommitSync(github, new CommitStore(dynamoDb, table, clock), ledger, state, settings);
        ActivitySync activity = new ActivitySync(github, entities, queries, state, settings);
        RunPlanner planner = new RunPlanner(github, entities, queries, jobs, new JobStore(dynamoDb, table), state, queue,
                new Redeliveries(github, ledger, state), fanOut, settings, clock);
        RateLimitRecorder rateLimits = new RateLimitRecorder(github, new RateLimits(dynamoDb, table));
        InstallationSync installations = new InstallationSync(github, entities, queries, state, marks,
                new ChangeDetection(github, state), fanOut, settings, rateLimits);
        RepositorySync repositories = new RepositorySync(github, entities, queries, state, marks, commits, activity,
                queue, settings);
        Operations operations = new Operations(new JobStore(dynamoDb, table),
                new DeliveryArchive(dynamoDb, table, ARCHIVE_READ_ONLY), operationQueues, queue, clock);
        ResyncedDeliveries resynced = new ResyncedDeliveries(ledger, new DeliveryArchive(dynamoDb, table, ARCHIVE_READ_ONLY),
                new dev.autosync.store.DeliveryHours(dynamoDb, table));
        return new SyncEngine(planner, installations, repositories, jobs, state, queue, purger, operations, rateLimits,
                resynced, clock);
    }
}
