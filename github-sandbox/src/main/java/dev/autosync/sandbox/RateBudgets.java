package dev.autosync.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The App's own rate-limit budget (JWT requests), and per installation a {@code core} budget and a
 * separate {@code search} budget of 30 requests per minute, as GitHub keeps them.
 *
 * @see <a href="https://docs.github.com/en/rest/search/search#rate-limit">Search rate limit</a>
 */
final class RateBudgets {

    private final Clock clock;
    private final int defaultLimit;
    private final RateBudget app;
    /** GitHub's search limit for an authenticated request: 30 a minute. */
    static final int SEARCH_LIMIT = 30;

    private final Map<Long, RateBudget> installations = new ConcurrentHashMap<>();
    private final Map<Long, RateBudget> searches = new ConcurrentHashMap<>();

    RateBudgets(Clock clock, int defaultLimit) {
        this.clock = clock;
        this.defaultLimit = defaultLimit;
        this.app = new RateBudget(defaultLimit, clock.instant());
    }

    void register(long installationId) {
        installations.put(installationId, new RateBudget(defaultLimit, clock.instant()));
        searches.put(installationId, new RateBudget("search", Duration.ofMinutes(1), SEARCH_LIMIT, clock.instant()));
    }

    RateBudget searchOf(long installationId) {
        RateBudget budget = searches.get(installationId);
        if (budget == null) {
            throw new IllegalArgumentException("no installation " + installationId);
        }
        return budget;
    }

    RateBudget app() {
        return app;
    }

    RateBudget of(long installationId) {
        RateBudget budget = installations.get(installationId);
        if (budget == null) {
            throw new IllegalArgumentException("no installation " + installationId);
        }
        return budget;
    }
}
