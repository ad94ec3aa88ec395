package dev.autosync.api;

import dev.autosync.api.Route.Access;
import dev.autosync.store.CommitFilter;
import dev.autosync.store.IssueState;
import dev.autosync.store.PageRequest;
import dev.autosync.store.PullState;
import dev.autosync.store.Repository;
import dev.autosync.store.StoreQueries;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The synced GitHub data: installations, repositories and, per repository, commits, issues, pulls, contributors. */
final class DataEndpoints {

    private static final String REPOSITORY = "/api/repositories/{github_id}";
    /**
     * A GitHub login: at most 39 letters, digits and hyphens, or an App's bot account ({@code name[bot]}).
     * Anything else could name an e-mail-keyed author ({@code email:...}) and confirm an address the API
     * never shows.
     */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9-]{1,39}(\\[bot])?");
    /** Git allows long ref names; GitHub's UI stops at 255. */
    private static final int MAX_BRANCH = 255;
    private static final Set<String> ISSUE_STATES = Set.of("open", "closed", "all");
    private static final Set<String> PULL_STATES = Set.of("open", "closed", "merged", "all");

    private final StoreQueries store;
    private final Paging paging;

    DataEndpoints(StoreQueries store, Paging paging) {
        this.store = store;
        this.paging = paging;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/installations", Access.TOKEN, "listInstallations", this::installations),
                Route.get("/api/repositories", Access.TOKEN, "listRepositories", this::repositories),
                Route.get(REPOSITORY, Access.TOKEN, "getRepository", call -> ApiResponse.ok(RepositoryJson.repository(repository(call.params())))),
                Route.get(REPOSITORY + "/commits", Access.TOKEN, "listCommits", this::commits),
                Route.get(REPOSITORY + "/issues", Access.TOKEN, "listIssues", this::issues),
                Route.get(REPOSITORY + "/pulls", Access.TOKEN, "listPulls", this::pulls),
                Route.get(REPOSITORY + "/contributors", Access.TOKEN, "listContributors", this::contributors));
    }

    /** The repository the path names; 404 when it does not exist (or was deleted). */
    Repository repository(Params params) {
        long id = params.pathId("github_id");
        return store.repository(id).orElseThrow(() -> new ResourceNotFoundException("no repository " + id));
    }

    private ApiResponse installations(Call call) {
        return list(call, "installations", Map.of(), store::installations, RepositoryJson::installation);
    }

    private ApiResponse repositories(Call call) {
        Optional<Long> installation = call.params().queryId("installation_id");
        Map<String, String> filters = filters("installation_id", installation);
        return list(call, "repositories", filters, page -> store.repositories(installation, page), RepositoryJson::repository);
    }

    private ApiResponse commits(Call call) {
        Params params = call.params();
        Repository repository = repository(params);
        long id = repository.githubId();
        Optional<Instant> since = params.instant("since");
        Optional<Instant> until = params.instant("until");
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw new InvalidParameterException("since", "must not be after until");
        }
        Optional<String> author = params.text("author").map(login -> {
            if (!LOGIN.matcher(login).matches()) {
                throw new InvalidParameterException("author", "must be a GitHub login (letters, digits and hyphens, at most 39)");
            }
            return login.toLowerCase(Locale.ROOT);
        });
        CommitFilter filter = new CommitFilter(params.text("branch", MAX_BRANCH), since, until, author);
        Map<String, String> filters = new TreeMap<>(filters("branch", filter.branch()));
        filters.putAll(filters("since", since));
        filters.putAll(filters("until", until));
        filters.putAll(filters("author", author));
        return list(call, "commits", filters, page -> store.commits(id, filter, page),
                commit -> ActivityJson.commit(commit, repository.htmlUrl()));
    }

    private ApiResponse issues(Call call) {
        long id = repository(call.params()).githubId();
        String state = call.params().oneOf("state", ISSUE_STATES).orElse("all");
        IssueState filter = IssueState.valueOf(state.toUpperCase(Locale.ROOT));
        return list(call, "issues", Map.of("state", state), page -> store.issues(id, filter, page), ActivityJson::issue);
    }

    private ApiResponse pulls(Call call) {
        long id = repository(call.params()).githubId();
        String state = call.params().oneOf("state", PULL_STATES).orElse("all");
        PullState filter = PullState.valueOf(state.toUpperCase(Locale.ROOT));
        return list(call, "pulls", Map.of("state", state), page -> store.pulls(id, filter, page), ActivityJson::pull);
    }

    private ApiResponse contributors(Call call) {
        long id = repository(call.params()).githubId();
        return list(call, "contributors", Map.of(), page -> store.contributors(id, page), ActivityJson::contributor);
    }

    private <T> ApiResponse list(Call call, String name, Map<String, String> filters,
                                 Function<PageRequest, dev.autosync.store.Page<T>> query, Function<T, ?> view) {
        // Cursors of a repository's lists are also bound to the repository.
        Map<String, String> bound = new TreeMap<>(filters);
        if (call.pathParameters().containsKey("github_id")) {
            bound.put("github_id", Long.toString(call.params().pathId("github_id")));
        }
        PageRequest page = paging.request(call.params(), name, bound);
        return ApiResponse.ok(paging.body(name, bound, query.apply(page), view));
    }

    static Map<String, String> filters(String name, Optional<?> value) {
        return value.map(v -> Map.of(name, v.toString())).orElse(Map.of());
    }
}
