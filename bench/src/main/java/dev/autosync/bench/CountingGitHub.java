package dev.autosync.bench;

import dev.autosync.github.Comparison;
import dev.autosync.github.Commit;
import dev.autosync.github.GitHub;
import dev.autosync.github.HookDelivery;
import dev.autosync.github.Installation;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Issue;
import dev.autosync.github.Lookup;
import dev.autosync.github.Page;
import dev.autosync.github.PullRequest;
import dev.autosync.github.RepoRef;
import dev.autosync.github.Repository;
import dev.autosync.github.SearchResults;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.stream.Stream;

/**
 * The engine's GitHub, counted per endpoint as the engine reads it: one count per page it takes from a
 * listing (each page is one request) and per lookup, search or redelivery. Names which calls use the App's
 * JWT, so the sandbox's request total can be split into App and installation-token requests, and counts the
 * pages of a listing beyond its first ("extra pages"). Retries inside the client are not seen here; the
 * sandbox's own request count sees them.
 */
final class CountingGitHub implements GitHub {

    /** Endpoints authenticated with the App's JWT rather than an installation token. */
    static final java.util.Set<String> APP_ENDPOINTS = java.util.Set.of(
            "GET /app/installations", "GET /app/installations/{id}", "GET /app/hook/deliveries",
            "POST /app/hook/deliveries/{id}/attempts");

    private final GitHub github;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder extraPages = new LongAdder();
    private final LongAdder gitHubNanos = new LongAdder();

    CountingGitHub(GitHub github) {
        this.github = github;
    }

    /** Requests per endpoint so far. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long appRequests() {
        return snapshot().entrySet().stream().filter(e -> APP_ENDPOINTS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long installationRequests() {
        return snapshot().entrySet().stream().filter(e -> !APP_ENDPOINTS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long extraPages() {
        return extraPages.sum();
    }

    /** "endpoint count, ..." for the installation-token endpoints, most requested first. */
    String breakdown(boolean app) {
        return snapshot().entrySet().stream().filter(e -> APP_ENDPOINTS.contains(e.getKey()) == app)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private void count(String endpoint) {
        requests.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    /** Nanoseconds spent waiting for GitHub (pacing waits, retries and the requests themselves). */
    long gitHubNanos() {
        return gitHubNanos.sum();
    }

    /**
     * Counts each page as the engine takes it, and times its fetch: the time inside the listing's advance
     * less the time the engine's own code spends on the page within it.
     */
    private <T> Stream<Page<T>> pages(String endpoint, Stream<Page<T>> listing) {
        AtomicInteger taken = new AtomicInteger();
        Spliterator<Page<T>> pages = listing.spliterator();
        Spliterator<Page<T>> timed = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super Page<T>> action) {
                long[] inAction = new long[1];
                long start = System.nanoTime();
                boolean advanced = pages.tryAdvance(page -> {
                    count(endpoint);
                    if (taken.incrementAndGet() > 1) {
                        extraPages.increment();
                    }
                    long actionStart = System.nanoTime();
                    action.accept(page);
                    inAction[0] += System.nanoTime() - actionStart;
                });
                gitHubNanos.add(System.nanoTime() - start - inAction[0]);
                return advanced;
            }
        };
        return StreamSupport.stream(timed, false).onClose(listing::close);
    }

    private <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            gitHubNanos.add(System.nanoTime() - start);
        }
    }

    @Override
    public Stream<Page<Installation>> installations() {
        return pages("GET /app/installations", github.installations());
    }

    @Override
    public Lookup<Installation> installation(InstallationId id) {
        count("GET /app/installations/{id}");
        return timed(() -> github.installation(id));
    }

    @Override
    public Stream<Page<Repository>> repositories(InstallationId installation, boolean conditional) {
        return pages("GET /installation/repositories", github.repositories(installation, conditional));
    }

    @Override
    public Lookup<Repository> repository(InstallationId installation, RepoRef repo) {
        count("GET /repos/{o}/{r}");
        return timed(() -> github.repository(installation, repo));
    }

    @Override
    public Lookup<dev.autosync.github.Issue> issue(InstallationId installation, RepoRef repo, int number) {
        count("GET /repos/{o}/{r}/issues/{n}");
        return timed(() -> github.issue(installation, repo, number));
    }

    @Override
    public Lookup<Repository> repositoryById(InstallationId installation, long repositoryId) {
        count("GET /repositories/{id}");
        return timed(() -> github.repositoryById(installation, repositoryId));
    }

    @Override
    public Stream<Page<Commit>> commits(InstallationId installation, RepoRef repo, Optional<String> sha,
                                        Optional<Instant> since, Optional<Instant> until, int firstPage) {
        return pages("GET /repos/{o}/{r}/commits", github.commits(installation, repo, sha, since, until, firstPage));
    }

    @Override
    public Stream<Page<Issue>> issues(InstallationId installation, RepoRef repo, Optional<Instant> since) {
        return pages("GET /repos/{o}/{r}/issues", github.issues(installation, repo, since));
    }

    @Override
    public Stream<Page<PullRequest>> pullRequests(InstallationId installation, RepoRef repo, boolean conditional) {
        return pages("GET /repos/{o}/{r}/pulls", github.pullRequests(installation, repo, conditional));
    }

    @Override
    public SearchResults searchIssues(InstallationId installation, String query) {
        count("GET /search/issues");
        return timed(() -> github.searchIssues(installation, query));
    }

    @Override
    public Lookup<Comparison> compare(InstallationId installation, RepoRef repo, String base, String head) {
        count("GET /repos/{o}/{r}/compare");
        return timed(() -> github.compare(installation, repo, base, head));
    }

    @Override
    public Stream<Page<HookDelivery>> hookDeliveries() {
        return pages("GET /app/hook/deliveries", github.hookDeliveries());
    }

    @Override
    public boolean redeliver(long deliveryId) {
        count("POST /app/hook/deliveries/{id}/attempts");
        return timed(() -> github.redeliver(deliveryId));
    }
}
