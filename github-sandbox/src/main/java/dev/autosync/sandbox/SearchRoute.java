package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code GET /search/issues} over the repositories the calling installation can see: the qualifiers
 * autosync's change detection uses ({@code org:}, {@code user:}, {@code repo:}, {@code is:issue},
 * {@code is:pr}, {@code is:open}, {@code is:closed}, {@code updated:} with {@code >=}, {@code >},
 * {@code <=}, {@code <}, a day or a range) plus free words matched against title and body. At most
 * 1,000 results are reachable, as on GitHub; {@code total_count} still counts every match. Charged to the
 * installation's search budget (see {@link RateBudgets}).
 *
 * @see <a href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">Search issues and pull requests</a>
 * @see <a href="https://docs.github.com/en/search-github/searching-on-github/searching-issues-and-pull-requests">Search qualifiers</a>
 */
final class SearchRoute {

    /** GitHub serves only the first 1,000 results of any search. */
    static final int MAX_RESULTS = 1000;
    private static final int DEFAULT_PER_PAGE = 30;
    private static final int MAX_PER_PAGE = 100;

    private record Hit(Model.Repo repo, Model.Issue issue) {
    }

    private final GitHubSandbox sandbox;

    SearchRoute(GitHubSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Reply issues(Routes.Call call) {
        String q = call.query().getOrDefault("q", "").trim();
        if (q.isEmpty()) {
            throw new ApiError(422, "Validation Failed");
        }
        int perPage = Math.max(1, Math.min(MAX_PER_PAGE, Paging.intParam(call.query(), "per_page", DEFAULT_PER_PAGE)));
        int page = Math.max(1, Paging.intParam(call.query(), "page", 1));
        if ((long) page * perPage > MAX_RESULTS) {
            throw new ApiError(422, "Only the first 1000 search results are available");
        }
        List<Predicate<Model.Repo>> scopes = new ArrayList<>();
        Predicate<Hit> filter = hit -> true;
        for (String term : q.split("\\s+")) {
            int colon = term.indexOf(':');
            String key = colon < 0 ? "" : term.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? term : term.substring(colon + 1);
            switch (key) {
                case "org", "user" -> scopes.add(owner(value));
                case "repo" -> scopes.add(repository(value));
                case "is", "type", "state" -> filter = filter.and(kind(value.toLowerCase(Locale.ROOT)));
                case "updated" -> filter = filter.and(updated(value));
                case "" -> filter = filter.and(word(value.toLowerCase(Locale.ROOT)));
                default -> { } // other qualifiers narrow nothing the sandbox models
            }
        }
        Predicate<Model.Repo> inScope = scopes.isEmpty() ? r -> true : scopes.stream().reduce(r -> false, Predicate::or);
        Predicate<Hit> keep = filter;
        List<Hit> hits = sandbox.reposOf(call.installationId()).stream().filter(inScope)
                .flatMap(r -> r.issues.stream().map(i -> new Hit(r, i))).filter(keep)
                .sorted(order(call)).toList();
        List<Hit> reachable = hits.subList(0, Math.min(MAX_RESULTS, hits.size()));
        Shapes shapes = sandbox.shapes();
        return Reply.wrappedList(Routes.lazily(reachable, h -> item(shapes, h)), items -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("total_count", hits.size())
                    .put("incomplete_results", false).put("search_type", "lexical");
            body.set("items", items);
            return body;
        });
    }

    private static JsonNode item(Shapes shapes, Hit hit) {
        return shapes.issue(hit.repo(), hit.issue()).put("score", 1.0);
    }

    /** {@code org:} and {@code user:} name an account; one the App cannot see is a 422, as on GitHub. */
    private Predicate<Model.Repo> owner(String login) {
        if (!sandbox.accountExists(login)) {
            throw cannotSearch();
        }
        return r -> r.owner.login().equalsIgnoreCase(login);
    }

    private Predicate<Model.Repo> repository(String fullName) {
        String[] parts = fullName.split("/", 2);
        if (parts.length != 2 || sandbox.findRepo(parts[0], parts[1]).isEmpty()) {
            throw cannotSearch();
        }
        return r -> r.fullName().equalsIgnoreCase(fullName);
    }

    private static ApiError cannotSearch() {
        return new ApiError(422, "The listed users and repositories cannot be searched either because the "
                + "resources do not exist or you do not have permission to view them.");
    }

    private static Predicate<Hit> kind(String value) {
        return switch (value) {
            case "issue" -> h -> !h.issue().isPull();
            case "pr", "pull-request" -> h -> h.issue().isPull();
            case "open", "closed" -> h -> value.equals(h.issue().state);
            case "merged" -> h -> h.issue().isPull() && h.issue().pull.mergedAt != null;
            default -> h -> true;
        };
    }

    /** {@code updated:>=T}, {@code >T}, {@code <=T}, {@code <T}, {@code A..B}, or a day / instant {@code T}. */
    private static Predicate<Hit> updated(String value) {
        Predicate<Instant> test;
        if (value.startsWith(">=")) {
            Instant from = Routes.timestamp(value.substring(2));
            test = t -> !t.isBefore(from);
        } else if (value.startsWith("<=")) {
            Instant to = Routes.timestamp(value.substring(2));
            test = t -> !t.isAfter(to);
        } else if (value.startsWith(">")) {
            Instant from = Routes.timestamp(value.substring(1));
            test = t -> t.isAfter(from);
        } else if (value.startsWith("<")) {
            Instant to = Routes.timestamp(value.substring(1));
            test = t -> t.isBefore(to);
        } else if (value.contains("..")) {
            Instant from = Routes.timestamp(value.substring(0, value.indexOf("..")));
            Instant to = Routes.timestamp(value.substring(value.indexOf("..") + 2));
            test = t -> !t.isBefore(from) && !t.isAfter(to);
        } else {
            Instant at = Routes.timestamp(value);
            Instant end = value.contains("T") ? at : at.plus(Duration.ofDays(1)).minusNanos(1);
            test = t -> !t.isBefore(at) && !t.isAfter(end);
        }
        // GitHub compares at second precision, as updated_at is rendered.
        return h -> test.test(h.issue().updatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static Predicate<Hit> word(String word) {
        return h -> h.issue().title.toLowerCase(Locale.ROOT).contains(word)
                || (h.issue().body != null && h.issue().body.toLowerCase(Locale.ROOT).contains(word));
    }

    /** {@code sort=updated|created|comments}, {@code order=desc} by default; best match is taken as newest first. */
    private static Comparator<Hit> order(Routes.Call call) {
        Comparator<Hit> order = switch (call.query().getOrDefault("sort", "")) {
            case "updated" -> Comparator.comparing((Hit h) -> h.issue().updatedAt);
            case "comments" -> Comparator.comparingInt((Hit h) -> h.issue().comments);
            default -> Comparator.comparing((Hit h) -> h.issue().createdAt);
        };
        order = order.thenComparingLong(h -> h.issue().id);
        return "asc".equals(call.query().get("order")) ? order : order.reversed();
    }
}
