package dev.autosync.bench;

import dev.autosync.common.Log;
import dev.autosync.common.aws.Resources;
import dev.autosync.github.GitHubClient;
import dev.autosync.github.GitHubConfig;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Page;
import dev.autosync.github.RepoRef;
import dev.autosync.github.Repository;
import dev.autosync.github.RequestPace;
import dev.autosync.github.RetryPolicy;
import dev.autosync.github.Sleeper;
import dev.autosync.github.internal.AppJwt;
import dev.autosync.github.internal.PemKeys;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.store.DynamoEtagStore;
import dev.autosync.store.JobStore;
import dev.autosync.store.SyncJob;
import dev.autosync.sync.SyncEngine;
import dev.autosync.sync.SyncSettings;
import dev.autosync.sync.SyncWiring;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The sync engine's GitHub cost and import speed, against the sandbox, dynalite and the real sync-task queue.
 *
 * <p>(a) An idle periodic run over an installation of {@value #REPOSITORIES} repositories from a fresh
 * container (a new client: a new installation token, so every listing page is paid again): installation-token
 * rate-limit points (core points as the sandbox charges them, plus search requests) and requests, against
 * ⌈N/100⌉ + 2; App-JWT calls apart. (b) The same after {@value #CHANGED} repositories changed with their
 * webhooks dropped (a push, an issue edit, a PR merge each), against (a) + 3 per changed repository + 1 per
 * page beyond a listing's first. (c) The baseline: the seed system's polling (commits, issues and contributors
 * of every repository, 3N requests), made with the same kind of client and counted by the sandbox.
 * (d) The wall time of a first import (200 repositories × 500 commits, 50 ms latency per request) by 5 task
 * workers draining the real queue (Lambda's MaximumConcurrency 5), each with its own engine and a client paced
 * at 900/5 a minute, against max(requests × latency ÷ 5, requests ÷ 900 a minute); target ≤ 1.5×.
 *
 * <p>(a)–(c) run on a manual clock (the periodic runs are 15 minutes apart; tasks sent with a delay wait on
 * it, as in the engine's test rig); (d) on the system clock. The first import in (a)–(c) runs with the
 * installation's hourly limit raised (it is set up, not measured); measured runs have GitHub's 5,000.
 */
final class SyncBenchmark implements BenchmarkSection {

    static final int REPOSITORIES = 1_000;
    static final int CHANGED = 10;
    static final int CONCURRENCY = 5;
    static final Duration LATENCY = Duration.ofMillis(50);
    /** Lambda gives each task invocation 300 s. */
    static final Duration INVOCATION = Duration.ofSeconds(300);

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Log.redirect(new PrintStream(OutputStream.nullOutputStream()));
        try {
            String parts = System.getProperty("bench.sync.parts", "costs,import");
            if (parts.contains("costs")) {
                new Costs(context).measure();
            }
            if (!parts.contains("import")) {
                return;
            }
            // 200 x 500 (the spec's size) takes ~5 minutes here; 100 x 500 keeps each repository's request mix.
            int repos = Integer.getInteger("bench.sync.importRepos", 100);
            int commits = Integer.getInteger("bench.sync.importCommits", 500);
            new Import(context, repos, commits).measure();
        } finally {
            Log.redirect(System.out);
        }
    }

    // ---------------------------------------------------------------- (a)–(c): rate-limit cost

    /** One measured stretch's cost, as the sandbox charged it and as the engine asked for it. */
    record Cost(long installationRequests, long corePoints, long searchRequests, long appCalls, long tokenExchanges,
                long extraPages, int tasks, String breakdown, String appBreakdown, Optional<SyncJob> job) {
        long points() {
            return corePoints + searchRequests;
        }

        long appJwt() {
            return appCalls + tokenExchanges;
        }
    }

    /** The sandbox's counters at one moment. */
    record Counters(long requests, long exchanges, long points, long search) {
        static Counters of(GitHubSandbox sandbox, long installation) {
            return new Counters(sandbox.requestCount(), sandbox.tokenExchanges(), sandbox.pointsSpent(installation),
                    sandbox.searchRequests(installation));
        }
    }

    private static final class Costs {
        private final BenchContext context;
        private final PrintStream out;
        private final Figures figures;
        private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        private final List<Held> held = new ArrayList<>();
        /** Every DynamoDB request of the engine, for the cost notes. */
        private final WriteCounter store = new WriteCounter();
        /** The last {@link #run}'s DynamoDB requests and capacity. */
        private String lastStore = "";
        /** The engine's log lines (JSON and EMF), counted instead of printed. */
        private final LogBytes logBytes = new LogBytes();
        /** The last {@link #run}'s log bytes. */
        private long lastLogBytes;

        private record Held(SyncTask task, Instant visibleAt) {
        }

        Costs(BenchContext context) {
            this.context = context;
            this.out = context.out();
            this.figures = context.figures();
        }

        void measure() throws Exception {
            Log.redirect(logBytes.stream());
            Resources resources = context.provision();
            try (GitHubSandbox sandbox = GitHubSandbox.start(clock);
                 DynamoDbClient dynamoDb = WriteCounter.client(context.backend(), store);
                 SqsClient sqs = context.clients().sqs()) {
                sandbox.webhooks().disable();
                String login = "bench-sync";
                long installation = sandbox.install(login, "Organization", REPOSITORIES, 1);
                // The repositories that change in (b), each with an open issue and an open pull request.
                List<String> changed = new ArrayList<>();
                Map<String, int[]> numbers = new HashMap<>();
                for (int i = 0; i < CHANGED; i++) {
                    String repo = login + "/repo-" + (1 + i * (REPOSITORIES / CHANGED));
                    int issue = sandbox.openIssue(repo, "issue of " + repo);
                    sandbox.createBranch(repo, "feature", "main");
                    sandbox.push(repo, "feature", "feature work");
                    int pull = sandbox.openPullRequest(repo, "feature of " + repo, "feature", "main");
                    changed.add(repo);
                    numbers.put(repo, new int[] {issue, pull});
                }
                clock.advance(Duration.ofMinutes(1));

                SqsSyncTaskQueue sqsQueue = new SqsSyncTaskQueue(sqs, resources.syncTasksQueueUrl(), Clock.systemUTC());
                SyncTaskQueue queue = (task, delay) -> {
                    if (delay.isZero() || delay.isNegative()) {
                        sqsQueue.send(task);
                    } else {
                        synchronized (held) {
                            held.add(new Held(task, clock.instant().plus(delay)));
                        }
                    }
                };
                DynamoEtagStore etags = new DynamoEtagStore(dynamoDb, resources.tableName(), clock);
                JobStore jobs = new JobStore(dynamoDb, resources.tableName());

                // The first import (set up, not measured): the periodic run finds the installation.
                sandbox.setRateLimit(installation, 1_000_000);
                long importStart = System.nanoTime();
                Cost imported = run(sandbox, installation, dynamoDb, resources, sqs, queue, etags, jobs);
                double importSeconds = (System.nanoTime() - importStart) / 1e9;
                SyncJob importJob = jobs.job(SyncJob.importJobId(installation)).orElseThrow(
                        () -> new IllegalStateException("the periodic run started no import"));
                sandbox.setRateLimit(installation, GitHubSandbox.DEFAULT_RATE_LIMIT);

                // (a) idle, from a fresh container, one schedule interval later.
                clock.advance(Duration.ofMinutes(15));
                Cost idle = run(sandbox, installation, dynamoDb, resources, sqs, queue, etags, jobs);
                String idleStore = lastStore;
                long idleLogBytes = lastLogBytes;

                // (b) 10 repositories changed on GitHub, their webhooks dropped.
                clock.advance(Duration.ofMinutes(5));
                for (String repo : changed) {
                    sandbox.push(repo, "main", "change on " + repo);
                    clock.advance(Duration.ofSeconds(1));
                    sandbox.editIssue(repo, numbers.get(repo)[0], "edited issue of " + repo);
                    clock.advance(Duration.ofSeconds(1));
                    sandbox.mergePullRequest(repo, numbers.get(repo)[1]);
                    clock.advance(Duration.ofSeconds(1));
                }
                clock.advance(Duration.ofMinutes(10));
                Cost moved = run(sandbox, installation, dynamoDb, resources, sqs, queue, etags, jobs);
                String movedStore = lastStore;
                long movedLogBytes = lastLogBytes;

                // (c) the seed system's polling, from a fresh container too.
                clock.advance(Duration.ofMinutes(15));
                sandbox.setRateLimit(installation, GitHubSandbox.DEFAULT_RATE_LIMIT);
                Cost seed = seed(sandbox, installation, etags);

                print(importJob, imported, importSeconds, idle, moved, seed);
                out.printf("(e) AWS requests of a periodic run (for the README's cost notes; RRU/WRU of the table as dynalite"
                        + " reports them, index writes = writes setting a GSI key, 1 WRU each per KB)%n");
                out.printf("    (a) idle:    DynamoDB %s; sync-task messages %d; Lambda invocations 1 + %d;"
                        + " log lines %,d bytes%n", idleStore, idle.tasks(), idle.tasks(), idleLogBytes);
                out.printf("    (b) changed: DynamoDB %s; sync-task messages %d; Lambda invocations 1 + %d;"
                        + " log lines %,d bytes%n", movedStore, moved.tasks(), moved.tasks(), movedLogBytes);
            }
        }

        /** One periodic run from a fresh container (new client, new engine), then every task it causes. */
        private Cost run(GitHubSandbox sandbox, long installation, DynamoDbClient dynamoDb, Resources resources,
                         SqsClient sqs, SyncTaskQueue queue, DynamoEtagStore etags, JobStore jobs) {
            CountingGitHub github = new CountingGitHub(client(sandbox, etags, clock, duration -> { }));
            SyncEngine engine = SyncWiring.create(github, dynamoDb, resources.tableName(), queue, SyncSettings.defaults(), clock);
            Counters before = Counters.of(sandbox, installation);
            store.reset();
            logBytes.reset();
            String jobId = engine.scheduledRun(clock.instant());
            int tasks = drain(engine, sqs, resources.syncTasksQueueUrl());
            lastStore = store.capacity();
            lastLogBytes = logBytes.bytes();
            return cost(sandbox, installation, before, github, tasks, jobs.job(jobId));
        }

        /** As the engine's test rig: runs queued tasks until none is left; a held task moves the clock to its time. */
        private int drain(SyncEngine engine, SqsClient sqs, String queueUrl) {
            int ran = 0;
            Map<String, Integer> retries = new HashMap<>();
            SqsSyncTaskQueue resend = new SqsSyncTaskQueue(sqs, queueUrl, Clock.systemUTC());
            while (true) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(0)).messages();
                if (batch.isEmpty()) {
                    Optional<Held> next;
                    synchronized (held) {
                        next = held.stream().min(Comparator.comparing(Held::visibleAt));
                        next.ifPresent(held::remove);
                    }
                    if (next.isEmpty()) {
                        return ran;
                    }
                    if (next.get().visibleAt().isAfter(clock.instant())) {
                        clock.advance(Duration.between(clock.instant(), next.get().visibleAt()));
                    }
                    resend.send(next.get().task());
                    continue;
                }
                for (Message message : batch) {
                    ran++;
                    boolean done = engine.handleMessage(message.messageId(), message.body(), Optional.empty(), Optional.of(INVOCATION));
                    if (done || retries.merge(message.messageId(), 1, Integer::sum) > 5) {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                        if (!done) {
                            throw new IllegalStateException("sync task kept failing: " + message.body());
                        }
                    } else {
                        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                                .visibilityTimeout(0));
                    }
                }
            }
        }

        /**
         * The seed system: per repository, one page of commits, of issues (same client) and of contributors
         * (the client has no contributors call: a plain GET with an installation token of the same App).
         */
        private Cost seed(GitHubSandbox sandbox, long installation, DynamoEtagStore etags) throws Exception {
            CountingGitHub github = new CountingGitHub(client(sandbox, etags, clock, duration -> { }));
            InstallationId id = new InstallationId(installation);
            Counters before = Counters.of(sandbox, installation);
            List<RepoRef> repos = new ArrayList<>();
            github.repositories(id).forEach(page -> page.items().forEach(r -> repos.add(r.ref())));
            Counters listed = Counters.of(sandbox, installation);
            String token = installationToken(sandbox, installation);
            HttpClient http = HttpClient.newHttpClient();
            for (RepoRef repo : repos) {
                first(github.commits(id, repo, Optional.empty(), Optional.empty()).iterator());
                first(github.issues(id, repo, Optional.empty()).iterator());
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(sandbox.apiUrl().resolve(
                                "/repos/" + repo.owner() + "/" + repo.name() + "/contributors?per_page=100"))
                        .header("Authorization", "Bearer " + token).header("Accept", "application/vnd.github+json")
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("contributors of " + repo + " answered " + response.statusCode());
                }
            }
            Counters after = Counters.of(sandbox, installation);
            long exchanges = after.exchanges() - listed.exchanges();
            // The listing is reported apart: the seed system's 3N are the per-repository requests.
            long perRepository = after.requests() - listed.requests() - exchanges;
            String breakdown = github.breakdown(false) + ", GET /repos/{o}/{r}/contributors " + repos.size()
                    + " (plain HTTP, same App)";
            return new Cost(perRepository, after.points() - listed.points(), after.search() - listed.search(), 0,
                    after.exchanges() - before.exchanges(), listed.requests() - before.requests()
                    - (listed.exchanges() - before.exchanges()), 0, breakdown, "", Optional.empty());
        }

        private static void first(Iterator<? extends Page<?>> pages) {
            if (pages.hasNext()) {
                pages.next();
            }
        }

        private String installationToken(GitHubSandbox sandbox, long installation) throws Exception {
            AppJwt jwt = new AppJwt(Long.toString(sandbox.app().appId()), PemKeys.parse(sandbox.app().privateKeyPkcs1Pem()), clock);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.apiUrl()
                            .resolve("/app/installations/" + installation + "/access_tokens"))
                    .header("Authorization", "Bearer " + jwt.current()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return dev.autosync.common.Json.mapper().readTree(response.body()).path("token").asText();
        }

        private void print(SyncJob importJob, Cost imported, double importSeconds, Cost idle, Cost moved, Cost seed) {
            long n = REPOSITORIES;
            long idleTarget = (n + 99) / 100 + 2;
            out.printf("installation of %,d repositories on the sandbox, webhooks disabled; first import by the engine:"
                            + " job %s, %,d repositories, %,d errors, %,d tasks, %,d installation requests, %.1f s (set-up, not measured)%n",
                    n, importJob.status().wireName(), importJob.repositoriesProcessed(), importJob.errorsCount(),
                    imported.tasks(), imported.installationRequests(), importSeconds);
            out.printf("(a) idle periodic run, fresh container     points %5d  %-4s requests %5d  %-4s (target <= ceil(N/100)+2 = %d)"
                            + "   App-JWT calls %d (%s, token exchanges %d)   tasks %d, job %s, %s repositories processed%n",
                    idle.points(), flag(idle.points(), idleTarget), idle.installationRequests(),
                    flag(idle.installationRequests(), idleTarget), idleTarget, idle.appJwt(), idle.appBreakdown(),
                    idle.tokenExchanges(), idle.tasks(), idle.job().map(j -> j.status().wireName()).orElse("?"),
                    idle.job().map(j -> Integer.toString(j.repositoriesProcessed())).orElse("?"));
            out.printf("    points = core %d + search %d; requests: %s%n", idle.corePoints(), idle.searchRequests(), idle.breakdown());
            long pointsTarget = idle.points() + 3L * CHANGED + moved.extraPages() - idle.extraPages();
            long requestsTarget = idle.installationRequests() + 3L * CHANGED + moved.extraPages() - idle.extraPages();
            out.printf("(b) %d repositories changed (push, issue edit, PR merge each; webhooks dropped)%n", CHANGED);
            out.printf("    periodic run, fresh container          points %5d  %-4s requests %5d  %-4s (target <= (a) + 3 x %d + extra pages %d"
                            + " = %d points / %d requests)   App-JWT calls %d   tasks %d, job %s%n",
                    moved.points(), flag(moved.points(), pointsTarget), moved.installationRequests(),
                    flag(moved.installationRequests(), requestsTarget), CHANGED,
                    moved.extraPages() - idle.extraPages(), pointsTarget, requestsTarget, moved.appJwt(), moved.tasks(),
                    moved.job().map(j -> j.status().wireName()).orElse("?"));
            out.printf("    points = core %d + search %d; requests: %s%n", moved.corePoints(), moved.searchRequests(), moved.breakdown());
            out.printf("(c) baseline, seed system's polling (commits, issues, contributors of every repository)%n");
            out.printf("    per-repository requests                points %5d       requests %5d       (3N = %,d; plus %d listing requests, %d token exchanges)%n",
                    seed.points(), seed.installationRequests(), 3 * n, seed.extraPages(), seed.tokenExchanges());
            out.printf("    requests: %s%n", seed.breakdown());
            figures.add("rate-limit points, idle periodic run", idle.points(), "points",
                    "seed's polling", seed.points(), "≤ ⌈N/100⌉ + 2 = " + idleTarget);
            figures.add("rate-limit points, run after " + CHANGED + " changed", moved.points(), "points",
                    "seed's polling", seed.points(), "≤ " + pointsTarget);
            figures.add("requests, idle periodic run", idle.installationRequests(), "requests",
                    "seed's polling", seed.installationRequests(), "≤ " + idleTarget);
            figures.series("sync.points.idle", new double[] {idle.points()});
            figures.series("sync.points.changed", new double[] {moved.points()});
            figures.series("sync.points.seed", new double[] {seed.points()});
            out.printf("    idle run / baseline: points x%.4f, requests x%.4f;  changed run / baseline: points x%.4f, requests x%.4f%n",
                    ratio(idle.points(), seed.points()), ratio(idle.installationRequests(), seed.installationRequests()),
                    ratio(moved.points(), seed.points()), ratio(moved.installationRequests(), seed.installationRequests()));
        }
    }

    /** The stretch's cost: sandbox counters less the App's calls the engine made (each seen by {@code github}). */
    static Cost cost(GitHubSandbox sandbox, long installation, Counters before, CountingGitHub github, int tasks,
                     Optional<SyncJob> job) {
        Counters after = Counters.of(sandbox, installation);
        long exchanges = after.exchanges() - before.exchanges();
        long app = github.appRequests();
        long installationRequests = after.requests() - before.requests() - exchanges - app;
        return new Cost(installationRequests, after.points() - before.points(), after.search() - before.search(), app,
                exchanges, github.extraPages(), tasks, github.breakdown(false), github.breakdown(true), job);
    }

    static GitHubClient client(GitHubSandbox sandbox, DynamoEtagStore etags, Clock clock, Sleeper sleeper) {
        GitHubConfig config = new GitHubConfig(sandbox.apiUrl(), Long.toString(sandbox.app().appId()),
                Optional.of(sandbox.app().clientId()), PemKeys.parse(sandbox.app().privateKeyPkcs1Pem()));
        return GitHubClient.create(config, etags, RetryPolicy.LAMBDA, sleeper, clock, RequestPace.sharedBy(CONCURRENCY));
    }

    static String flag(long value, long target) {
        return value <= target ? "ok" : "OVER";
    }

    static double ratio(long value, long baseline) {
        return baseline == 0 ? 0 : (double) value / baseline;
    }

    // ---------------------------------------------------------------- (d): first import, wall time

    /**
     * Times DynamoDB calls over every thread: their summed duration (calls overlap: the commit store writes
     * 8 at a time) and the wall time during which at least one was in flight ("busy").
     */
    static final class StoreTime implements ExecutionInterceptor {
        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench-started");
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        private int inFlight;
        private long busySince;
        private long busy;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            long now = System.nanoTime();
            attributes.putAttribute(STARTED, now);
            synchronized (this) {
                if (inFlight++ == 0) {
                    busySince = now;
                }
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            done(attributes);
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            done(attributes);
        }

        private void done(ExecutionAttributes attributes) {
            Long started = attributes.getAttribute(STARTED);
            if (started == null) {
                return;
            }
            long now = System.nanoTime();
            nanos.addAndGet(now - started);
            calls.incrementAndGet();
            synchronized (this) {
                if (--inFlight == 0) {
                    busy += now - busySince;
                }
            }
        }

        synchronized long busyNanos() {
            return busy + (inFlight > 0 ? System.nanoTime() - busySince : 0);
        }
    }

    private static final class Import {
        private final BenchContext context;
        private final PrintStream out;
        private final Figures figures;
        private final int repositories;
        private final int commits;

        Import(BenchContext context, int repositories, int commits) {
            this.context = context;
            this.out = context.out();
            this.figures = context.figures();
            this.repositories = repositories;
            this.commits = commits;
        }

        void measure() throws Exception {
            Resources resources = context.provision();
            StoreTime storeTime = new StoreTime();
            Duration limit = Duration.ofSeconds(Long.getLong("bench.sync.importTimeoutSeconds", 480));
            try (GitHubSandbox sandbox = GitHubSandbox.start();
                 DynamoDbClient dynamoDb = timedDynamoDb(storeTime);
                 DynamoDbClient polling = context.clients().dynamoDb();
                 SqsClient sqs = context.clients().sqs()) {
                sandbox.webhooks().disable();
                long installation = sandbox.install("bench-import", "Organization", repositories, commits);
                String queueUrl = resources.syncTasksQueueUrl();
                SqsSyncTaskQueue queue = new SqsSyncTaskQueue(sqs, queueUrl, Clock.systemUTC());
                DynamoEtagStore etags = new DynamoEtagStore(dynamoDb, resources.tableName(), Clock.systemUTC());
                JobStore jobs = new JobStore(polling, resources.tableName());
                sandbox.faults().latency(LATENCY);

                // Samples the sandbox's request count to find the busiest 60 seconds.
                List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean stop = new AtomicBoolean();
                Thread sampler = new Thread(() -> {
                    while (!stop.get()) {
                        samples.add(new long[] {System.nanoTime(), sandbox.requestCount()});
                        sleep(Duration.ofMillis(50));
                    }
                }, "bench-sync-sampler");
                sampler.setDaemon(true);

                List<CountingGitHub> counted = new ArrayList<>();
                List<SyncEngine> engines = new ArrayList<>();
                for (int i = 0; i <= CONCURRENCY; i++) {
                    CountingGitHub github = new CountingGitHub(client(sandbox, etags, Clock.systemUTC(), Sleeper.REAL));
                    counted.add(github);
                    engines.add(SyncWiring.create(github, dynamoDb, resources.tableName(), queue, SyncSettings.defaults(),
                            Clock.systemUTC()));
                }
                long requestsBefore = sandbox.requestCount();
                long pointsBefore = sandbox.pointsSpent(installation);
                long searchBefore = sandbox.searchRequests(installation);
                long storeBefore = storeTime.nanos.get();
                long busyBefore = storeTime.busyNanos();
                long callsBefore = storeTime.calls.get();
                sampler.start();
                long start = System.nanoTime();
                // The schedule (engine 0) records the run; the workers (engines 1..5) run every task it causes.
                String runJob = engines.get(0).scheduledRun(Instant.now());
                AtomicLong tasks = new AtomicLong();
                AtomicLong taskNanos = new AtomicLong();
                List<Thread> workers = new ArrayList<>();
                for (int i = 1; i <= CONCURRENCY; i++) {
                    SyncEngine engine = engines.get(i);
                    Thread worker = new Thread(() -> work(engine, sqs, queueUrl, stop, tasks, taskNanos), "bench-sync-worker-" + i);
                    worker.setDaemon(true);
                    workers.add(worker);
                    worker.start();
                }
                String importJob = SyncJob.importJobId(installation);
                boolean finished = false;
                while (System.nanoTime() - start < limit.toNanos()) {
                    if (terminal(jobs.job(runJob)) && terminal(jobs.job(importJob))) {
                        finished = true;
                        break;
                    }
                    sleep(Duration.ofMillis(100));
                }
                long wall = System.nanoTime() - start;
                stop.set(true);
                for (Thread worker : workers) {
                    worker.join(60_000);
                }
                sampler.join(1_000);
                long requests = sandbox.requestCount() - requestsBefore;
                long points = sandbox.pointsSpent(installation) - pointsBefore + sandbox.searchRequests(installation) - searchBefore;
                StoreFigures store = new StoreFigures(storeTime.nanos.get() - storeBefore, storeTime.busyNanos() - busyBefore,
                        storeTime.calls.get() - callsBefore);
                SyncJob job = jobs.job(importJob).orElse(null);
                bareRate = bareCallsPerSecond(polling, resources.tableName());
                print(finished, wall, requests, points, store, maxPerMinute(samples), tasks.get(), taskNanos.get(), job, counted);
            }
        }

        private static boolean terminal(Optional<SyncJob> job) {
            return job.map(j -> j.status() != SyncJob.Status.PENDING && j.status() != SyncJob.Status.RUNNING).orElse(false);
        }

        /** One Lambda-like worker: one task per receive (BatchSize 1), failures back to the queue. */
        private static void work(SyncEngine engine, SqsClient sqs, String queueUrl, AtomicBoolean stop, AtomicLong tasks,
                                 AtomicLong taskNanos) {
            while (!stop.get()) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1))
                        .messages();
                for (Message message : batch) {
                    tasks.incrementAndGet();
                    long started = System.nanoTime();
                    boolean done = engine.handleMessage(message.messageId(), message.body(), Optional.empty(), Optional.of(INVOCATION));
                    taskNanos.addAndGet(System.nanoTime() - started);
                    if (done) {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    } else {
                        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                                .visibilityTimeout(0));
                    }
                }
            }
        }

        /** The most requests the sandbox served in any 60 seconds (from 50 ms samples). */
        private static long maxPerMinute(List<long[]> samples) {
            List<long[]> copy;
            synchronized (samples) {
                copy = new ArrayList<>(samples);
            }
            long best = 0;
            int from = 0;
            for (int to = 0; to < copy.size(); to++) {
                while (copy.get(to)[0] - copy.get(from)[0] > 60_000_000_000L) {
                    from++;
                }
                // The sample before the window's start bounds the count from below, so this never undercounts.
                long base = copy.get(Math.max(0, from - 1))[1];
                best = Math.max(best, copy.get(to)[1] - base);
            }
            return best;
        }

        record StoreFigures(long summedNanos, long busyNanos, long calls) {
        }

        private double bareRate;

        /** The baseline for the store: bare PutItems per second on the same dynalite, 8 in flight (the commit store's). */
        private static double bareCallsPerSecond(DynamoDbClient dynamoDb, String table) throws Exception {
            int count = 4_000;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                long start = System.nanoTime();
                List<java.util.concurrent.Future<?>> puts = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String key = "BENCH#" + i;
                    puts.add(pool.submit(() -> dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                            dev.autosync.store.TableSchema.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(key),
                            dev.autosync.store.TableSchema.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("BENCH"),
                            "message", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("bare put " + key))))));
                }
                for (var put : puts) {
                    put.get();
                }
                return count / ((System.nanoTime() - start) / 1e9);
            } finally {
                pool.shutdownNow();
            }
        }

        private void print(boolean finished, long wallNanos, long requests, long points, StoreFigures store, long busiestMinute,
                           long tasks, long taskNanos, SyncJob job, List<CountingGitHub> counted) {
            double wall = wallNanos / 1e9;
            double latencyBound = requests * LATENCY.toMillis() / 1000.0 / CONCURRENCY;
            double paceBound = requests / (double) RequestPace.SECONDARY_POINTS_PER_MINUTE * 60;
            double bound = Math.max(latencyBound, paceBound);
            Map<String, Long> byEndpoint = new java.util.TreeMap<>();
            long extra = 0;
            long gitHubNanos = 0;
            for (CountingGitHub github : counted.subList(1, counted.size())) {
                gitHubNanos += github.gitHubNanos();
            }
            for (CountingGitHub github : counted) {
                github.snapshot().forEach((k, v) -> byEndpoint.merge(k, v, Long::sum));
                extra += github.extraPages();
            }
            String breakdown = byEndpoint.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
            out.printf("(d) first import of %d repositories x %d commits, %d ms latency per GitHub request, c = %d task workers"
                            + " (Lambda MaximumConcurrency), each its own engine + client paced at %d/min, real ElasticMQ queue, dynalite, system clock%n",
                    repositories, commits, LATENCY.toMillis(), CONCURRENCY, RequestPace.sharedBy(CONCURRENCY).perMinute());
            if (!finished) {
                out.printf("    import NOT finished within the time limit: the figures below are for the part done%n");
            }
            out.printf("    wall time %7.1f s  %-4s (lower bound %.1f s = max(%,d requests x %d ms / %d = %.1f s, %,d requests / 900 per min = %.1f s);"
                            + " target <= 1.5 x = %.1f s; x%.2f of the bound)%n",
                    wall, finished && wall <= 1.5 * bound ? "ok" : "OVER", bound, requests, LATENCY.toMillis(), CONCURRENCY,
                    latencyBound, requests, paceBound, 1.5 * bound, wall / bound);
            context.figures().add("first import wall time", wall, "s", "lower bound", bound, "ratio ≤ 1.5");
            context.figures().add("first import, busiest 60 s", busiestMinute, "requests", "≤ 900");
            out.printf("    busiest 60 s     %5d requests  %-4s (limit 900)   installation points %,d of %,d an hour  %-4s%n",
                    busiestMinute, busiestMinute <= 900 ? "ok" : "OVER", points, GitHubSandbox.DEFAULT_RATE_LIMIT,
                    points <= GitHubSandbox.DEFAULT_RATE_LIMIT ? "ok" : "OVER");
            out.printf("    DynamoDB time  busy %6.1f s of the %.1f s wall (at least one store call in flight; %,d calls, %.1f s summed"
                            + " as they overlap)%n", store.busyNanos() / 1e9, wall, store.calls(), store.summedNanos() / 1e9);
            out.printf("    store floor    %6.1f s = %,d calls at this dynalite's bare PutItem rate (%.0f a second, 8 in flight, same run);"
                            + " import wall x%.2f of max(GitHub bound, store floor) = %.1f s%n",
                    store.calls() / bareRate, store.calls(), bareRate, wall / Math.max(bound, store.calls() / bareRate),
                    Math.max(bound, store.calls() / bareRate));
            out.printf("    task time      %6.1f s in the workers' tasks = GitHub %.1f s (requests, %d ms latency, pacing waits)"
                            + " + the rest %.1f s (store, queue, CPU: task time minus GitHub time)%n",
                    taskNanos / 1e9, gitHubNanos / 1e9, LATENCY.toMillis(), (taskNanos - gitHubNanos) / 1e9);
            out.printf("    job %s, %d repositories, %d errors; %d tasks; %d extra listing pages; requests: %s%n",
                    job == null ? "missing" : job.status().wireName(), job == null ? 0 : job.repositoriesProcessed(),
                    job == null ? 0 : job.errorsCount(), tasks, extra, breakdown);
        }

        private DynamoDbClient timedDynamoDb(StoreTime storeTime) {
            return DynamoDbClient.builder()
                    .endpointOverride(context.backend().dynamoDbEndpoint())
                    .region(Region.of(context.backend().region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(storeTime))
                    .build();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
