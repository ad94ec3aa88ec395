package dev.autosync.local;

import dev.autosync.api.ApiHandler;
import dev.autosync.api.ApiTokens;
import dev.autosync.api.ApiWiring;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.common.SyncInterval;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.standins.AwsBackend;
import dev.autosync.standins.ProjectRoot;
import dev.autosync.standins.StandInException;
import dev.autosync.processing.ProcessorHandler;
import dev.autosync.queue.Queues;
import dev.autosync.store.Delivery;
import dev.autosync.store.JobFilter;
import dev.autosync.store.JobStore;
import dev.autosync.store.PageRequest;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncJob;
import dev.autosync.sync.SyncScheduleHandler;
import dev.autosync.sync.SyncTaskHandler;
import dev.autosync.webhook.WebhookHandler;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code mvn -pl local exec:java}: the whole system on this machine. Starts the stand-ins, provisions
 * the table and queues, serves the HTTP API on {@code AUTOSYNC_PORT} (default 3000) of
 * {@code AUTOSYNC_BIND_ADDRESS} (default 127.0.0.1: this machine only) and prints one line containing
 * {@code ready} with the URLs, the webhook secret and the API token when it generated them (for ones set in
 * {@code GITHUB_WEBHOOK_SECRET} or {@code AUTOSYNC_API_TOKENS} only the variable's name: the line is often
 * pasted and logged) and the stand-ins' endpoints. Two pollers feed the processor (events queue) and
 * the sync engine (sync-tasks queue, one task at a time as in template.yaml), and a {@link LocalSchedule}
 * starts a periodic sync shortly after start and then every {@code AUTOSYNC_SYNC_INTERVAL} ({@code off}:
 * never). With demo data (the default) the sandbox's {@code octo-demo} organisation is seeded through
 * signed webhooks; once that is processed and imported, a few more changes are made with their webhooks
 * missed or dropped on purpose ({@link DemoGitHub#missSomeWebhooks()}, not with sync {@code off}) so the
 * first periodic run has something to repair; then the organisation keeps acting at the pace of
 * {@code AUTOSYNC_DEMO_ACTIVITY} ({@link DemoActivity}). Ctrl-C stops everything.
 *
 * <p>The run command keeps the table and the queued messages in {@code AUTOSYNC_DATA_DIR} (default
 * {@code .autosync-data} in the working copy), so a restart carries on with every accepted delivery; with
 * {@code GITHUB_APP_ID} and a private key set, the functions call the user's own App ({@link OwnApp}) instead
 * of the sandbox.
 */
public final class LocalRunner implements AutoCloseable {

    static final int DEFAULT_PORT = 3000;
    /** Loopback: the gateway takes unauthenticated webhooks and serves the API, so only this machine reaches it by default. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** Secrets the user may supply; the ready line names these variables instead of printing their values. */
    private static final List<String> SUPPLIABLE_SECRETS = List.of(EnvVars.GITHUB_WEBHOOK_SECRET, EnvVars.AUTOSYNC_API_TOKENS);
    static final String WEBHOOK_PATH = "/api/github/webhook";
    static final String API_PATH = "/api";
    /** Shorter than Lambda's 20 s long poll, so the runner stops within seconds. */
    static final int POLL_WAIT_SECONDS = 2;
    /** template.yaml's BatchSize for the sync tasks: a task may use most of the function's timeout. */
    static final int SYNC_TASKS_BATCH_SIZE = 1;
    /** How long the start waits for the demo organisation's seed to be processed and imported. */
    static final Duration DEMO_SETTLE_WAIT = Duration.ofSeconds(60);

    private static final Log LOG = Log.of(LocalRunner.class);

    private final Optional<DataFolder> dataFolder;
    private final AwsBackend backend;
    private final LocalGitHub github;
    private final LocalGateway gateway;
    private final List<EventSource> sources;
    private final Optional<DemoActivity> demoActivity;
    private final Map<String, String> environment;
    private final Settings settings;

    private LocalRunner(Optional<DataFolder> dataFolder, AwsBackend backend, LocalGitHub github, LocalGateway gateway,
                        List<EventSource> sources, Optional<DemoActivity> demoActivity, Map<String, String> environment,
                        Settings settings) {
        this.dataFolder = dataFolder;
        this.backend = backend;
        this.github = github;
        this.gateway = gateway;
        this.sources = sources;
        this.demoActivity = demoActivity;
        this.environment = environment;
        this.settings = settings;
    }

    /**
     * The runner's own settings, read and validated together before anything starts, so a typo costs one
     * clear line (exit 2) rather than a half-started system.
     *
     * @param dataDir where the stand-ins keep their data; empty: in memory
     * @param ownApp  the user's own GitHub App; empty: the GitHub sandbox
     */
    record Settings(InetAddress bindAddress, int port, boolean demoData, DemoActivity.Pace demoActivity,
                    SyncInterval syncInterval, Set<String> suppliedSecrets, Optional<Path> dataDir,
                    Optional<OwnApp> ownApp) {

        /** With the data in memory unless {@code AUTOSYNC_DATA_DIR} is set (tests). */
        static Settings from(Map<String, String> processEnv) {
            return from(processEnv, Optional.empty());
        }

        /** @param defaultDataDir the data folder when {@code AUTOSYNC_DATA_DIR} is unset (the run command's) */
        static Settings from(Map<String, String> processEnv, Optional<Path> defaultDataDir) {
            Env env = new Env(processEnv);
            String value = env.optional(EnvVars.AUTOSYNC_PORT).orElse(Integer.toString(DEFAULT_PORT));
            int port = -1;
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                // reported below
            }
            if (port < 0 || port > 65_535) {
                env.problem(EnvVars.AUTOSYNC_PORT + " must be a port number (0 for any free one), not '" + value + "'");
            }
            InetAddress bindAddress = bindAddress(env);
            boolean demoData = env.flag(EnvVars.AUTOSYNC_DEMO_DATA, true);
            DemoActivity.Pace demoActivity = DemoActivity.Pace.from(env);
            SyncInterval syncInterval = SyncInterval.from(env);
            Optional<Path> dataDir = env.optional(EnvVars.AUTOSYNC_DATA_DIR).map(Path::of).or(() -> defaultDataDir)
                    .map(dir -> dir.toAbsolutePath().normalize());
            dataDir.ifPresent(dir -> DataFolder.check(dir, env));
            Optional<OwnApp> ownApp = OwnApp.from(processEnv, env);
            env.validate();
            Set<String> supplied = SUPPLIABLE_SECRETS.stream().filter(processEnv::containsKey).collect(Collectors.toSet());
            // The demo organisation lives in the sandbox: with the user's own App there is none to seed.
            boolean demo = demoData && ownApp.isEmpty();
            return new Settings(bindAddress, port, demo, demo ? demoActivity : DemoActivity.Pace.OFF, syncInterval,
                    supplied, dataDir, ownApp);
        }

        private static InetAddress bindAddress(Env env) {
            String value = env.optional(EnvVars.AUTOSYNC_BIND_ADDRESS).orElse(DEFAULT_BIND_ADDRESS);
            try {
                return InetAddress.getByName(value);
            } catch (UnknownHostException e) {
                env.problem(EnvVars.AUTOSYNC_BIND_ADDRESS + " must be an address of this machine (" + DEFAULT_BIND_ADDRESS
                        + ", or 0.0.0.0 for every interface), not '" + value + "'");
                return null;
            }
        }

        /** {@code off}, or the interval in whole minutes when it is one ({@code 15m}), else in seconds ({@code 90s}). */
        String syncIntervalText() {
            if (syncInterval.off()) {
                return "off";
            }
            long seconds = syncInterval.effective().toSeconds();
            return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
    }

    /**
     * The run command. A failed start is one line saying what to fix and a non-zero exit (2: the
     * configuration; 1: this machine: a port in use, Node.js missing, a data folder in use), with nothing
     * left running.
     */
    public static void main(String[] args) throws InterruptedException {
        // The JDK's HTTP server writes an answer's headers and body apart; without TCP_NODELAY each small answer
        // waits on the client's delayed ACK (~40 ms). Read once, when its first server starts: set it first.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        LocalRunner runner;
        try {
            runner = start(System.getenv(), Optional.of(ProjectRoot.find().resolve(DataFolder.DEFAULT_NAME)),
                    LocalSchedule.FIRST_RUN_DELAY);
        } catch (ConfigurationException e) {
            System.err.println("autosync local: " + e.getMessage());
            System.exit(2);
            return;
        } catch (LocalStartException | StandInException e) {
            System.err.println("autosync local: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "autosync-local-stop"));
        System.out.println(runner.readyLine());
        stopped.await();
    }

    /**
     * Starts everything with {@code processEnv} as the functions' base environment; the data is kept in
     * {@code AUTOSYNC_DATA_DIR} when that is set, else in memory.
     */
    public static LocalRunner start(Map<String, String> processEnv) {
        return start(processEnv, LocalSchedule.FIRST_RUN_DELAY);
    }

    /** As {@link #start(Map)}, with the first periodic run {@code firstSyncDelay} after start (tests). */
    static LocalRunner start(Map<String, String> processEnv, Duration firstSyncDelay) {
        return start(processEnv, firstSyncDelay, Interposers.NONE);
    }

    /** As {@link #start(Map, Duration)}, with test-only {@link Interposers} between the functions and their stand-ins. */
    static LocalRunner start(Map<String, String> processEnv, Duration firstSyncDelay, Interposers interposers) {
        return start(processEnv, Optional.empty(), firstSyncDelay, interposers);
    }

    private static LocalRunner start(Map<String, String> processEnv, Optional<Path> defaultDataDir,
                                     Duration firstSyncDelay) {
        return start(processEnv, defaultDataDir, firstSyncDelay, Interposers.NONE);
    }

    private static LocalRunner start(Map<String, String> processEnv, Optional<Path> defaultDataDir,
                                     Duration firstSyncDelay, Interposers interposers) {
        Settings settings = Settings.from(processEnv, defaultDataDir);
        Optional<DataFolder> dataFolder = settings.dataDir().map(DataFolder::lock);
        AwsBackend backend;
        try {
            backend = settings.dataDir().map(AwsBackend::startConfigured).orElseGet(AwsBackend::startConfigured);
        } catch (RuntimeException e) {
            dataFolder.ifPresent(DataFolder::close);
            throw e;
        }
        LocalGitHub github = settings.ownApp().<LocalGitHub>map(app -> app).orElseGet(DemoGitHub::start);
        LocalGateway gateway = null;
        List<EventSource> started = new ArrayList<>();
        try {
            AwsClients clients = AwsClients.local(backend.dynamoDbEndpoint(), backend.sqsEndpoint());
            Resources resources;
            try (var dynamoDb = clients.dynamoDb(); var sqs = clients.sqs()) {
                resources = new Provisioner(dynamoDb, sqs).provision("");
            }
            Map<String, String> vars = new HashMap<>(processEnv);
            // No Secrets Manager here: the key is the user's (variable or file) or the sandbox's.
            vars.remove(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN);
            if (github instanceof DemoGitHub) {
                // The sandbox's App id, key and URL replace any half-set ones (a full set chooses OwnApp).
                vars.remove(EnvVars.GITHUB_APP_PRIVATE_KEY_FILE);
            }
            vars.putAll(github.environment());
            vars.putAll(resources.asEnvironment());
            vars.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, interposers.dynamoDb().apply(backend.dynamoDbEndpoint()).toString());
            vars.put(EnvVars.AWS_ENDPOINT_URL_SQS, backend.sqsEndpoint().toString());
            vars.put(EnvVars.AWS_REGION, backend.region());
            vars.remove(EnvVars.GITHUB_WEBHOOK_SECRET_ARN);
            vars.computeIfAbsent(EnvVars.GITHUB_WEBHOOK_SECRET, name -> generatedSecret());
            vars.remove(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN);
            vars.computeIfAbsent(EnvVars.AUTOSYNC_API_TOKENS, name -> ApiTokens.generate());
            Env env = new Env(vars);

            WebhookHandler webhook = WebhookHandler.from(env);
            ApiHandler api = ApiWiring.from(new Env(vars)).handler();
            SyncScheduleHandler syncSchedule = SyncScheduleHandler.from(env);
            // One line per route and per event source; later functions join here. First match wins.
            List<Route> routes = List.of(
                    Route.exact(Route.ANY, WEBHOOK_PATH, event -> webhook.handleRequest(event, null)),
                    Route.exact(Route.ANY, "/", event -> api.handleRequest(event, null)),
                    Route.prefix(Route.ANY, API_PATH, event -> api.handleRequest(event, null)));
            List<EventSource> pollers = List.of(
                    new SqsPoller(clients.sqs(), resources.eventsQueueUrl(),
                            interposers.consumers().apply(Queues.EVENTS.name(), ProcessorHandler.from(env)), POLL_WAIT_SECONDS),
                    // No Lambda Context here: the engine budgets a task by its own clock.
                    new SqsPoller(clients.sqs(), resources.syncTasksQueueUrl(),
                            interposers.consumers().apply(Queues.SYNC_TASKS.name(), SyncTaskHandler.from(env)),
                            POLL_WAIT_SECONDS, SYNC_TASKS_BATCH_SIZE));
            LocalSchedule schedule = new LocalSchedule(() -> periodicRun(syncSchedule), settings.syncInterval(),
                    firstSyncDelay);

            env.validate();
            gateway = gateway(settings, routes);
            gateway.start();
            for (EventSource poller : pollers) {
                started.add(poller);
                poller.start();
            }
            // GITHUB_WEBHOOK_SECRET may be "current,previous": GitHub signs with the current one.
            String current = vars.get(EnvVars.GITHUB_WEBHOOK_SECRET).split(",", -1)[0].trim();
            String host = host(gateway.address());
            URI webhookUrl = URI.create("http://" + ("localhost".equals(host) ? "127.0.0.1" : host) + ":" + gateway.port()
                    + WEBHOOK_PATH);
            if (github instanceof DemoGitHub sandbox) {
                // Seeded or not: the control API's actions send their webhooks here.
                sandbox.deliverWebhooksTo(webhookUrl, current);
            }
            if (settings.demoData() && github instanceof DemoGitHub demo) {
                demo.seed(webhookUrl, current);
                if (!settings.syncInterval().off()) {
                    // Only once the seeded history is processed and imported (else an import would read
                    // these changes and leave the first periodic run nothing to repair); with sync off
                    // nothing would ever repair them, so the demo stays whole.
                    try (var dynamoDb = clients.dynamoDb()) {
                        awaitSettled(demo, new StoreQueries(dynamoDb, resources.tableName()),
                                new JobStore(dynamoDb, resources.tableName()));
                    }
                    demo.missSomeWebhooks();
                    LOG.info("demo changes staged with failed webhooks; the first periodic run repairs them",
                            Map.of("missed", "push to octo-demo/api (" + DemoGitHub.MISSED_PUSH.size() + " commits)",
                                    "dropped", "octo-demo/web: issue 'Dark mode' closed, issue '"
                                            + DemoGitHub.DROPPED_ISSUE + "' opened"));
                }
            }
            // After the seed, so the first periodic run sees the demo organisation as GitHub has it.
            started.add(schedule);
            schedule.start();
            Optional<DemoActivity> activity = Optional.empty();
            if (settings.demoData() && github instanceof DemoGitHub demo) {
                activity = Optional.of(demo.activity(settings.demoActivity(), !settings.syncInterval().off()));
                started.add(activity.get());
                activity.get().start();
            }
            return new LocalRunner(dataFolder, backend, github, gateway, List.copyOf(started), activity,
                    Map.copyOf(vars), settings);
        } catch (RuntimeException e) {
            // Nothing started may outlive a failed start: an in-process caller would keep its threads and port.
            closeInReverse(started);
            if (gateway != null) {
                gateway.close();
            }
            github.close();
            backend.close();
            dataFolder.ifPresent(DataFolder::close);
            throw e;
        }
    }

    /** Binds the gateway's port, or says what to do when it is taken. */
    private static LocalGateway gateway(Settings settings, List<Route> routes) {
        try {
            return new LocalGateway(settings.bindAddress(), settings.port(), routes);
        } catch (UncheckedIOException e) {
            String address = settings.port() + " of " + settings.bindAddress().getHostAddress();
            String cause = String.valueOf(e.getCause().getMessage());
            if (cause.contains("in use")) {
                throw new LocalStartException("port " + address + " is in use (another autosync local?): stop what uses"
                        + " it, or set " + EnvVars.AUTOSYNC_PORT + " to another port (0 picks a free one)", e);
            }
            throw new LocalStartException("cannot listen on port " + address + " (" + cause + "): set "
                    + EnvVars.AUTOSYNC_BIND_ADDRESS + " to an address of this machine, or " + EnvVars.AUTOSYNC_PORT
                    + " to another port", e);
        }
    }

    /**
     * Waits, at most {@link #DEMO_SETTLE_WAIT}, until the processor has handled every webhook the demo's
     * seed sent and every job they started (the installation's import, the new repositories' imports) has
     * ended, then until the clock is past the second of the last seeded change (GitHub's timestamps are
     * whole seconds: a later change must look later). Past the bound the start goes on, logged.
     */
    private static void awaitSettled(DemoGitHub github, StoreQueries store, JobStore jobs) {
        Instant seeded = Instant.now();
        long deadline = System.nanoTime() + DEMO_SETTLE_WAIT.toNanos();
        List<String> guids = github.deliveryGuids();
        while (!settled(guids, store, jobs)) {
            if (System.nanoTime() > deadline) {
                LOG.warn("the demo organisation's webhooks and imports did not settle in time; staging its missed webhooks anyway",
                        Map.of("waited_seconds", DEMO_SETTLE_WAIT.toSeconds()));
                return;
            }
            pause(100);
        }
        long nextSecond = seeded.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toEpochMilli();
        pause(Math.max(0, nextSecond - System.currentTimeMillis()));
    }

    /**
     * Whether every one of these deliveries is settled (processed, failed or rejected: no longer in progress) and no
     * sync job is pending or running: what a caller waits for before it changes GitHub again or measures anything.
     */
    public static boolean settled(List<String> guids, StoreQueries store, JobStore jobs) {
        for (String guid : guids) {
            if (store.delivery(guid).filter(d -> d.status() != Delivery.Status.IN_PROGRESS).isEmpty()) {
                return false;
            }
        }
        for (SyncJob.Status status : List.of(SyncJob.Status.PENDING, SyncJob.Status.RUNNING)) {
            JobFilter filter = new JobFilter(Optional.empty(), Optional.of(status), Optional.empty(), Optional.empty());
            if (!jobs.jobs(filter, PageRequest.first(1)).items().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One periodic run, as EventBridge invokes the schedule's function: an event whose {@code time} is now. */
    private static void periodicRun(SyncScheduleHandler handler) {
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String jobId = handler.handleRequest(Map.of("time", time), null);
        LOG.info("periodic sync started", Map.of("time", time, "job_id", String.valueOf(jobId)));
    }

    /**
     * The one {@code ready} line: URLs, port, the webhook secret and API token in use and the stand-ins'
     * endpoints; {@code github=} is the GitHub sandbox's control API ({@code app:<id>} with the user's own App),
     * {@code github_api=} the REST root the functions call; {@code data=} the data folder ({@code memory}). A
     * secret or token the user set is shown as its variable ({@code secret=$GITHUB_WEBHOOK_SECRET}), never its
     * value: the line is printed, pasted and kept in terminal logs.
     */
    public String readyLine() {
        String base = "http://" + host(gateway.address()) + ":" + gateway.port();
        return "autosync local ready"
                + " webhook=" + base + WEBHOOK_PATH
                + " dashboard=" + base + "/"
                + " api=" + base + API_PATH
                + " api_token=" + shown(EnvVars.AUTOSYNC_API_TOKENS, this::firstToken)
                + " port=" + gateway.port()
                + github.readyFields()
                + " secret=" + shown(EnvVars.GITHUB_WEBHOOK_SECRET, () -> environment.get(EnvVars.GITHUB_WEBHOOK_SECRET))
                + " sqs=" + backend.sqsEndpoint()
                + " dynamodb=" + backend.dynamoDbEndpoint()
                + " events_queue=" + environment.get(EnvVars.EVENTS_QUEUE_URL)
                + " sync_tasks_queue=" + environment.get(EnvVars.SYNC_TASKS_QUEUE_URL)
                + " sync_interval=" + settings.syncIntervalText()
                + " demo_activity=" + settings.demoActivity().name().toLowerCase(java.util.Locale.ROOT)
                + " table=" + environment.get(EnvVars.TABLE_NAME)
                + " data=" + settings.dataDir().map(Path::toString).orElse("memory");
    }

    /** The {@code name=value} fields of a {@link #readyLine()}. */
    public static Map<String, String> readyFields(String readyLine) {
        Map<String, String> fields = new HashMap<>();
        for (String token : readyLine.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return fields;
    }

    /** A value the runner generated; for one the user supplied, only the name of its variable. */
    private String shown(String variable, Supplier<String> generated) {
        return settings.suppliedSecrets().contains(variable) ? "$" + variable : generated.get();
    }

    /** How a client on this machine names the gateway's host: localhost unless it listens on one other address. */
    static String host(InetAddress listening) {
        if (listening.isAnyLocalAddress() || DEFAULT_BIND_ADDRESS.equals(listening.getHostAddress())) {
            return "localhost";
        }
        return listening instanceof Inet6Address ? "[" + listening.getHostAddress() + "]" : listening.getHostAddress();
    }

    /** The first configured API token (the generated one when none was set). */
    private String firstToken() {
        return ApiTokens.parse(environment.get(EnvVars.AUTOSYNC_API_TOKENS)).iterator().next();
    }

    public int port() {
        return gateway.port();
    }

    /** The living demo's changes, when the sandbox's demo organisation acts (tests stop it to compare states). */
    Optional<DemoActivity> demoActivity() {
        return demoActivity;
    }

    /** The functions' environment (table, queues, endpoints, secrets), for tests that seed through the store. */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * Stops taking webhooks first, then lets the pollers finish the batch in hand (its messages deleted), and
     * only then stops the stand-ins: with a data folder, whatever was accepted and not yet processed is
     * still queued at the next start.
     */
    @Override
    public void close() {
        try {
            // The demo's changes stop before the gateway does, so the last one's webhooks still reach it.
            demoActivity.ifPresent(DemoActivity::close);
            gateway.close();
            closeInReverse(sources);
            github.close();
        } finally {
            try {
                backend.close();
            } finally {
                dataFolder.ifPresent(DataFolder::close);
            }
        }
    }

    /** The last started first: the schedule stops queueing tasks before the pollers stop taking them. */
    private static void closeInReverse(List<EventSource> sources) {
        for (int i = sources.size() - 1; i >= 0; i--) {
            sources.get(i).close();
        }
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
