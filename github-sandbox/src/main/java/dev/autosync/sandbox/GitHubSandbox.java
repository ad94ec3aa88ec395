package dev.autosync.sandbox;

import java.net.URI;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final Content content;
    private final ControlServer control;
    private final ThreadLocal<WebhookMode> modeOverride = new ThreadLocal<>();
    private final ThreadLocal<java.time.Duration> delayOverride = new ThreadLocal<>();
    private volatile WebhookMode defaultMode = WebhookMode.DELIVER;
    private Model.Account actor;

    private GitHubSandbox(Clock clock, int port, int controlPort) {
        this.clock = clock;
        this.webhooks = new Webhooks(clock, app.appId(), 51_000_001L);
        this.budgets = new RateBudgets(clock, DEFAULT_RATE_LIMIT);
        this.server = new ApiServer(this, port);
        this.payloads = new WebhookPayloads(shapes());
        this.content = new Content(clock, ids, payloads, login -> account(login, "User"));
        this.actor = account("octocat", "User");
        this.control = new ControlServer(this, controlPort);
    }

    /** Starts a sandbox on a free loopback port, on the system clock. */
    public static GitHubSandbox start() {
        return start(Clock.systemUTC());
    }

    /** Starts a sandbox whose tokens, JWT checks and rate-limit windows follow {@code clock}. */
    public static GitHubSandbox start(Clock clock) {
        return new GitHubSandbox(clock, 0, 0);
    }

    /** Starts on a fixed loopback port (0 = any), on the system clock: for demos that need a stable URL. */
    public static GitHubSandbox startOnPort(int port) {
        return new GitHubSandbox(Clock.systemUTC(), port, 0);
    }

    /** Starts the API and the control API on fixed loopback ports (0 = any), on the system clock. */
    public static GitHubSandbox startOnPorts(int apiPort, int controlPort) {
        return new GitHubSandbox(Clock.systemUTC(), apiPort, controlPort);
    }

    /** The REST API root, what {@code GITHUB_API_URL} should be set to. */
    public URI apiUrl() {
        return server.baseUri();
    }

    /**
     * The control API's root ({@code GET /_sandbox/state}, {@code POST /_sandbox/actions}): its own
     * loopback port, no authentication. See {@link ControlServer}.
     */
    public URI controlUrl() {
        return control.baseUri();
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

    /**
     * Installs the App on an account ({@code "Organization"} or {@code "User"}) with access to all its
     * repositories; returns the new installation id. Installing again after an uninstall is a new
     * installation (new id) that sees the account's surviving repositories, as on GitHub.
     */
    public long install(String login, String type) {
        return install(login, type, 0, 0);
    }

    /** Installs on a new or existing account that gets {@code repositories} new repositories of {@code commits} commits each. */
    public long install(String login, String type, int repositories, int commits) {
        return mutate(events -> {
            Model.Installation installation = newInstallation(ids.incrementAndGet(), account(login, type, null));
            for (int i = 1; i <= repositories; i++) {
                Model.Repo repo = newRepo(ids.incrementAndGet(), installation, freeName(installation.account, "repo-" + i), clock.instant());
                content.commits(repo, repo.defaultBranch, java.util.stream.IntStream.rangeClosed(1, commits)
                        .mapToObj(c -> "Commit " + c).toList(), actor);
            }
            events.add(payloads.installation("created", installation, app, reposOf(installation.id), actor));
            return installation.id;
        });
    }

    /**
     * Installs with GitHub's own ids, to replay captured deliveries against a sandbox that agrees: the
     * repositories are created empty, as the {@code installation.created} payload describes them.
     */
    public long install(String login, String type, Long accountId, long installationId, List<RepoSeed> repositories) {
        return mutate(events -> {
            if (installations.containsKey(installationId)) {
                throw new IllegalArgumentException("installation " + installationId + " already exists");
            }
            Model.Installation installation = newInstallation(reserve(installationId), account(login, type, accountId));
            for (RepoSeed seed : repositories) {
                if (repoById(seed.id()).isPresent() || findRepo(login, seed.name()).isPresent()) {
                    throw new IllegalArgumentException("repository " + seed.id() + " " + seed.name() + " already exists");
                }
                newRepo(reserve(seed.id()), installation, seed.name(), seed.createdAt());
            }
            events.add(payloads.installation("created", installation, app, reposOf(installation.id), actor));
            return installation.id;
        });
    }

    /** A repository as a recorded payload describes it: GitHub's id, its name (without owner), its creation time. */
    public record RepoSeed(long id, String name, Instant createdAt) {
    }

    /**
     * Uninstalls the App from the installation's account and installs it again: two webhooks
     * ({@code installation.deleted}, then {@code installation.created}) and, as on GitHub, a new installation
     * id, which sees the account's repositories. Returns the new id.
     */
    public long reinstall(long installationId) {
        Model.Account account;
        synchronized (this) {
            account = installation(installationId).account;
        }
        uninstall(installationId);
        return install(account.login(), account.type());
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
            if (findRepo(installation.account.login(), name).isPresent()) {
                throw new IllegalArgumentException(installation.account.login() + "/" + name + " already exists");
            }
            Model.Repo repo = newRepo(ids.incrementAndGet(), installation, name, clock.instant());
            events.add(payloads.repository("created", repo, actor, installationId, null));
            return repo.fullName();
        });
    }

    public String renameRepo(String fullName, String newName) {
        return mutate(events -> {
            Model.Repo repo = repo(fullName);
            if (findRepo(repo.owner.login(), newName).isPresent()) {
                throw new IllegalArgumentException(repo.owner.login() + "/" + newName + " already exists");
            }
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

    /**
     * Moves the repository to the account of another installation, which then sees it; it keeps its id.
     * Sends one {@code repository.transferred} (to the new installation); returns the new full name.
     */
    public String transferRepo(String fullName, long toInstallationId) {
        return mutate(events -> {
            Model.Repo repo = repo(fullName);
            Model.Installation target = installation(toInstallationId);
            if (findRepo(target.account.login(), repo.name).isPresent()) {
                throw new IllegalArgumentException(target.account.login() + "/" + repo.name + " already exists");
            }
            ObjectNode changes = JsonNodeFactory.instance.objectNode();
            changes.putObject("owner").putObject("from").set(
                    "Organization".equals(repo.owner.type()) ? "organization" : "user", shapes().user(repo.owner));
            repo.owner = target.account;
            repo.installationId = target.id;
            repo.updatedAt = clock.instant();
            events.add(payloads.repository("transferred", repo, actor, changes));
            return repo.fullName();
        });
    }

    /** Archives (read-only) or unarchives: {@code repository.archived} / {@code unarchived}. */
    public void archiveRepo(String fullName, boolean archived) {
        mutate(events -> {
            Model.Repo repo = repo(fullName);
            repo.archived = archived;
            repo.updatedAt = clock.instant();
            events.add(payloads.repository(archived ? "archived" : "unarchived", repo, actor, null));
            return null;
        });
    }

    /** Makes an existing branch the default: {@code repository.edited} with {@code changes.default_branch.from}. */
    public void setDefaultBranch(String fullName, String branch) {
        mutate(events -> {
            Model.Repo repo = repo(fullName);
            repo.branch(branch);
            ObjectNode changes = JsonNodeFactory.instance.objectNode();
            changes.putObject("default_branch").put("from", repo.defaultBranch);
            repo.defaultBranch = branch;
            repo.updatedAt = clock.instant();
            events.add(payloads.repository("edited", repo, actor, changes));
            return null;
        });
    }

    /** Gives the installation access to a repository of its account: {@code installation_repositories.added}. */
    public void addRepoToInstallation(long installationId, String fullName) {
        mutate(events -> {
            Model.Installation installation = installation(installationId);
            Model.Repo repo = repo(fullName);
            if (!repo.owner.equals(installation.account)) {
                throw new IllegalArgumentException(fullName + " is not in " + installation.account.login() + "'s account");
            }
            repo.installationId = installationId;
            installation.repositorySelection = "selected";
            events.add(payloads.installationRepositories("added", installation, app, repo, actor));
            return null;
        });
    }

    /** Takes access away: the repository still exists on GitHub, but the installation's tokens no longer see it. */
    public void removeRepoFromInstallation(long installationId, String fullName) {
        mutate(events -> {
            Model.Installation installation = installation(installationId);
            Model.Repo repo = repo(fullName);
            if (repo.installationId != installationId) {
                throw new IllegalArgumentException(fullName + " is not in installation " + installationId);
            }
            repo.installationId = Model.NO_INSTALLATION;
            installation.repositorySelection = "selected";
            events.add(payloads.installationRepositories("removed", installation, app, repo, actor));
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
        return mutate(events -> content.push(repo(fullName), branch, List.of(messages), actor, events));
    }

    /**
     * Rewrites {@code branch}: drops its newest {@code dropCommits} commits, then adds one commit per
     * message (a push with {@code forced: true}); returns the new SHAs, oldest first.
     */
    public List<String> forcePush(String fullName, String branch, int dropCommits, String... messages) {
        return mutate(events -> content.forcePush(repo(fullName), branch, dropCommits, List.of(messages), actor, events));
    }

    public int openIssue(String fullName, String title) {
        return openIssue(fullName, title, null, List.of());
    }

    public int openIssue(String fullName, String title, String body, List<String> labels) {
        return mutate(events -> content.open(repo(fullName), title, body, labels, null, actor, events));
    }

    /** Retitles an issue or pull request ({@code edited}, with {@code changes.title.from}). */
    public void editIssue(String fullName, int number, String title) {
        editIssue(fullName, number, title, null, null);
    }

    /** Sets what is not null: title and body ({@code edited}), labels (names; {@code labeled}). */
    public void editIssue(String fullName, int number, String title, String body, List<String> labels) {
        mutate(events -> {
            content.edit(repo(fullName), number, title, body, labels, actor, events);
            return null;
        });
    }

    /** Sets the assignees (users, created if new): {@code assigned}. */
    public void assignIssue(String fullName, int number, String... logins) {
        mutate(events -> {
            content.assign(repo(fullName), number, List.of(logins), actor, events);
            return null;
        });
    }

    /** Closes an issue or pull request (unmerged). */
    public void closeIssue(String fullName, int number) {
        mutate(events -> {
            content.close(repo(fullName), number, actor, events);
            return null;
        });
    }

    /** Deletes an issue ({@code issues.deleted}); GitHub cannot delete pull requests. */
    public void deleteIssue(String fullName, int number) {
        mutate(events -> {
            content.delete(repo(fullName), number, actor, events);
            return null;
        });
    }

    public int openPullRequest(String fullName, String title, String head, String base) {
        return openPullRequest(fullName, title, head, base, null, false);
    }

    public int openPullRequest(String fullName, String title, String head, String base, String body, boolean draft) {
        Model.PullInfo pull = new Model.PullInfo(head, base);
        pull.draft = draft;
        return mutate(events -> content.open(repo(fullName), title, body, List.of(), pull, actor, events));
    }

    /** Merges the head branch's commits into the base branch with a merge commit, and closes the PR. */
    public void mergePullRequest(String fullName, int number) {
        mutate(events -> {
            content.merge(repo(fullName), number, actor, events);
            return null;
        });
    }

    /**
     * Sets how the webhooks of later mutations are handled, for every thread (the default is
     * {@link WebhookMode#DELIVER}); returns the previous mode.
     */
    public WebhookMode webhookMode(WebhookMode mode) {
        WebhookMode previous = defaultMode;
        defaultMode = java.util.Objects.requireNonNull(mode);
        return previous;
    }

    /** Runs {@code change} (mutations of this sandbox) with its webhooks handled as {@code mode}, on this thread only. */
    public <T> T withWebhooks(WebhookMode mode, Supplier<T> change) {
        return withWebhooks(mode, DEFAULT_DELAY, change);
    }

    /** As {@link #withWebhooks(WebhookMode, Supplier)}; {@code delay} is how long {@link WebhookMode#DELAY} holds each. */
    public <T> T withWebhooks(WebhookMode mode, java.time.Duration delay, Supplier<T> change) {
        WebhookMode previous = modeOverride.get();
        java.time.Duration previousDelay = delayOverride.get();
        modeOverride.set(java.util.Objects.requireNonNull(mode));
        delayOverride.set(java.util.Objects.requireNonNull(delay));
        try {
            return change.get();
        } finally {
            modeOverride.set(previous);
            delayOverride.set(previousDelay);
        }
    }

    /** How long {@link WebhookMode#DELAY} holds a delivery unless told otherwise. */
    public static final java.time.Duration DEFAULT_DELAY = java.time.Duration.ofSeconds(1);

    /**
     * Spends the rest of the installation's primary rate limit: its requests answer 403 with
     * {@code x-ratelimit-remaining: 0} until the window resets, {@code resetIn} from now (GitHub's windows
     * end anywhere within the hour; a short one keeps a test from waiting an hour), or when the current
     * window ends if empty. Returns when it resets.
     */
    public Instant exhaustRateLimit(long installationId, Optional<java.time.Duration> resetIn) {
        synchronized (this) {
            installation(installationId);
        }
        Instant now = clock.instant();
        RateBudget budget = budget(installationId);
        budget.exhaust(now, resetIn.map(now::plus));
        return budget.snapshot(now).resetAt();
    }

    /** A fresh window for the installation now: its whole limit again (as if the hour had passed). */
    public void resetRateLimit(long installationId) {
        synchronized (this) {
            installation(installationId);
        }
        budget(installationId).reset(clock.instant());
    }

    /** Search API requests the installation was charged for (its separate search budget). */
    public long searchRequests(long installationId) {
        return searchBudget(installationId).spentTotal();
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
    public Instant rateLimitReset(long installationId) {
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
        control.stop();
        server.stop();
        webhooks.close();
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
        return repos.stream().filter(r -> r.visibleTo(installationId)).toList();
    }

    /**
     * The repository's default branch (the control API's default, and the branch the local demo pushes to);
     * an unknown repository throws {@link UnknownEntityException}.
     */
    public synchronized String defaultBranch(String fullName) {
        return repo(fullName).defaultBranch;
    }

    synchronized long repoId(String fullName) {
        return repo(fullName).id;
    }

    Optional<Model.Repo> repoById(long id) {
        return repos.stream().filter(r -> !r.deleted && r.id == id).findFirst();
    }

    boolean accountExists(String login) {
        return accounts.keySet().stream().anyMatch(login::equalsIgnoreCase);
    }

    RateBudget searchBudget(long installationId) {
        return budgets.searchOf(installationId);
    }

    List<Model.Installation> allInstallations() {
        return List.copyOf(installations.values());
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
        WebhookMode mode = Optional.ofNullable(modeOverride.get()).orElse(defaultMode);
        java.time.Duration delay = Optional.ofNullable(delayOverride.get()).orElse(DEFAULT_DELAY);
        events.forEach(e -> webhooks.emit(e.name(), e.payload(), e.installationId(), e.repositoryId(), mode, delay));
        return result;
    }

    private void setSuspended(long installationId, boolean suspended) {
        mutate(events -> {
            Model.Installation installation = installation(installationId);
            installation.suspendedAt = suspended ? clock.instant() : null;
            events.add(payloads.installation(suspended ? "suspend" : "unsuspend", installation, app, reposOf(installationId), actor));
            return null;
        });
    }

    /** A new installation sees the account's repositories that no active installation holds (a reinstall). */
    private Model.Installation newInstallation(long id, Model.Account account) {
        Model.Installation installation = new Model.Installation(id, account, clock.instant());
        installations.put(installation.id, installation);
        budgets.register(installation.id);
        repos.stream().filter(r -> !r.deleted && r.owner.equals(account)
                && activeInstallation(r.installationId).isEmpty()).forEach(r -> r.installationId = id);
        return installation;
    }

    private Model.Repo newRepo(long id, Model.Installation installation, String name, Instant createdAt) {
        Model.Repo repo = new Model.Repo(id, installation.account, installation.id, name, createdAt);
        repos.add(repo);
        return repo;
    }

    private String freeName(Model.Account account, String wanted) {
        String name = wanted;
        for (int i = 2; findRepo(account.login(), name).isPresent(); i++) {
            name = wanted + "-" + i;
        }
        return name;
    }

    /** Takes an id given from outside (a recorded payload's), so generated ids never collide with it. */
    private long reserve(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("ids are positive: " + id);
        }
        ids.accumulateAndGet(id, Math::max);
        return id;
    }

    private Model.Account account(String login, String type) {
        return account(login, type, null);
    }

    private Model.Account account(String login, String type, Long id) {
        if (!"Organization".equals(type) && !"User".equals(type)) {
            throw new IllegalArgumentException("an account is an Organization or a User, not " + type);
        }
        return accounts.computeIfAbsent(login, l -> new Model.Account(l, id == null ? ids.incrementAndGet() : reserve(id), type));
    }

    private Model.Installation installation(long id) {
        return activeInstallation(id).orElseThrow(() -> new UnknownEntityException("no installation " + id));
    }

    private Model.Repo repo(String fullName) {
        String[] parts = fullName.split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a repository is named owner/name, not " + fullName);
        }
        return findRepo(parts[0], parts[1]).orElseThrow(() -> new UnknownEntityException("no repository " + fullName));
    }
}
