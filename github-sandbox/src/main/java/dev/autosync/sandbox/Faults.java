package dev.autosync.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Faults to inject into the next API requests, in the order they were queued: server errors,
 * secondary rate limits, and added latency on every request.
 */
public final class Faults {

    /** One injected failure: a status, and for secondary limits the {@code retry-after} to send (or none). */
    record Fault(int status, boolean secondaryLimit, Integer retryAfterSeconds) {
    }

    private final Deque<Fault> queued = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;

    /** The next {@code count} requests fail with {@code status} (a 5xx). */
    public Faults serverErrors(int count, int status) {
        if (status < 500) {
            throw new IllegalArgumentException("a server error is a 5xx");
        }
        return failures(count, status);
    }

    /** The next {@code count} requests, whatever they are, fail with {@code status} and GitHub's error body. */
    public synchronized Faults failures(int count, int status) {
        for (int i = 0; i < count; i++) {
            queued.add(new Fault(status, false, null));
        }
        return this;
    }

    /** The next request hits a secondary rate limit; {@code retryAfterSeconds} may be null (no header). */
    public synchronized Faults secondaryRateLimit(Integer retryAfterSeconds) {
        queued.add(new Fault(403, true, retryAfterSeconds));
        return this;
    }

    /** Every request is delayed by {@code delay} before it is answered. */
    public Faults latency(Duration delay) {
        this.latency = delay;
        return this;
    }

    public synchronized void clear() {
        queued.clear();
        latency = Duration.ZERO;
    }

    synchronized Optional<Fault> next() {
        return Optional.ofNullable(queued.poll());
    }

    Duration latency() {
        return latency;
    }
}
