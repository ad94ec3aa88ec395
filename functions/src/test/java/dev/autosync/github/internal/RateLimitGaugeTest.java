package dev.autosync.github.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.MetricNames;
import dev.autosync.github.InstallationId;
import dev.autosync.github.RateLimit;
import dev.autosync.testing.CapturedLines;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitGaugeTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final String REMAINING = MetricNames.GITHUB_RATE_LIMIT_REMAINING;
    private static final String PERCENT = MetricNames.GITHUB_RATE_LIMIT_REMAINING_PERCENT;
    private static final Optional<InstallationId> ONE = Optional.of(new InstallationId(1));
    private static final Optional<InstallationId> TWO = Optional.of(new InstallationId(2));

    private final RateLimitGauge gauge = new RateLimitGauge();

    @Test
    void remaining_isAGaugeByResource_printedAtMostOncePerMinuteEach() {
        try (CapturedLines out = new CapturedLines()) {
            gauge.observe(Optional.of(limit("core", 4999)), ONE, T0);
            gauge.observe(Optional.of(limit("core", 4998)), ONE, T0.plusSeconds(1));
            gauge.observe(Optional.of(limit("search", 29)), ONE, T0.plusSeconds(2));
            gauge.observe(Optional.of(limit("some_new_resource", 7)), ONE, T0.plusSeconds(3));
            gauge.observe(Optional.empty(), ONE, T0.plusSeconds(4));
            gauge.observe(Optional.of(limit("core", 4000)), ONE, T0.plusSeconds(60));

            assertEquals(List.of(4999L, 4000L), out.metric(REMAINING, "resource", "core").stream()
                    .map(l -> l.path(REMAINING).asLong()).toList());
            assertEquals(29, out.sum(REMAINING, "resource", "search"));
            assertEquals(7, out.sum(REMAINING, "resource", "other"));
            assertEquals(4, out.metric(REMAINING).size());
            out.metric(REMAINING).forEach(line -> assertEquals("None",
                    line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText()));
        }
    }

    // The alarm takes the Minimum of the percentage by resource=core; GitHub Enterprise Server with rate
    // limiting disabled, or a response without x-ratelimit-limit, has no limit to divide by.
    @Test
    void percent_isRemainingOverLimit_inTheSameLine_andSkippedWithoutALimit() {
        try (CapturedLines out = new CapturedLines()) {
            gauge.observe(Optional.of(new RateLimit(5000, 400, T0.plusSeconds(3600), "core")), ONE, T0);
            gauge.observe(Optional.of(new RateLimit(0, 0, T0.plusSeconds(3600), "search")), ONE, T0);
            gauge.observe(Optional.of(new RateLimit(-1, 12, T0.plusSeconds(3600), "graphql")), ONE, T0);

            JsonNode core = out.metric(REMAINING, "resource", "core").get(0);
            assertEquals(8.0, core.path(PERCENT).asDouble());
            assertEquals(400, core.path(REMAINING).asLong());
            assertEquals(List.of(core), out.metric(PERCENT), "no percentage without a limit");
            assertEquals(2, out.metric(REMAINING).size() - out.metric(PERCENT).size());
        }
    }

    // Installation ids are unbounded: as a dimension each would be a paid custom metric. As a property they cost
    // nothing and Logs Insights still finds the installation that ran low.
    @Test
    void eachInstallationsBudget_isSampled_withItsIdAsAPropertyNotADimension() {
        try (CapturedLines out = new CapturedLines()) {
            gauge.observe(Optional.of(limit("core", 4999)), ONE, T0);
            gauge.observe(Optional.of(limit("core", 120)), TWO, T0.plusSeconds(1));
            gauge.observe(Optional.of(limit("core", 4998)), ONE, T0.plusSeconds(2));
            gauge.observe(Optional.of(limit("core", 4500)), Optional.empty(), T0.plusSeconds(3));

            List<JsonNode> lines = out.metric(REMAINING);
            assertEquals(List.of(4999L, 120L, 4500L), lines.stream().map(l -> l.path(REMAINING).asLong()).toList());
            assertEquals(1, lines.get(0).path(RateLimitGauge.INSTALLATION_ID).asLong());
            assertEquals(2, lines.get(1).path(RateLimitGauge.INSTALLATION_ID).asLong());
            assertTrue(lines.get(2).path(RateLimitGauge.INSTALLATION_ID).isMissingNode(), "the App's JWT spends the App's budget");
            for (JsonNode line : lines) {
                assertEquals("[[\"resource\"]]", line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString());
            }
        }
    }

    @Test
    void theSamplesRemembered_areBounded_leastRecentlySeenDroppedFirst() {
        try (CapturedLines out = new CapturedLines()) {
            gauge.observe(Optional.of(limit("core", 4999)), ONE, T0);
            for (int i = 2; i < RateLimitGauge.MAX_TRACKED * 3; i++) {
                gauge.observe(Optional.of(limit("core", 4999)), Optional.of(new InstallationId(i)), T0.plusMillis(i));
                if (i % 100 == 0) {
                    gauge.observe(Optional.of(limit("core", 4999)), TWO, T0.plusMillis(i)); // kept fresh by use
                }
            }
            assertEquals(RateLimitGauge.MAX_TRACKED, gauge.tracked());
            int before = out.metric(REMAINING).size();

            gauge.observe(Optional.of(limit("core", 4999)), TWO, T0.plusSeconds(10));
            assertEquals(before, out.metric(REMAINING).size(), "recently seen: still within its minute");
            gauge.observe(Optional.of(limit("core", 4999)), ONE, T0.plusSeconds(10));
            assertEquals(before + 1, out.metric(REMAINING).size(), "forgotten, so sampled again: at worst an extra line");
        }
    }

    private static RateLimit limit(String resource, int remaining) {
        return new RateLimit(5000, remaining, T0.plusSeconds(3600), resource);
    }
}
