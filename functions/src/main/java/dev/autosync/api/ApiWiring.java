package dev.autosync.api;

import dev.autosync.api.Route.Access;
import dev.autosync.common.Env;
import dev.autosync.common.Priming;
import dev.autosync.common.SyncInterval;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.SqsQueueDepths;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.store.ActivityRollups;
import dev.autosync.store.DeliveryHours;
import dev.autosync.store.JobProgress;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.JobStore;
import dev.autosync.store.JobTotals;
import dev.autosync.store.RateLimits;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncMarks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the api's router and everything behind it, by hand, from the configuration or from parts (tests).
 *
 * <p>SnapStart: {@link #from(Env)} runs in the handler's constructor, i.e. while the snapshot is taken. It
 * reads and validates environment variables only (table, queues, {@code AUTOSYNC_API_TOKENS} or the shape
 * of {@code AUTOSYNC_API_TOKENS_SECRET_ARN}, {@code AUTOSYNC_CURSOR_KEY}, {@code AUTOSYNC_SYNC_INTERVAL}),
 * so a wrong deploy fails at publish, and builds SDK clients without calling them. Read after restore, on
 * first use: the token secret (tokens and {@code cursor_key}), then re-read every 5 minutes (at most once a
 * minute after a failure, keeping the last good value; a 503 while none was ever read), with the cursor
 * codec (its key derived from the tokens when none is configured; its nonces' random source never fixed in
 * the snapshot). See {@link ApiCredentials}.
 */
public final class ApiWiring {

    /**
     * How old a health report may be when served ({@code checked_at} says when it was computed): the public
     * health route answers from the last report computed by this container while it is this recent.
     */
    static final Duration HEALTH_MAX_AGE = Duration.ofSeconds(5);

    private final Router router;

    /** With the default schedule interval ({@link SyncInterval#DEFAULT}). */
    public ApiWiring(DynamoDbClient dynamoDb, SqsClient sqs, Resources resources, Set<String> tokens, byte[] cursorKey,
                     Clock clock) {
        this(dynamoDb, sqs, resources, tokens, cursorKey, clock, SyncInterval.DEFAULT);
    }

    /**
     * Every collaborator explicit: tests and the local runner pass their own clients, tokens and clock.
     *
     * @param syncInterval the periodic sync's schedule, which health judges coverage by
     */
    public ApiWiring(DynamoDbClient dynamoDb, SqsClient sqs, Resources resources, Set<String> tokens, byte[] cursorKey,
                     Clock clock, Duration syncInterval) {
        this(dynamoDb, sqs, resources, ApiCredentials.fixed(tokens, cursorKey), clock, syncInterval);
    }

    /**
     * With credentials that may be read lazily and refreshed (production: {@link ApiCredentials#fromSecret}).
     * Calls nothing: the clients are used on requests only.
     */
    public ApiWiring(DynamoDbClient dynamoDb, SqsClient sqs, Resources resources, ApiCredentials credentials,
                     Clock clock, Duration syncInterval) {
        StoreQueries store = new StoreQueries(dynamoDb, resources.tableName());
        JobStore jobs = new JobStore(dynamoDb, resources.tableName());
        Paging paging = new Paging(credentials::cursors);
        DataEndpoints data = new DataEndpoints(store, paging);
        var deadLetterQueues = SqsQueueDepths.deadLetterQueues(resources.eventsDeadLetterQueueUrl(),
                resources.syncTasksDeadLetterQueueUrl());
        HealthCheck health = new HealthCheck(store, new SyncMarks(dynamoDb, resources.tableName()), jobs,
                new SqsQueueDepths(sqs, resources.eventsQueueUrl(), deadLetterQueues), clock, syncInterval, HealthCheck.DEADLINE);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.get("/", Access.PUBLIC, "getDashboard", new DashboardPage()::serve));
        // Public: a flood of calls costs one computation per container every HEALTH_MAX_AGE at most.
        RecentResult<HealthReport> recentHealth = new RecentResult<>(health::check, clock, HEALTH_MAX_AGE);
        routes.add(Route.get("/api/sync/health", Access.PUBLIC, "getHealth", call -> health(recentHealth.get())));
        routes.addAll(new JobEndpoints(jobs, new JobTotals(dynamoDb, resources.tableName()), paging, clock).routes());
        routes.addAll(new SyncControlEndpoints(jobs, new JobProgress(dynamoDb, resources.tableName(), clock),
                new SqsSyncTaskQueue(sqs, resources.syncTasksQueueUrl(), clock),
                data::repository, clock).routes());
        routes.addAll(data.routes());
        // The archive's retention is the processor's setting; reading needs none.
        DeliveryArchive archive = new DeliveryArchive(dynamoDb, resources.tableName(), java.time.Duration.ZERO);
        routes.addAll(new OperationEndpoints(archive, jobs, new SqsSyncTaskQueue(sqs, resources.syncTasksQueueUrl(), clock),
                dev.autosync.queue.DeadLetterQueues.of(sqs, resources), clock).routes());
        routes.addAll(new DeliveryEndpoints(archive, paging, clock).routes());
        routes.addAll(new OperatorEndpoints(new DeliveryHours(dynamoDb, resources.tableName()),
                new RateLimits(dynamoDb, resources.tableName()), paging, clock).routes());
        routes.add(new AnalyticsEndpoint(new ActivityRollups(dynamoDb, resources.tableName()), data::repository, clock)
                .route());
        this.router = new Router(routes, credentials::authenticator);
    }

    /** From the environment (Lambda): every problem in the configuration is reported at once. */
    public static ApiWiring from(Env env) {
        ApiConfig config = ApiConfig.from(env);
        DynamoDbClient dynamoDb = config.clients().dynamoDb();
        SqsClient sqs = config.clients().sqs();
        Duration syncInterval = config.syncInterval().effective();
        if (Priming.wanted(env)) {
            prime(dynamoDb, sqs, config, syncInterval);
        }
        return new ApiWiring(dynamoDb, sqs, config.resources(), config.credentials(), Clock.systemUTC(), syncInterval);
    }

    /** The routes a restored container serves first (the dashboard's first screen), primed; see {@link Priming}. */
    static final List<String> PRIMED_PATHS = List.of("/api/sync/health", "/api/sync/jobs", "/api/repositories",
            "/api/installations", "/api/deliveries", "/api/sync/deliveries/hourly");

    /**
     * Primes the token secret's read (over a throwaway cache of the real client) and {@link #PRIMED_PATHS},
     * answered by a router of its own over the real clients with a throwaway token.
     */
    static void prime(DynamoDbClient dynamoDb, SqsClient sqs, ApiConfig config, Duration syncInterval) {
        String token = "priming-" + UUID.randomUUID();
        Router primer = new ApiWiring(dynamoDb, sqs, config.resources(), ApiCredentials.fixed(Set.of(token),
                token.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(), syncInterval).router();
        List<Runnable> steps = new ArrayList<>();
        steps.add(config.credentials()::prime);
        PRIMED_PATHS.forEach(path -> steps.add(() -> primer.handle(new ApiRequest("GET", path, Map.of(),
                Map.of("authorization", "Bearer " + token)))));
        Priming.run("api", steps.toArray(Runnable[]::new));
    }

    public Router router() {
        return router;
    }

    /** The Lambda handler over this wiring. */
    public ApiHandler handler() {
        return new ApiHandler(router);
    }

    private static ApiResponse health(HealthReport report) {
        // Unhealthy is a 503 so load balancers and uptime checks see it without parsing the body.
        return ApiResponse.json(report.status() == HealthReport.Status.UNHEALTHY ? 503 : 200, report);
    }
}
