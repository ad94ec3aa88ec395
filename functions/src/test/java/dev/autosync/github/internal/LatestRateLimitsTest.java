package dev.autosync.github.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.github.InstallationId;
import dev.autosync.github.RateLimit;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the client remembers of each installation's rate limit for the sync engine to record. */
class LatestRateLimitsTest {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final InstallationId ONE = new InstallationId(1);

    @Test
    void keepsTheNewestCoreLimitPerInstallation_only() {
        LatestRateLimits latest = new LatestRateLimits();
        latest.observe(Optional.of(core(4990)), Optional.of(ONE), T);
        // Search has its own per-minute budget: not the figure an operator watches, and never mixed into core's.
        latest.observe(Optional.of(new RateLimit(30, 2, T.plusSeconds(60), "search")), Optional.of(ONE), T.plusSeconds(1));
        // An App-authenticated (JWT) response spends the App's budget, no installation's.
        latest.observe(Optional.of(core(10)), Optional.empty(), T.plusSeconds(2));
        // A response that arrived earlier but is handled later does not move the figure back.
        latest.observe(Optional.of(core(4999)), Optional.of(ONE), T.minusSeconds(5));

        assertEquals(4990, latest.of(ONE).orElseThrow().rateLimit().remaining());
        assertEquals(T, latest.of(ONE).orElseThrow().observedAt());
        latest.observe(Optional.of(core(4980)), Optional.of(ONE), T.plusSeconds(3));
        assertEquals(4980, latest.of(ONE).orElseThrow().rateLimit().remaining());
        assertTrue(latest.of(new InstallationId(2)).isEmpty());
    }

    @Test
    void remembersABoundedNumberOfInstallations() {
        LatestRateLimits latest = new LatestRateLimits();
        for (long id = 1; id <= LatestRateLimits.MAX_TRACKED + 10; id++) {
            latest.observe(Optional.of(core(100)), Optional.of(new InstallationId(id)), T);
        }
        assertEquals(LatestRateLimits.MAX_TRACKED, latest.tracked());
        assertTrue(latest.of(ONE).isEmpty(), "the least recently seen went first");
    }

    private static RateLimit core(int remaining) {
        return new RateLimit(5000, remaining, T.plusSeconds(3600), "core");
    }
}
