package dev.autosync.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.api.Route.Access;
import dev.autosync.api.analytics.AnalyticsCalculator;
import dev.autosync.api.analytics.Facts.CommitCount;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import dev.autosync.common.Json;
import dev.autosync.store.ActivityRollups;
import dev.autosync.store.IssueState;
import dev.autosync.store.Repository;
import dev.autosync.store.StoreQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /api/repositories/{github_id}/analytics?days=}: reads the window's commits as per-day counts by
 * author ({@link ActivityRollups}: bounded work per request, {@code complete} false when some days could not
 * be brought up to date — the next request goes on), the open and the closed issues and the merged pull
 * requests (Queries on the repository's partitions, projected to the few attributes the facts need), then
 * leaves the arithmetic to {@link AnalyticsCalculator}.
 */
final class AnalyticsEndpoint {

    static final int DEFAULT_DAYS = 90;
    static final int MIN_DAYS = 7;
    static final int MAX_DAYS = 365;

    private final StoreQueries store;
    private final ActivityRollups activity;
    private final Function<Params, Repository> repositories;
    private final Clock clock;

    AnalyticsEndpoint(StoreQueries store, ActivityRollups activity, Function<Params, Repository> repositories,
                      Clock clock) {
        this.store = store;
        this.activity = activity;
        this.repositories = repositories;
        this.clock = clock;
    }

    Route route() {
        return Route.get("/api/repositories/{github_id}/analytics", Access.TOKEN, "getAnalytics", this::analytics);
    }

    private ApiResponse analytics(Call call) {
        int days = call.params().optionalInt("days", MIN_DAYS, MAX_DAYS).orElse(DEFAULT_DAYS);
        Repository repository = repositories.apply(call.params());
        long id = repository.githubId();
        Instant now = clock.instant();
        Instant since = AnalyticsCalculator.commitsSince(now, days);
        // The calculation cuts the commits at the window's start and at the active contributors' one.
        ActivityRollups.Commits counted = activity.commits(id, now, since,
                List.of(now.minus(Duration.ofDays(days)), now.minus(Duration.ofDays(AnalyticsCalculator.ACTIVE_DAYS))));
        List<CommitCount> commits = counted.tallies().stream()
                .map(tally -> new CommitCount(tally.author(), tally.from(), tally.commits())).toList();
        List<IssueFact> issues = new ArrayList<>();
        for (IssueState state : List.of(IssueState.OPEN, IssueState.CLOSED)) {
            Paging.all(page -> store.issueFacts(id, state, page)).stream().filter(issue -> issue.createdAt() != null)
                    .forEach(issue -> issues.add(new IssueFact(issue.createdAt(), Optional.ofNullable(issue.closedAt()),
                            issue.open())));
        }
        List<PullFact> pulls = Paging.all(page -> store.mergedPullFacts(id, page)).stream()
                .filter(pull -> pull.createdAt() != null).map(pull -> new PullFact(pull.createdAt(), Optional.ofNullable(pull.mergedAt()), pull.open())).toList();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("github_id", id);
        body.put("full_name", repository.fullName());
        body.setAll((ObjectNode) Json.mapper().valueToTree(
                AnalyticsCalculator.computeFromCounts(now, days, commits, issues, pulls)));
        body.put("complete", counted.complete());
        return ApiResponse.ok(body);
    }
}
