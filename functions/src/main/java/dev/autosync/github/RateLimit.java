package dev.autosync.github;

import java.time.Instant;

/**
 * The primary rate limit as one response reported it ({@code x-ratelimit-*} headers).
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit">Rate-limit headers</a>
 */
public record RateLimit(int limit, int remaining, Instant resetAt, String resource) {
}
