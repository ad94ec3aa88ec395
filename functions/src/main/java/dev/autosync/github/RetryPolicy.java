package dev.autosync.github;

import java.time.Duration;

/**
 * Bounds on retrying: attempts for 5xx and connection errors (exponential backoff with jitter from
 * {@code baseDelay} up to {@code maxDelay}), and how many secondary-rate-limit waits to sit through
 * before giving the work back to the caller as {@link RateLimitedException}.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately">Handling rate-limit errors</a>
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, int maxSecondaryWaits) {

    /** 4 attempts, 0.5 s → 8 s backoff, and one secondary-limit wait (a minute or more). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), 1);

    /**
     * For a Lambda function that reschedules rather than waits: 3 attempts, 0.5 s → 4 s backoff, and no
     * secondary-limit wait at all (GitHub asks for at least a minute), so a secondary limit becomes
     * {@link RateLimitedException} at once, with the time GitHub asked the caller to wait.
     */
    public static final RetryPolicy LAMBDA = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(4), 0);

    public RetryPolicy {
        if (maxAttempts < 1 || maxSecondaryWaits < 0) {
            throw new IllegalArgumentException("at least one attempt, and no negative waits");
        }
    }
}
