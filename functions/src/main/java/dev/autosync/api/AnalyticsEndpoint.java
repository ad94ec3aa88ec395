package dev.autosync.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.api.Route.Access;
import dev.autosync.api.analytics.AnalyticsCalculator;
import dev.autosync.api.analytics.Facts.CommitCount;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import dev.autosync.common.Json;
import dev.autosync.store.ActivityRollups;
import dev.autosync.store.Repository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /api/repositories/{github_id}/analytics?days=}: reads the repository's activity as the store
 * keeps it per period ({@link ActivityRollups}: commits per author and day, issues closed and pull requests
 * merged per day, open issues per month of creation; bounded work per request, {@code complete} false when
 * some periods could not be brought up to date — the next request goes on), then leaves the arithmetic to
 * {@link AnalyticsCalculator}.
 */
final class AnalyticsEndpoint {

    static final int DEFAULT_DAYS = 90;
    static final int MIN_DAYS = 7;
    static final int MAX_DAYS = 365;

    private final ActivityRollups activity;
    private final Function<Params, Repository> repositories;
    private final Clock clock;

    AnalyticsEndpoint(ActivityRollups activity, Function<Params, Repository> repositories, Clock clock) {
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
        Instant windowStart = now.minus(Duration.ofDays(days));
        // The calculation cuts the commits at the window's start and at the active contributors' one.
        ActivityRollups.Activity known = activity.activity(id, now, AnalyticsCalculator.commitsSince(now, days),
                List.of(windowStart, now.minus(Duration.ofDays(AnalyticsCalculator.ACTIVE_DAYS))), windowStart,
                repository.openIssuesCount());
        List<CommitCount> commits = known.commits().stream()
                .map(tally -> new CommitCount(tally.author(), tally.from(), tally.commits())).toList();
        List<IssueFact> closed = new ArrayList<>();
        known.closedIssues().forEach(took -> repeat(took, () -> closed.add(new IssueFact(
                took.at().minusSeconds(took.seconds()), Optional.of(took.at()), false))));
        List<PullFact> merged = new ArrayList<>();
        known.mergedPulls().forEach(took -> repeat(took, () -> merged.add(new PullFact(
                took.at().minusSeconds(took.seconds()), Optional.of(took.at()), false))));
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("github_id", id);
        body.put("full_name", repository.fullName());
        body.setAll((ObjectNode) Json.mapper().valueToTree(AnalyticsCalculator.computeFromCounts(now, days, commits,
                closed, merged, AnalyticsCalculator.openIssues(now, known.open().count(), known.open().middle(),
                        known.open().oldest()))));
        body.put("complete", known.complete());
        return ApiResponse.ok(body);
    }

    /**
     * One fact per issue or pull request a day's figure counts: the calculation takes durations one by one
     * (created {@code seconds} before it was done, so the duration is exact; done at the day's start).
     */
    private static void repeat(ActivityRollups.Took took, Runnable add) {
        for (long i = 0; i < took.count(); i++) {
            add.run();
        }
    }
}
