package dev.autosync.sandbox;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A stateful fake GitHub for one App, served over real HTTP on a loopback port. Tests and demo scripts
 * seed and mutate it through this class; each mutation can send the matching signed webhook (see
 * {@link #webhooks()}). The HTTP side answers like {@code api.github.com}: see {@link ApiServer}.
 */
public final class GitHubSandbox implements AutoCloseable {

    /** Every installation gets this many primary rate-limit points per hour unless configured. */
    public static final int DEFAULT_RATE_LIMIT = 5000;

    private final Clock clock;
    private final AppCredentials app = new AppCredentials(424242, "Iv23liSandbox0000001", "autosync-sandbox");
    private final Webhooks webhooks;
    private final Faults faults = new Faults();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Model.Account> accounts = new LinkedHashMap<>();
    private final Map<Long, Model.Installation> installations = new LinkedHashMap<>();
    private final List<Model.Repo> repos = new ArrayList<>();
    private final RateBudgets budgets;
    private final ApiServer server;
    private final WebhookPayloads payloads;
    private Model.Account actor;

    private GitHubSandbox(Clock clock, int port) {
        this.clock = clock;
        this.webhooks = new Webhooks(clock, app.appId(), 51_000_001L);
        this.budgets = new RateBudgets(clock, DEFAULT_RATE_LIMIT);
        this.server = new ApiServer(this, port);
        this.payloads = new WebhookPayloads(shapes());
        this.actor = account("octocat", "User");
    }

    /** Starts a sandbox on a free loopback port, on the system clock. */
    public static GitHubSandbox start() {
        return start(Clock.systemUTC());
    }

    /** Starts a sandbox whose tokens, JWT checks and rate-limit windows follow {@code clock}. */
    public static GitHubSandbox start(Clock clock) {
        return new GitHubSandbox(clock, 0);
    }

    /** Starts on a fixed loopback port (0 = any), on the system clock: for demos that need a stable URL. */
    public static GitHubSandbox startOnPort(int port) {
        return new GitHubSandbox(Clock.systemUTC(), port);
    }

    /** The REST API root, what {@code GITHUB_API_URL} should be set to. */
    public URI apiUrl() {
        return server.baseUri();
    }

    public AppCredentials app() {
        return app;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public Faults faults() {
        return faults;
    }

    /** Later commits, issues and pull requests are authored by {@code login} (a user, created if new). */
    public synchronized GitHubSandbox actingAs(String login) {
        actor = account(login, "User");
        return this;
    }

    /** Installs the App on an account ({@code "Organization"} or {@code "User"}); returns the installation id. */
    public long install(String login, String type) {
        return mutate(events -> {
            Model.Installation installation = new Model.Installation(ids.incrementAndGet(), account(login, type), clock.instant());
            installations.put(installation.id, installation);
            budgets.register(installation.id);
            events.add(payloads.installation("created", installation, app, reposOf(installation.id), actor));
            return installation.id;
        });
    }

    public void uninstall(long installationId) {
        mutate(events -> {
            Model.Installation installation = installation(installationId);
            installation.removed = true;
            events.add(payloads.installation("deleted", installation, app, reposOf(installationId), actor));
            return null;
        });
    }

    public void suspend(long installationId) {
        setSuspended(installationId, true);
    }

    public void unsuspend(long installationId) {
        setSuspended(installationId, false);
    }

    /** Creates a repository in the installation's account with one branch, {@code main}; returns its full name. */
    public String createRepo(long installationId, String name) {
        return mutate(events -> {
            Model.Installation installation = installation(installationId);
            Model.Repo repo = new Model.Repo(ids.incrementAndGet(), installation.account, installationId, name, clock.instant());
            repos.add(repo);
            events.add(payloads.repository("created", repo, actor, installationId, null));
            return repo.fullName();
        });
    }

    public String renameRepo(String fullName, String newName) {
        return mutate(events -> {
            Model.Repo repo = repo(fullName);
            String old = repo.name;
            repo.name = newName;
            repo.updatedAt = clock.instant();
            events.add(payloads.repository("renamed", repo, actor, repo.installationId, old));
            return repo.fullName();
        });
    }

    public void deleteRepo(String fullName) {
        mutate(events -> {
            Model.Repo repo = repo(fullName);
            repo.deleted = true;
            events.add(payloads.repository("deleted", repo, actor, repo.installationId, null));
            return null;
        });
    }

    public void createBranch(String fullName, String branch, String from) {
        mutate(events -> {
            Model.Repo repo = repo(fullName);
            repo.branches.put(branch, new ArrayList<>(repo.branch(from)));
            return null;
        });
    }

    /** Pushes one commit per message onto {@code branch}; returns their SHAs, oldest first. */
    public List<String> push(String fullName, String branch, String... messages) {
        return mutate(events -> {
            Model.Repo repo = repo(fullName);
            String before = repo.headSha(branch);
            List<Model.Commit> pushed = new ArrayList<>();
            for (String message : messages) {
                pushed.add(commit(repo, branch, message));
            }
            repo.pushedAt = clock.instant();
            repo.updatedAt = repo.pushedAt;
            events.add(payloads.push(repo, branch, before, pushed, actor));
            return pushed.stream().map(Model.Commit::sha).toList();
        });
    }

    public int openIssue(String fullName, String title) {
        return openIssue(fullName, title, null);
    }

    public void closeIssue(String fullName, int number) {
        mutate(events -> {
            Model.Repo repo = repo(fullName);
            Model.Issue issue = repo.issue(number);
            close(issue);
            events.add(issue.isPull() ? payloads.pull("closed", repo, issue, actor) : payloads.issue("closed", repo, issue, actor));
            return null;
        });
    }

    public int openPullRequest(String fullName, String title, String head, String base) {
        return openIssue(fullName, title, new Model.PullInfo(head, base));
    }

    /** Merges the head branch's commits into the base branch with a merge commit, and closes the PR. */
    public void mergePullRequest(String fullName, int number) {
        mutate(events -> {
            Model.Repo repo = repo(fullName);
            Model.Issue pull = repo.issue(number);
            List<Model.Commit> base = repo.branch(pull.pull.base);
            repo.branch(pull.pull.head).stream().filter(c -> !base.contains(c)).forEach(base::add);
            pull.pull.mergeCommitSha = commit(repo, pull.pull.base, "Merge pull request #" + number).sha();
            pull.pull.mergedAt = clock.instant();
            close(pull);
            events.add(payloads.pull("closed", repo, pull, actor));
            return null;
        });
    }

    /** Sets the installation's primary rate limit per hour and starts a fresh window. */
    public void setRateLimit(long installationId, int limit) {
        budget(installationId).configure(limit, clock.instant());
    }

    /** Primary rate-limit points the installation has spent since the sandbox started. */
    public long pointsSpent(long installationId) {
        return budget(installationId).spentTotal();
    }

    /** When the installation's current rate-limit window resets ({@code X-RateLimit-Reset}). */
    public java.time.Instant rateLimitReset(long installationId) {
        return budget(installationId).snapshot(clock.instant()).resetAt();
    }

    /** Revokes the installation's tokens, as GitHub does on {@code DELETE /installation/token}. */
    public void revokeTokens(long installationId) {
        server.revokeTokens(installationId);
    }

    /** API requests served so far (every status, including 304 and faults). */
    public long requestCount() {
        return server.requestCount();
    }

    /** Installation tokens issued so far. */
    public long tokenExchanges() {
        return server.tokenExchanges();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- package-private views for ApiServer and Routes; callers hold this monitor ----

    Clock clock() {
        return clock;
    }

    Shapes shapes() {
        String api = server.baseUri().toString();
        return new Shapes(api.endsWith("/") ? api.substring(0, api.length() - 1) : api, "https://github.com");
    }

    RateBudget appBudget() {
        return budgets.app();
    }

    RateBudget budget(long installationId) {
        return budgets.of(installationId);
    }

    List<Model.Installation> activeInstallations() {
        return installations.values().stream().filter(i -> !i.removed).toList();
    }

    Optional<Model.Installation> activeInstallation(long id) {
        return Optional.ofNullable(installations.get(id)).filter(i -> !i.removed);
    }

    List<Model.Repo> reposOf(long installationId) {
        return repos.stream().filter(r -> !r.deleted && r.installationId == installationId).toList();
    }

    Optional<Model.Repo> findRepo(String owner, String name) {
        return repos.stream().filter(r -> !r.deleted && r.owner.login().equalsIgnoreCase(owner)
                && r.name.equalsIgnoreCase(name)).findFirst();
    }

    Faults faultsView() {
        return faults;
    }

    // ---- internals ----

    /** Applies a change under the monitor, then sends its webhooks outside it (receivers may call back). */
    private <T> T mutate(Function<List<WebhookPayloads.Event>, T> change) {
        List<WebhookPayloads.Event> events = new ArrayList<>();
        T result;
        synchronized (this) {
            result = change.apply(events);
        }
        events.forEach(e -> webhooks.emit(e.name(), e.payload(), e.installationId(), e.repositoryId()));
        return result;
    }

    private int openIssue(String fullName, String title, Model.PullInfo pullInfo) {
        return mutate(events -> {
            Model.Repo repo = repo(fullName);
            Model.Issue issue = new Model.Issue(ids.incrementAndGet(), repo.issues.size() + 1, title, actor, clock.instant(), pullInfo);
            repo.issues.add(issue);
            events.add(issue.isPull() ? payloads.pull("opened", repo, issue, actor) : payloads.issue("opened", repo, issue, actor));
            return issue.number;
        });
    }

    private void setSuspended(long installationId, boolean suspended) {
        mutate(events -> {
            Model.Installation installation = installation(installationId);
            installation.suspendedAt = suspended ? clock.instant() : null;
            events.add(payloads.installation(suspended ? "suspend" : "unsuspend", installation, app, reposOf(installationId), actor));
            return null;
        });
    }

    private void close(Model.Issue issue) {
        issue.state = "closed";
        issue.closedAt = clock.instant();
        issue.updatedAt = issue.closedAt;
    }

    private Model.Commit commit(Model.Repo repo, String branch, String message) {
        List<Model.Commit> commits = repo.branch(branch);
        String parent = commits.isEmpty() ? null : commits.get(commits.size() - 1).sha();
        String sha = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20)
                .putLong(ids.incrementAndGet()).putLong(repo.id).putInt(commits.size()).array());
        Model.Commit commit = new Model.Commit(sha, message, actor, clock.instant(), parent);
        commits.add(commit);
        return commit;
    }

    private Model.Account account(String login, String type) {
        return accounts.computeIfAbsent(login, l -> new Model.Account(l, ids.incrementAndGet(), type));
    }

    private Model.Installation installation(long id) {
        return activeInstallation(id).orElseThrow(() -> new IllegalArgumentException("no installation " + id));
    }

    private Model.Repo repo(String fullName) {
        String[] parts = fullName.split("/", 2);
        return findRepo(parts[0], parts[1]).orElseThrow(() -> new IllegalArgumentException("no repository " + fullName));
    }
}
