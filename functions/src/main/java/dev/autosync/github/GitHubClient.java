package dev.autosync.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.aws.SecretUnreadableException;
import dev.autosync.github.internal.AppJwt;
import dev.autosync.github.internal.InstallationTokens;
import dev.autosync.github.internal.LinkHeader;
import dev.autosync.github.internal.Listing;
import dev.autosync.github.internal.PageWalk;
import dev.autosync.github.internal.Parsers;
import dev.autosync.github.internal.RestTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * autosync's GitHub App client over {@code java.net.http}: App JWT for App endpoints, cached
 * installation tokens for the rest (a 401 on a cached token drops it and retries once with a new one),
 * {@code per_page=100} listings streamed page by page, conditional requests for installation listings.
 *
 * @see <a href="https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/about-authentication-with-a-github-app">Authenticating as a GitHub App</a>
 */
public final class GitHubClient implements GitHub {

    private static final int PER_PAGE = 100;
    /** GitHub serves the first 1,000 search results only: 10 pages of 100. */
    static final int MAX_SEARCH_PAGES = 10;

    private final String api;
    private final URI apiRoot;
    private final RestTransport transport;
    private final AppJwt jwt;
    private final InstallationTokens tokens;
    private final EtagStore etags;

    /** The production client: system clock, real sleeps, {@link RetryPolicy#DEFAULT}. */
    public static GitHubClient create(GitHubConfig config, EtagStore etags) {
        return create(config, etags, RetryPolicy.DEFAULT);
    }

    /** The production client with the given retry bounds (the sync functions use {@link RetryPolicy#LAMBDA}). */
    public static GitHubClient create(GitHubConfig config, EtagStore etags, RetryPolicy policy) {
        return create(config, etags, policy, RequestPace.UNLIMITED);
    }

    /** The production client, paced (the sync engine shares GitHub's per-minute limit between its tasks). */
    public static GitHubClient create(GitHubConfig config, EtagStore etags, RetryPolicy policy, RequestPace pace) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new GitHubClient(config, etags, http, policy, Sleeper.REAL, Clock.systemUTC(), pace);
    }

    /**
     * A client whose waits and times are the caller's: the sync engine's tests run it against the sandbox
     * on a manual clock, recording waits instead of sleeping.
     */
    public static GitHubClient create(GitHubConfig config, EtagStore etags, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new GitHubClient(config, etags, http, policy, sleeper, clock, RequestPace.UNLIMITED);
    }

    /** As {@link #create(GitHubConfig, EtagStore, RetryPolicy, Sleeper, Clock)}, paced. */
    public static GitHubClient create(GitHubConfig config, EtagStore etags, RetryPolicy policy, Sleeper sleeper, Clock clock,
                                      RequestPace pace) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new GitHubClient(config, etags, http, policy, sleeper, clock, pace);
    }

    GitHubClient(GitHubConfig config, EtagStore etags, HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this(config, etags, http, policy, sleeper, clock, RequestPace.UNLIMITED);
    }

    GitHubClient(GitHubConfig config, EtagStore etags, HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock,
                 RequestPace pace) {
        String root = config.apiUrl().toString();
        this.api = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.apiRoot = URI.create(api);
        this.transport = new RestTransport(http, policy, sleeper, clock, pace.interval());
        this.jwt = new AppJwt(config.jwtIssuer(), () -> {
            try {
                return config.privateKey();
            } catch (SecretUnreadableException e) {
                // Retryable like an outage: the task is retried later, the function keeps serving others.
                throw new GitHubUnavailableException("the App's private key is unavailable: " + e.getMessage(), e);
            }
        }, clock);
        this.tokens = new InstallationTokens(this::exchange, clock);
        this.etags = etags;
    }

    @Override
    public Optional<ObservedRateLimit> lastRateLimit(InstallationId installation) {
        return transport.lastRateLimit(installation);
    }

    @Override
    public Stream<Page<Installation>> installations() {
        return appListing("/app/installations", "/app/installations", Parsers::installation);
    }

    @Override
    public Lookup<Installation> installation(InstallationId id) {
        return lookup(appGet(api + "/app/installations/" + id.value(), "/app/installations/{installation_id}"),
                "GET /app/installations/{installation_id}", Parsers::installation);
    }

    @Override
    public Stream<Page<Repository>> repositories(InstallationId installation, boolean conditional) {
        return listing(installation, "/installation/repositories", Map.of(), "/installation/repositories",
                body -> each(body.path("repositories"), Parsers::repository), false, EtagUse.of(conditional));
    }

    @Override
    public Lookup<Repository> repository(InstallationId installation, RepoRef repo) {
        String template = "/repos/{owner}/{repo}";
        return lookup(installationGet(installation, repoUrl(repo, ""), template, Map.of()), "GET " + template, Parsers::repository);
    }

    @Override
    public Lookup<Repository> repositoryById(InstallationId installation, long repositoryId) {
        String template = "/repositories/{repository_id}";
        return lookup(installationGet(installation, api + "/repositories/" + repositoryId, template, Map.of()),
                "GET " + template, Parsers::repository);
    }

    @Override
    public Stream<Page<Commit>> commits(InstallationId installation, RepoRef repo, Optional<String> sha,
                                       Optional<Instant> since, Optional<Instant> until, int firstPage) {
        Map<String, String> query = new LinkedHashMap<>();
        sha.ifPresent(s -> query.put("sha", s));
        since.ifPresent(s -> query.put("since", s.toString()));
        until.ifPresent(u -> query.put("until", u.toString()));
        if (firstPage > 1) {
            query.put("page", Integer.toString(firstPage));
        }
        // Unconditional: a sync walk's window is fixed and its pages are read once, so an ETag saves nothing,
        // and a 304 for a page whose writing failed would hide its commits from the retry.
        return listing(installation, path(repo, "/commits"), query, "/repos/{owner}/{repo}/commits",
                body -> each(body, Parsers::commit), true, EtagUse.NONE);
    }

    @Override
    public Stream<Page<Issue>> issues(InstallationId installation, RepoRef repo, Optional<Instant> since) {
        Map<String, String> query = new LinkedHashMap<>(Map.of("state", "all"));
        // Oldest update first: a walk that stops part-way has written everything before its cursor.
        query.put("sort", "updated");
        query.put("direction", "asc");
        since.ifPresent(s -> query.put("since", s.toString()));
        return listing(installation, path(repo, "/issues"), query, "/repos/{owner}/{repo}/issues", body -> {
            List<Issue> issues = new ArrayList<>();
            body.forEach(node -> {
                if (!Parsers.isPullRequest(node)) {
                    issues.add(Parsers.issue(node));
                }
            });
            return issues;
        }, false);
    }

    @Override
    public Lookup<Issue> issue(InstallationId installation, RepoRef repo, int number) {
        String template = "/repos/{owner}/{repo}/issues/{issue_number}";
        RestTransport.Response response = installationGet(installation, repoUrl(repo, "/issues/" + number), template, Map.of());
        if (response.status() == 301) {
            // Transferred to another repository: gone from this one.
            return new Lookup.NotFound<>(301, response.rateLimit(), response.date());
        }
        return lookup(response, "GET " + template, Parsers::issue);
    }

    @Override
    public Stream<Page<PullRequest>> pullRequests(InstallationId installation, RepoRef repo, boolean conditional) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", "all");
        query.put("sort", "updated");
        query.put("direction", "desc");
        return listing(installation, path(repo, "/pulls"), query, "/repos/{owner}/{repo}/pulls",
                // Unconditional reads keep no ETags here: a pulls walk stops at its floor, and a chain of ETags
                // kept down to the history's start would have the next idle walk follow it 304 by 304.
                body -> each(body, Parsers::pullRequest), false, conditional ? EtagUse.ASK : EtagUse.NONE);
    }

    @Override
    public SearchResults searchIssues(InstallationId installation, String query) {
        String template = "/search/issues";
        Optional<String> url = Optional.of(api + template + "?q=" + encode(query) + "&sort=updated&order=desc&per_page=" + PER_PAGE);
        PageWalk walk = new PageWalk(apiRoot, "GET " + template);
        int totalCount = 0;
        boolean incomplete = false;
        // Keyed by repository and number: an item updated while we page moves up and could be listed twice.
        Map<String, IssueActivity> items = new LinkedHashMap<>();
        for (int page = 1; page <= MAX_SEARCH_PAGES && url.isPresent(); page++) {
            RestTransport.Response response = installationGet(installation, walk.admit(url.get()), template, Map.of());
            if (response.status() != 200) {
                throw new GitHubRejectedException(response.status(), "GET " + template, response.gitHubMessage());
            }
            JsonNode body = json(response.body());
            totalCount = page == 1 ? body.path("total_count").asInt(0) : totalCount;
            incomplete |= body.path("incomplete_results").asBoolean(false);
            for (JsonNode node : body.path("items")) {
                IssueActivity item = Parsers.issueActivity(node);
                items.putIfAbsent(item.repository().fullName() + "#" + item.number(), item);
            }
            url = body.path("items").isEmpty() ? Optional.empty() : LinkHeader.next(response.header("link"));
        }
        return new SearchResults(totalCount, incomplete, new ArrayList<>(items.values()));
    }

    @Override
    public Lookup<Comparison> compare(InstallationId installation, RepoRef repo, String base, String head) {
        String template = "/repos/{owner}/{repo}/compare/{basehead}";
        String url = repoUrl(repo, "/compare/" + encode(base) + "..." + encode(head));
        return lookup(installationGet(installation, url, template, Map.of()), "GET " + template, Parsers::comparison);
    }

    @Override
    public Stream<Page<HookDelivery>> hookDeliveries() {
        return appListing("/app/hook/deliveries", "/app/hook/deliveries", Parsers::hookDelivery);
    }

    @Override
    public boolean redeliver(long deliveryId) {
        String template = "/app/hook/deliveries/{delivery_id}/attempts";
        RestTransport.Response response = transport.send("POST", URI.create(api + "/app/hook/deliveries/" + deliveryId + "/attempts"),
                template, "Bearer " + jwt.current(), Optional.empty(), Map.of());
        if (response.status() == 202 || response.status() == 200) {
            return true;
        }
        if (response.status() == 404 || response.status() == 410) {
            return false;
        }
        throw new GitHubRejectedException(response.status(), "POST " + template, response.gitHubMessage());
    }

    // ---- requests ----

    private RestTransport.Response appGet(String url, String template) {
        return transport.send("GET", URI.create(url), template, "Bearer " + jwt.current(), Optional.empty(), Map.of());
    }

    /** A request with the installation's token; a 401 on a cached token drops it and retries once. */
    private RestTransport.Response installationGet(InstallationId installation, String url, String template,
                                                   Map<String, String> headers) {
        InstallationTokens.Token token = tokens.get(installation);
        Optional<InstallationId> as = Optional.of(installation);
        RestTransport.Response response = transport.send("GET", URI.create(url), template, "Bearer " + token.value(), as, headers);
        if (response.status() == 401 && !token.fresh()) {
            tokens.invalidate(installation, token);
            token = tokens.get(installation);
            response = transport.send("GET", URI.create(url), template, "Bearer " + token.value(), as, headers);
        }
        return response;
    }

    /** {@code POST /app/installations/{id}/access_tokens}. */
    private InstallationTokens.Token exchange(InstallationId installation) {
        String template = "/app/installations/{installation_id}/access_tokens";
        RestTransport.Response response = transport.send("POST",
                URI.create(api + "/app/installations/" + installation.value() + "/access_tokens"),
                template, "Bearer " + jwt.current(), Optional.empty(), Map.of());
        if (response.status() == 404 || response.status() == 410) {
            throw new ResourceGoneException(response.status(), "POST " + template + " for installation " + installation);
        }
        if (response.status() != 201 && response.status() != 200) {
            throw new GitHubRejectedException(response.status(), "POST " + template, response.gitHubMessage());
        }
        JsonNode body = json(response.body());
        return new InstallationTokens.Token(body.path("token").asText(), Instant.parse(body.path("expires_at").asText()), true);
    }

    private <T> Stream<Page<T>> listing(InstallationId installation, String path, Map<String, String> query,
                                        String template, Function<JsonNode, List<T>> items, boolean emptyOnConflict) {
        return listing(installation, path, query, template, items, emptyOnConflict, EtagUse.ASK);
    }

    /** What a listing does with ETags. */
    private enum EtagUse {
        /** Neither sent nor kept. */
        NONE,
        /** The held one sent (a 304 page costs nothing), the new ones kept. */
        ASK,
        /** Every page read whatever is held, the new ones kept: a walk that must see everything. */
        REFRESH;

        static EtagUse of(boolean conditional) {
            return conditional ? ASK : REFRESH;
        }
    }

    private <T> Stream<Page<T>> listing(InstallationId installation, String path, Map<String, String> query,
                                        String template, Function<JsonNode, List<T>> items, boolean emptyOnConflict,
                                        EtagUse etagUse) {
        StringBuilder url = new StringBuilder(api).append(path).append("?per_page=").append(PER_PAGE);
        query.forEach((k, v) -> url.append('&').append(k).append('=').append(encode(v)));
        return new Listing<>(apiRoot, url.toString(), "GET " + template, (u, h) -> installationGet(installation, u, template, h),
                etagUse == EtagUse.NONE ? Optional.empty()
                        : Optional.of(new Listing.Conditional(etags, installation, etagUse == EtagUse.ASK)), items,
                emptyOnConflict).stream();
    }

    private <T> Stream<Page<T>> appListing(String path, String template, Function<JsonNode, T> parser) {
        return new Listing<>(apiRoot, api + path + "?per_page=" + PER_PAGE, "GET " + template, (u, h) -> appGet(u, template),
                Optional.empty(), body -> each(body, parser), false).stream();
    }

    private static <T> Lookup<T> lookup(RestTransport.Response response, String what, Function<JsonNode, T> parser) {
        if (response.status() == 200) {
            return new Lookup.Found<>(parser.apply(json(response.body())), response.rateLimit(), response.date());
        }
        if (response.status() == 404 || response.status() == 410) {
            return new Lookup.NotFound<>(response.status(), response.rateLimit(), response.date());
        }
        throw new GitHubRejectedException(response.status(), what, response.gitHubMessage());
    }

    private static <T> List<T> each(JsonNode array, Function<JsonNode, T> parser) {
        List<T> items = new ArrayList<>(array.size());
        array.forEach(node -> items.add(parser.apply(node)));
        return items;
    }

    private String repoUrl(RepoRef repo, String suffix) {
        return api + path(repo, suffix);
    }

    private static String path(RepoRef repo, String suffix) {
        return "/repos/" + repo.owner() + "/" + repo.name() + suffix;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub sent a body that is not JSON", e);
        }
    }
}
