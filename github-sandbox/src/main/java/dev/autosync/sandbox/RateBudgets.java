package dev.autosync.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The App's own rate-limit budget (JWT requests) and one per installation. */
final class RateBudgets {

    private final Clock clock;
    private final int defaultLimit;
    private final RateBudget app;
    private final Map<Long, RateBudget> installations = new ConcurrentHashMap<>();

    RateBudgets(Clock clock, int defaultLimit) {
        this.clock = clock;
        this.defaultLimit = defaultLimit;
        this.app = new RateBudget(defaultLimit, clock.instant());
    }

    void register(long installationId) {
        installations.put(installationId, new RateBudget(defaultLimit, clock.instant()));
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
