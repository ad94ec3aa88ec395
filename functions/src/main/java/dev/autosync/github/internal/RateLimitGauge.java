package dev.autosync.github.internal;

import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.github.InstallationId;
import dev.autosync.github.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GitHubRateLimitRemaining} and {@code GitHubRateLimitRemainingPercent}, gauges by rate-limit
 * {@code resource} (allow-listed), from the {@code x-ratelimit-*} headers of responses already received: no
 * extra request. Each installation token has its own budget, so the sample is kept per (resource,
 * installation): at most one line per {@link #INTERVAL} for each, the value of the first response in the
 * interval — a minute behind at worst, which is what a dashboard of a budget that resets hourly needs. The
 * minimum over a period is then the lowest budget of any installation, which is what the alarm watches.
 *
 * <p>Bounded cardinality: the installation is not a dimension (its ids are unbounded, and each value would be
 * a paid metric) but the line's {@value #INSTALLATION_ID} property, so Logs Insights finds which installation
 * ran low. App-authenticated requests (JWT: installation listings, token exchanges, redeliveries) spend the
 * App's own budget and carry no installation. The samples remembered are bounded too ({@link #MAX_TRACKED},
 * least recently seen dropped first), so a long-lived container serving many installations does not grow.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api">Rate limits for the REST API</a>
 */
final class RateLimitGauge {

    static final Duration INTERVAL = Duration.ofSeconds(60);
    /** How many (resource, installation) samples are remembered; one more drops the least recently seen. */
    static final int MAX_TRACKED = 512;
    /** The EMF property naming the installation whose token the response answered. */
    static final String INSTALLATION_ID = "installation_id";
    static final Set<String> RESOURCES = Set.of(MetricNames.RESOURCE_CORE, "search", "code_search", "graphql",
            "integration_manifest", "source_import", "code_scanning_upload", "actions_runner_registration",
            "scim", "dependency_snapshots", "audit_log");

    private record Key(String resource, Optional<InstallationId> installation) {
    }

    /** When each key was last printed, least recently seen first. */
    private final Map<Key, Instant> last = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Instant> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /**
     * Samples a response's rate limit.
     *
     * @param installation whose token the request used; empty for an App-authenticated (JWT) request
     */
    void observe(Optional<RateLimit> rateLimit, Optional<InstallationId> installation, Instant now) {
        rateLimit.ifPresent(limit -> {
            String resource = Metrics.bounded(limit.resource(), RESOURCES);
            if (!due(new Key(resource, installation), now)) {
                return;
            }
            Metrics line = Metrics.with(Map.of(MetricNames.RESOURCE, resource))
                    .put(MetricNames.GITHUB_RATE_LIMIT_REMAINING, limit.remaining(), Metrics.Unit.NONE);
            if (limit.limit() > 0) { // 0 or unknown (no x-ratelimit-limit header): no percentage to take
                line.put(MetricNames.GITHUB_RATE_LIMIT_REMAINING_PERCENT, limit.remaining() * 100.0 / limit.limit(),
                        Metrics.Unit.NONE);
            }
            installation.ifPresent(id -> line.property(INSTALLATION_ID, id.value()));
            line.flush();
        });
    }

    private synchronized boolean due(Key key, Instant now) {
        Instant previous = last.get(key);
        if (previous == null || !now.isBefore(previous.plus(INTERVAL)) || now.isBefore(previous)) {
            last.put(key, now);
            return true;
        }
        return false;
    }

    /** Tests only: how many samples are remembered. */
    synchronized int tracked() {
        return last.size();
    }
}
