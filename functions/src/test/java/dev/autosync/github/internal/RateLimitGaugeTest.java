package dev.autosync.github.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autosync.github.RateLimit;
import dev.autosync.testing.CapturedLines;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitGaugeTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @AfterEach
    void reset() {
        RateLimitGauge.reset();
    }

    @Test
    void remaining_isAGaugeByResource_printedAtMostOncePerMinuteEach() {
        RateLimitGauge.reset();
        try (CapturedLines out = new CapturedLines()) {
            RateLimitGauge.observe(Optional.of(limit("core", 4999)), T0);
            RateLimitGauge.observe(Optional.of(limit("core", 4998)), T0.plusSeconds(1));
            RateLimitGauge.observe(Optional.of(limit("search", 29)), T0.plusSeconds(2));
            RateLimitGauge.observe(Optional.of(limit("some_new_resource", 7)), T0.plusSeconds(3));
            RateLimitGauge.observe(Optional.empty(), T0.plusSeconds(4));
            RateLimitGauge.observe(Optional.of(limit("core", 4000)), T0.plusSeconds(60));

            assertEquals(List.of(4999L, 4000L), out.metric("GitHubRateLimitRemaining", "resource", "core").stream()
                    .map(l -> l.path("GitHubRateLimitRemaining").asLong()).toList());
            assertEquals(29, out.sum("GitHubRateLimitRemaining", "resource", "search"));
            assertEquals(7, out.sum("GitHubRateLimitRemaining", "resource", "other"));
            assertEquals(4, out.metric("GitHubRateLimitRemaining").size());
            out.metric("GitHubRateLimitRemaining").forEach(line -> assertEquals("None",
                    line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText()));
        }
    }

    private static RateLimit limit(String resource, int remaining) {
        return new RateLimit(5000, remaining, T0.plusSeconds(3600), resource);
    }
}
