package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints the sandbox serves, each answering from the sandbox's state. Called with the sandbox's
 * monitor held.
 */
final class Routes {

    /** One request as a route sees it. */
    record Call(Matcher path, Map<String, String> query, long installationId, Instant now) {
        /** A path parameter, percent-decoded (a branch {@code feature/x} arrives as {@code feature%2Fx}). */
        String param(String name) {
            return java.net.URLDecoder.decode(path.group(name).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    interface Handler {
        Reply handle(Call call);
    }

    /**
     * A route; {@code app} routes take the App JWT, the others an installation token; {@code search}
     * routes are charged to the installation's search budget instead of its core budget.
     */
    record Route(String method, Pattern pattern, boolean app, boolean search, Handler handler) {
    }

    record Match(Route route, Matcher params) {
    }

    private static final String REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";

    private final GitHubSandbox sandbox;
    private final Tokens tokens;
    private final List<Route> routes = new ArrayList<>();

    Routes(GitHubSandbox sandbox, Tokens tokens) {
        this.sandbox = sandbox;
        this.tokens = tokens;
        app("GET", "/app/installations", this::installations);
        app("GET", "/app/installations/(?<id>\\d+)", this::installation);
        app("POST", "/app/installations/(?<id>\\d+)/access_tokens", this::accessToken);
        app("GET", "/app/hook/deliveries", this::deliveries);
        app("POST", "/app/hook/deliveries/(?<id>\\d+)/attempts", this::redeliver);
        installation("GET", "/installation/repositories", this::repositories);
        installation("GET", "/repositories/(?<id>\\d+)", this::repositoryById);
        routes.add(new Route("GET", Pattern.compile("/search/issues"), false, true, new SearchRoute(sandbox)::issues));
        installation("GET", REPO, c -> Reply.of(200, shapes().repository(repo(c))));
        installation("GET", REPO + "/commits", this::commits);
        installation("GET", REPO + "/issues", this::issues);
        installation("GET", REPO + "/issues/(?<number>\\d+)", this::issue);
        installation("GET", REPO + "/pulls", this::pulls);
        installation("GET", REPO + "/contributors", this::contributors);
        installation("GET", REPO + "/compare/(?<base>[^/]+?)\\.\\.\\.(?<head>[^/]+)", this::compare);
    }

    Optional<Match> match(String method, String path) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                return Optional.of(new Match(route, matcher));
            }
        }
        return Optional.empty();
    }

    private Reply installations(Call call) {
        return Reply.list(lazily(sandbox.activeInstallations(), i -> shapes().installation(i, sandbox.app())));
    }

    private Reply installation(Call call) {
        return Reply.of(200, shapes().installation(installationOf(call), sandbox.app()));
    }

    private Reply accessToken(Call call) {
        Model.Installation installation = installationOf(call);
        if (installation.suspendedAt != null) {
            throw new ApiError(403, "This installation has been suspended");
        }
        Tokens.Issued issued = tokens.issue(installation.id, call.now());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("token", issued.token())
                .put("expires_at", Shapes.iso(issued.expiresAt())).put("repository_selection", "all");
        body.putObject("permissions").put("metadata", "read").put("contents", "read")
                .put("issues", "read").put("pull_requests", "read");
        return Reply.of(201, body);
    }

    private Reply deliveries(Call call) {
        List<Delivery> all = new ArrayList<>(sandbox.webhooks().deliveries());
        all.sort(Comparator.comparingLong(Delivery::id).reversed());
        return Reply.cursorList(lazily(all, d -> JsonNodeFactory.instance.objectNode()
                .put("id", d.id()).put("guid", d.guid()).put("delivered_at", Shapes.iso(d.deliveredAt()))
                .put("redelivery", d.redelivery()).put("duration", d.durationSeconds())
                .put("status", d.status()).put("status_code", d.statusCode())
                .put("event", d.event()).put("action", d.action())
                .put("installation_id", d.installationId()).put("repository_id", d.repositoryId())
                .putNull("throttled_at")));
    }

    private Reply redeliver(Call call) {
        long id = Long.parseLong(call.param("id"));
        if (sandbox.webhooks().find(id).isEmpty()) {
            throw ApiError.notFound();
        }
        // Sent after the answer on GitHub; here off the monitor so a receiver may call back.
        Thread sender = new Thread(() -> sandbox.webhooks().redeliver(id), "github-sandbox-redelivery");
        sender.setDaemon(true);
        sender.start();
        return Reply.of(202, JsonNodeFactory.instance.objectNode());
    }

    private Reply repositories(Call call) {
        List<Supplier<JsonNode>> repos = lazily(sandbox.reposOf(call.installationId()), r -> shapes().repository(r));
        return Reply.wrappedList(repos, page -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("total_count", repos.size())
                    .put("repository_selection", "all");
            body.set("repositories", page);
            return body;
        });
    }

    /** {@code GET /repositories/{id}}: survives renames and transfers; 404 once deleted or out of the installation. */
    private Reply repositoryById(Call call) {
        long id = Long.parseLong(call.param("id"));
        return sandbox.repoById(id).filter(r -> r.visibleTo(call.installationId()))
                .map(r -> Reply.of(200, shapes().repository(r))).orElseThrow(ApiError::notFound);
    }

    /**
     * {@code GET /repos/{owner}/{repo}/contributors}: the default branch's commit authors, most commits first
     * (autosync never calls it; the benchmark does, to price the seed system's per-repository polling).
     */
    private Reply contributors(Call call) {
        Model.Repo repo = repo(call);
        List<Model.Commit> history = History.upTo(repo, repo.defaultBranch).orElse(List.of());
        Map<Model.Account, Long> counts = new java.util.LinkedHashMap<>();
        history.forEach(c -> counts.merge(c.author(), 1L, Long::sum));
        List<Map.Entry<Model.Account, Long>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<Model.Account, Long>comparingByValue().reversed());
        return Reply.list(lazily(ranked, e -> shapes().user(e.getKey()).put("contributions", e.getValue())));
    }

    private Reply commits(Call call) {
        Model.Repo repo = repo(call);
        String ref = call.query().getOrDefault("sha", repo.defaultBranch);
        List<Model.Commit> history = History.upTo(repo, ref).orElseThrow(ApiError::notFound);
        if (history.isEmpty()) {
            throw new ApiError(409, "Git Repository is empty.");
        }
        Predicate<Model.Commit> window = since(call, Model.Commit::at).and(until(call, Model.Commit::at));
        List<Model.Commit> newestFirst = new ArrayList<>(history);
        java.util.Collections.reverse(newestFirst);
        return Reply.list(lazily(newestFirst.stream().filter(window).toList(), c -> shapes().commit(repo, c)));
    }

    private Reply issues(Call call) {
        Model.Repo repo = repo(call);
        Predicate<Model.Issue> keep = state(call).and(since(call, i -> i.updatedAt));
        return Reply.list(lazily(sorted(call, repo).stream().filter(keep).toList(), i -> shapes().issue(repo, i)));
    }

    /** One issue or pull request by number, as GitHub's issues endpoint answers for both; 404 once deleted. */
    private Reply issue(Call call) {
        Model.Repo repo = repo(call);
        int number = Integer.parseInt(call.param("number"));
        return repo.issues.stream().filter(i -> i.number == number).findFirst()
                .map(i -> Reply.of(200, shapes().issue(repo, i)))
                .orElseThrow(ApiError::notFound);
    }

    private Reply pulls(Call call) {
        Model.Repo repo = repo(call);
        Predicate<Model.Issue> keep = state(call).and(Model.Issue::isPull);
        return Reply.list(lazily(sorted(call, repo).stream().filter(keep).toList(), i -> shapes().pull(repo, i)));
    }

    private Reply compare(Call call) {
        Model.Repo repo = repo(call);
        return History.compare(repo, call.param("base"), call.param("head"))
                .map(c -> Reply.of(200, shapes().comparison(repo, call.param("base") + "..." + call.param("head"),
                        c.base(), c.mergeBase(), c.ahead(), c.behindBy())))
                .orElseThrow(ApiError::notFound);
    }

    private List<Model.Issue> sorted(Call call, Model.Repo repo) {
        Comparator<Model.Issue> order = "updated".equals(call.query().get("sort"))
                ? Comparator.comparing((Model.Issue i) -> i.updatedAt).thenComparingInt(i -> i.number)
                : Comparator.comparingInt(i -> i.number);
        if (!"asc".equals(call.query().get("direction"))) {
            order = order.reversed();
        }
        return repo.issues.stream().sorted(order).toList();
    }

    private static Predicate<Model.Issue> state(Call call) {
        String state = call.query().getOrDefault("state", "open");
        return i -> "all".equals(state) || state.equals(i.state);
    }

    private static <T> Predicate<T> since(Call call, java.util.function.Function<T, Instant> time) {
        String since = call.query().get("since");
        if (since == null) {
            return x -> true;
        }
        Instant from = timestamp(since);
        return x -> !time.apply(x).isBefore(from);
    }

    private static <T> Predicate<T> until(Call call, Function<T, Instant> time) {
        String until = call.query().get("until");
        if (until == null) {
            return x -> true;
        }
        Instant to = timestamp(until);
        return x -> !time.apply(x).isAfter(to);
    }

    /** GitHub's ISO 8601 query timestamps: {@code YYYY-MM-DDTHH:MM:SSZ}; a malformed one is a 422. */
    static Instant timestamp(String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                throw new ApiError(422, "Invalid value for parameter: " + value);
            }
        }
    }

    /** Renders each item only if its page is served (under the monitor, like the rest of the call). */
    static <T> List<Supplier<JsonNode>> lazily(List<T> items, Function<T, JsonNode> render) {
        return items.stream().map(item -> (Supplier<JsonNode>) () -> render.apply(item)).toList();
    }

    private Model.Installation installationOf(Call call) {
        return sandbox.activeInstallation(Long.parseLong(call.param("id"))).orElseThrow(ApiError::notFound);
    }

    /** The repository, if it exists and the calling installation can see it; else 404, as GitHub hides it. */
    private Model.Repo repo(Call call) {
        return sandbox.findRepo(call.param("owner"), call.param("repo"))
                .filter(r -> r.visibleTo(call.installationId()))
                .orElseThrow(ApiError::notFound);
    }

    private Shapes shapes() {
        return sandbox.shapes();
    }

    private void app(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), true, false, handler));
    }

    private void installation(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), false, false, handler));
    }
}
