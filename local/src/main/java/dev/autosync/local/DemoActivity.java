package dev.autosync.local;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.sandbox.WebhookMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The living demo: after the seed, the sandbox's demo organisation keeps working — pushes, issues opened,
 * retitled and closed, pull requests opened and merged, now and then a new repository or a rename — at the
 * pace of {@code AUTOSYNC_DEMO_ACTIVITY} ({@link Pace}). A share of the changes' webhooks fail as they do on
 * GitHub: some are recorded as failed deliveries (the periodic run asks GitHub to redeliver them), some
 * are never sent (only its change detection finds them), so the dashboard keeps filling and the sync
 * engine keeps visibly repairing. With sync {@code off} nothing would repair them, so then every webhook
 * is delivered.
 *
 * <p>Pull-request reviews are not part of it: the processor keeps no reviews and the sandbox sends no
 * {@code pull_request_review} webhooks, so they would show nowhere.
 */
final class DemoActivity implements EventSource {

    /** How busy the demo organisation is. */
    enum Pace {
        /** No changes after the seed: the demo stays as seeded (tests that compare exact states). */
        OFF(Duration.ZERO),
        /** A change every few seconds: watchable on the dashboard, a few hundred webhooks an hour. */
        GENTLE(Duration.ofSeconds(5)),
        /** Several changes a second: the queue, the processor and the repairs under steady traffic. */
        BUSY(Duration.ofMillis(250));

        /** The mean time between two changes (each wait is drawn between half and one and a half of it). */
        final Duration meanInterval;

        Pace(Duration meanInterval) {
            this.meanInterval = meanInterval;
        }

        /** {@code AUTOSYNC_DEMO_ACTIVITY}, default {@link #GENTLE}; a bad value is noted on {@code env}. */
        static Pace from(Env env) {
            String value = env.optional(EnvVars.AUTOSYNC_DEMO_ACTIVITY).orElse("gentle");
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                env.problem(EnvVars.AUTOSYNC_DEMO_ACTIVITY + " must be off, gentle or busy, not '" + value + "'");
                return OFF;
            }
        }
    }

    /** What one step did: the kind of change, the repository and what became of its webhooks. */
    record Change(Kind kind, String repository, WebhookMode webhooks) {
    }

    /** The changes the demo makes, with their weights (how often each is picked out of {@link #TOTAL_WEIGHT}). */
    enum Kind {
        PUSH(36), OPEN_ISSUE(14), RETITLE_ISSUE(5), CLOSE_ISSUE(10), OPEN_PULL_REQUEST(12), MERGE_PULL_REQUEST(15),
        NEW_REPOSITORY(2), RENAME_REPOSITORY(2), OPEN_AND_CLOSE_QUICKLY(4);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
    /** Percent of changes whose webhooks GitHub records as failed ({@link WebhookMode#MISS}). */
    static final int MISSED_PERCENT = 8;
    /** Percent of changes whose webhooks are never sent ({@link WebhookMode#DROP}). */
    static final int DROPPED_PERCENT = 4;
    /** The demo stops creating repositories here, so a long run stays a small organisation. */
    static final int MAX_REPOSITORIES = 8;

    private static final Log LOG = Log.of(DemoActivity.class);
    private static final List<String> PEOPLE = List.of("mona", "hubot", "octocat", "monalisa", "defunkt");
    private static final List<String> COMMIT_MESSAGES = List.of("Fix flaky pagination test", "Tidy imports",
            "Bump jackson to the latest patch", "Handle empty pages from the API", "Log the request id",
            "Cache the installation token", "Document the retry policy", "Speed up the import of large repositories",
            "Guard against a null default branch", "Rename helper for clarity", "Add a metric for queue depth",
            "Trim trailing whitespace", "Retry on 502 from GitHub", "Split the settings class");
    private static final List<String> ISSUE_TITLES = List.of("Dashboard is slow with many repositories",
            "Support GitHub Enterprise Server", "Commits missing after a force push", "Export analytics as CSV",
            "Rate limit warning on the dashboard", "Wrong author on squash merges", "Add a dark theme",
            "Webhook retries are not visible", "Document the sync interval", "Flaky end-to-end test");
    private static final List<String> FEATURES = List.of("metrics", "search", "export", "retries", "cache", "charts");

    private final GitHubSandbox sandbox;
    private final long installationId;
    private final Pace pace;
    private final boolean failSomeWebhooks;
    private final Random random;
    /** The organisation's repositories as this demo knows them (full names, kept current across renames). */
    private final List<String> repositories;
    private final Map<String, List<Integer>> openIssues = new LinkedHashMap<>();
    private final Map<String, List<Integer>> openPulls = new LinkedHashMap<>();
    private final Map<WebhookMode, Integer> tally = new java.util.EnumMap<>(WebhookMode.class);
    private ScheduledExecutorService timer;
    private int counter;

    /**
     * @param repositories    the seeded repositories' full names
     * @param failSomeWebhooks whether a share of webhooks is missed or dropped (not when nothing would repair them)
     */
    DemoActivity(GitHubSandbox sandbox, long installationId, List<String> repositories, Pace pace,
                 boolean failSomeWebhooks, Random random) {
        this.sandbox = sandbox;
        this.installationId = installationId;
        this.repositories = new ArrayList<>(repositories);
        this.pace = pace;
        this.failSomeWebhooks = failSomeWebhooks;
        this.random = random;
    }

    @Override
    public synchronized void start() {
        if (pace == Pace.OFF || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "autosync-demo-activity");
            thread.setDaemon(true);
            return thread;
        });
        scheduleNext();
        LOG.info("the demo organisation keeps acting", Map.of("pace", pace.name().toLowerCase(Locale.ROOT),
                "mean_interval_ms", pace.meanInterval.toMillis(), "webhooks_failing", failSomeWebhooks));
    }

    private void scheduleNext() {
        long mean = pace.meanInterval.toMillis();
        long wait = mean / 2 + (long) (random.nextDouble() * mean);
        timer.schedule(this::stepAndReschedule, wait, TimeUnit.MILLISECONDS);
    }

    private void stepAndReschedule() {
        try {
            Change change = step();
            if (change.webhooks() != WebhookMode.DELIVER) {
                LOG.info("demo change made with its webhooks " + (change.webhooks() == WebhookMode.MISS
                        ? "failing (the next periodic run redelivers them)"
                        : "never sent (the next periodic run's change detection finds it)"),
                        Map.of("change", change.kind().name().toLowerCase(Locale.ROOT), "repository", change.repository()));
            }
        } catch (RuntimeException e) {
            // A user may delete or rename a demo repository through the control API meanwhile: forget what
            // this demo knew and go on; the demo must never stop the local system.
            LOG.warn("a demo change failed; the demo goes on", Map.of("error", String.valueOf(e.getMessage())));
            forgetVanished();
        }
        synchronized (this) {
            if (timer != null && !timer.isShutdown()) {
                scheduleNext();
            }
        }
    }

    /** Makes one random change in the demo organisation, its webhooks delivered, missed or dropped. */
    synchronized Change step() {
        Kind kind = pick();
        WebhookMode mode = webhookMode();
        String repository = repositories.get(random.nextInt(repositories.size()));
        String actor = PEOPLE.get(random.nextInt(PEOPLE.size()));
        String changed = sandbox.withWebhooks(mode, () -> apply(kind, repository, actor));
        tally.merge(mode, 1, Integer::sum);
        return new Change(kind, changed, mode);
    }

    private Kind pick() {
        int roll = random.nextInt(TOTAL_WEIGHT);
        for (Kind kind : Kind.values()) {
            roll -= kind.weight;
            if (roll < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights out of range");
    }

    private WebhookMode webhookMode() {
        if (!failSomeWebhooks) {
            return WebhookMode.DELIVER;
        }
        int roll = random.nextInt(100);
        return roll < MISSED_PERCENT ? WebhookMode.MISS
                : roll < MISSED_PERCENT + DROPPED_PERCENT ? WebhookMode.DROP : WebhookMode.DELIVER;
    }

    /** Applies {@code kind} to {@code repository} (or what it falls back to); returns the repository changed. */
    private String apply(Kind kind, String repository, String actor) {
        GitHubSandbox as = sandbox.actingAs(actor);
        String branch = defaultBranch(repository);
        switch (kind) {
            case PUSH -> as.push(repository, branch, messages(1 + random.nextInt(3)));
            case OPEN_ISSUE -> issues(repository).add(as.openIssue(repository, pickOne(ISSUE_TITLES)));
            case RETITLE_ISSUE -> {
                Integer issue = anyOf(issues(repository));
                if (issue == null) {
                    return apply(Kind.OPEN_ISSUE, repository, actor);
                }
                as.editIssue(repository, issue, pickOne(ISSUE_TITLES) + " (" + (++counter) + ")");
            }
            case CLOSE_ISSUE -> {
                Integer issue = takeAny(issues(repository));
                if (issue == null) {
                    return apply(Kind.OPEN_ISSUE, repository, actor);
                }
                as.closeIssue(repository, issue);
            }
            case OPEN_PULL_REQUEST -> {
                String feature = pickOne(FEATURES);
                String head = "feature/" + feature + "-" + (++counter);
                as.createBranch(repository, head, branch);
                as.push(repository, head, messages(1 + random.nextInt(2)));
                pulls(repository).add(as.openPullRequest(repository, "Add " + feature + " (" + counter + ")", head, branch));
            }
            case MERGE_PULL_REQUEST -> {
                Integer pull = takeAny(pulls(repository));
                if (pull == null) {
                    return apply(Kind.OPEN_PULL_REQUEST, repository, actor);
                }
                as.mergePullRequest(repository, pull);
            }
            case OPEN_AND_CLOSE_QUICKLY -> {
                // A duplicate reported and closed within seconds: two webhooks close together, the order
                // guards' everyday case.
                int issue = as.openIssue(repository, pickOne(ISSUE_TITLES) + " (duplicate)");
                as.closeIssue(repository, issue);
            }
            case NEW_REPOSITORY -> {
                if (repositories.size() >= MAX_REPOSITORIES) {
                    return apply(Kind.PUSH, repository, actor);
                }
                String created = as.createRepo(installationId, "service-" + (++counter));
                as.push(created, defaultBranch(created), messages(2));
                repositories.add(created);
                return created;
            }
            case RENAME_REPOSITORY -> {
                String name = repository.substring(repository.indexOf('/') + 1);
                // Back and forth between two names, so a long run does not grow names without end.
                String renamed = as.renameRepo(repository, name.endsWith("-next")
                        ? name.substring(0, name.length() - "-next".length()) : name + "-next");
                repositories.set(repositories.indexOf(repository), renamed);
                move(openIssues, repository, renamed);
                move(openPulls, repository, renamed);
                return renamed;
            }
            default -> throw new IllegalStateException("unknown change " + kind);
        }
        return repository;
    }

    private String defaultBranch(String repository) {
        return sandbox.defaultBranch(repository);
    }

    private String[] messages(int count) {
        String[] messages = new String[count];
        for (int i = 0; i < count; i++) {
            messages[i] = pickOne(COMMIT_MESSAGES);
        }
        return messages;
    }

    private String pickOne(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private List<Integer> issues(String repository) {
        return openIssues.computeIfAbsent(repository, r -> new ArrayList<>());
    }

    private List<Integer> pulls(String repository) {
        return openPulls.computeIfAbsent(repository, r -> new ArrayList<>());
    }

    private Integer anyOf(List<Integer> numbers) {
        return numbers.isEmpty() ? null : numbers.get(random.nextInt(numbers.size()));
    }

    private Integer takeAny(List<Integer> numbers) {
        return numbers.isEmpty() ? null : numbers.remove(random.nextInt(numbers.size()));
    }

    private static void move(Map<String, List<Integer>> numbers, String from, String to) {
        List<Integer> moved = numbers.remove(from);
        if (moved != null) {
            numbers.put(to, moved);
        }
    }

    /** After a failed change: keeps only the repositories the sandbox still has under their known names. */
    synchronized void forgetVanished() {
        List<String> known = new ArrayList<>(repositories);
        for (String repository : known) {
            if (!exists(repository)) {
                repositories.remove(repository);
                openIssues.remove(repository);
                openPulls.remove(repository);
            }
        }
        if (repositories.isEmpty()) {
            LOG.warn("the demo organisation has no repository left that the demo knows; it stops acting", Map.of());
            if (timer != null) {
                // On the timer's own thread: shut it down without waiting for itself.
                timer.shutdown();
            }
        }
    }

    private boolean exists(String repository) {
        try {
            sandbox.defaultBranch(repository);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stops making changes; a change in progress finishes (its webhooks sent) first. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = timer;
            if (stopping == null) {
                return;
            }
            stopping.shutdown();
        }
        try {
            stopping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The repositories the demo knows now (full names). */
    synchronized List<String> repositories() {
        return List.copyOf(repositories);
    }

    /** How many changes were made so far, by what became of their webhooks. */
    synchronized Map<WebhookMode, Integer> tally() {
        return Map.copyOf(tally);
    }
}
