package dev.autosync.github;

import java.time.Duration;

/**
 * Bounds on retrying: attempts for 5xx and connection errors (exponential backoff with jitter from
 * {@code baseDelay} up to {@code maxDelay}), and how many secondary-rate-limit waits to sit through
 * before giving the work back to the caller as {@link RateLimitedException}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, int maxSecondaryWaits) {

    /** 4 attempts, 0.5 s → 8 s backoff, one secondary-limit wait: a Lambda should not wait for long. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), 1);

    public RetryPolicy {
        if (maxAttempts < 1 || maxSecondaryWaits < 0) {
            throw new IllegalArgumentException("at least one attempt, and no negative waits");
        }
    }
}
