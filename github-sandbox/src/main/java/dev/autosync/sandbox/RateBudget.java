package dev.autosync.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A primary rate-limit window: {@code limit} points per hour, one per request that is not answered
 * with 304. Guarded by its owner's monitor.
 */
final class RateBudget {

    private int limit;
    private int used;
    private long spentTotal;
    private Instant resetAt;

    RateBudget(int limit, Instant now) {
        this.limit = limit;
        this.resetAt = now.plus(Duration.ofHours(1));
    }

    synchronized void configure(int newLimit, Instant now) {
        limit = newLimit;
        used = 0;
        resetAt = now.plus(Duration.ofHours(1));
    }

    synchronized boolean exhausted(Instant now) {
        roll(now);
        return used >= limit;
    }

    synchronized void spend(Instant now) {
        roll(now);
        used++;
        spentTotal++;
    }

    synchronized Snapshot snapshot(Instant now) {
        roll(now);
        return new Snapshot(limit, Math.max(0, limit - used), used, resetAt);
    }

    /** Points spent since the sandbox started, across windows. */
    synchronized long spentTotal() {
        return spentTotal;
    }

    private void roll(Instant now) {
        if (!now.isBefore(resetAt)) {
            used = 0;
            resetAt = now.plus(Duration.ofHours(1));
        }
    }

    record Snapshot(int limit, int remaining, int used, Instant resetAt) {
    }
}
