package dev.autosync.github.internal;

import dev.autosync.common.Metrics;
import dev.autosync.github.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GitHubRateLimitRemaining}, a gauge by rate-limit {@code resource} (allow-listed), from the
 * {@code x-ratelimit-*} headers of responses already received: no extra request. A sync makes many
 * requests (each already logged), so it is printed at most once per {@link #INTERVAL} per resource, the value
 * of the first response in each interval: a sample, a minute behind at worst, which is what a dashboard
 * of a budget that resets hourly needs.
 * Not per installation: installation ids are unbounded, so that dimension would not be.
 */
final class RateLimitGauge {

    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final Set<String> RESOURCES = Set.of("core", "search", "code_search", "graphql",
            "integration_manifest", "source_import", "code_scanning_upload", "actions_runner_registration",
            "scim", "dependency_snapshots", "audit_log");

    private static final Map<String, Instant> LAST = new ConcurrentHashMap<>();

    private RateLimitGauge() {
    }

    static void observe(Optional<RateLimit> rateLimit, Instant now) {
        rateLimit.ifPresent(limit -> {
            String resource = Metrics.bounded(limit.resource(), RESOURCES);
            Instant last = LAST.get(resource);
            if (last == null || !now.isBefore(last.plus(INTERVAL)) || now.isBefore(last)) {
                LAST.put(resource, now);
                Metrics.gauge("GitHubRateLimitRemaining", limit.remaining(), Map.of("resource", resource));
            }
        });
    }

    /** Tests only. */
    static void reset() {
        LAST.clear();
    }
}
