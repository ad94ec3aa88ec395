package dev.autosync.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The result of a computation, reused while it is at most {@code maxAge} old (measured from when the
 * computation started, as of which its result speaks). One computation at a time: callers arriving while it
 * runs wait for it and share its result. A computation that throws is not kept: its waiters get the failure,
 * and the next call computes again. Per instance, so per Lambda container.
 */
final class RecentResult<T> {

    private record Started<T>(Instant at, CompletableFuture<T> result) {
    }

    private final Supplier<T> computation;
    private final Clock clock;
    private final Duration maxAge;
    private Started<T> latest;

    RecentResult(Supplier<T> computation, Clock clock, Duration maxAge) {
        this.computation = computation;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    T get() {
        Started<T> started;
        boolean mine = false;
        synchronized (this) {
            Instant now = clock.instant();
            if (latest == null || (latest.result().isDone() && now.isAfter(latest.at().plus(maxAge)))) {
                latest = new Started<>(now, new CompletableFuture<>());
                mine = true;
            }
            started = latest;
        }
        if (mine) {
            compute(started);
        }
        try {
            return started.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void compute(Started<T> started) {
        try {
            started.result().complete(computation.get());
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (latest == started) {
                    latest = null;
                }
            }
            started.result().completeExceptionally(e);
        }
    }
}
