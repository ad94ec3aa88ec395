package dev.autosync.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A primary rate-limit window: {@code limit} points per window (an hour for {@code core}, a minute for
 * {@code search}), one per request that is not answered with 304.
 */
final class RateBudget {

    private final String resource;
    private final Duration window;
    private int limit;
    private int used;
    private long spentTotal;
    private Instant resetAt;

    RateBudget(int limit, Instant now) {
        this("core", Duration.ofHours(1), limit, now);
    }

    RateBudget(String resource, Duration window, int limit, Instant now) {
        this.resource = resource;
        this.window = window;
        this.limit = limit;
        this.resetAt = now.plus(window);
    }

    /** GitHub's name for the budget, sent as {@code X-RateLimit-Resource}. */
    String resource() {
        return resource;
    }

    synchronized void configure(int newLimit, Instant now) {
        limit = newLimit;
        used = 0;
        resetAt = now.plus(window);
    }

    /** Spends what is left of the window; it then resets at {@code resetAt} if given, else when it would have. */
    synchronized void exhaust(Instant now, java.util.Optional<Instant> resetAt) {
        roll(now);
        used = limit;
        resetAt.ifPresent(at -> this.resetAt = at);
    }

    /** A fresh window from now. */
    synchronized void reset(Instant now) {
        used = 0;
        resetAt = now.plus(window);
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
            resetAt = now.plus(window);
        }
    }

    record Snapshot(int limit, int remaining, int used, Instant resetAt) {
    }
}
