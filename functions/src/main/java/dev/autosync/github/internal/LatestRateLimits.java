package dev.autosync.github.internal;

import dev.autosync.github.InstallationId;
import dev.autosync.github.ObservedRateLimit;
import dev.autosync.github.RateLimit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest {@code core} rate limit each installation's responses reported in this client: kept in memory
 * from the headers of responses already received (no request, no write), for the sync engine to record once
 * per installation task. Only {@code core}: it is the budget a sync spends (search has its own per-minute
 * one, which refills before anyone could act on it). Bounded ({@link #MAX_TRACKED}, least recently seen
 * dropped first), so a long-lived container serving many installations does not grow.
 */
final class LatestRateLimits {

    static final int MAX_TRACKED = 1024;
    private static final String CORE = "core";

    private final Map<InstallationId, ObservedRateLimit> latest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InstallationId, ObservedRateLimit> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** Keeps the response's limit when it is the installation's {@code core} one and not older than the kept one. */
    synchronized void observe(Optional<RateLimit> rateLimit, Optional<InstallationId> installation, Instant now) {
        if (rateLimit.isEmpty() || installation.isEmpty() || !CORE.equals(rateLimit.get().resource())) {
            return;
        }
        ObservedRateLimit kept = latest.get(installation.get());
        if (kept == null || !now.isBefore(kept.observedAt())) {
            latest.put(installation.get(), new ObservedRateLimit(rateLimit.get(), now));
        }
    }

    synchronized Optional<ObservedRateLimit> of(InstallationId installation) {
        return Optional.ofNullable(latest.get(installation));
    }

    /** Tests only: how many installations are remembered. */
    synchronized int tracked() {
        return latest.size();
    }
}
