package dev.autosync.github;

import java.time.Instant;

/**
 * A rate limit as a response reported it, and when that response arrived (see {@link GitHub#lastRateLimit}).
 *
 * @param observedAt when the response was received, by the client's clock
 */
public record ObservedRateLimit(RateLimit rateLimit, Instant observedAt) {
}
