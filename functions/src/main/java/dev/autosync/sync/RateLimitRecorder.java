package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.github.GitHub;
import dev.autosync.github.InstallationId;
import dev.autosync.github.ObservedRateLimit;
import dev.autosync.store.RateLimits;
import dev.autosync.store.StoreUnavailableException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Records, for the api and the dashboard, the rate limit the installation's responses last reported to this
 * container's GitHub client ({@link GitHub#lastRateLimit}): called once at the end of each installation task,
 * so one small write per installation and run, never one per request or per repository task. The figure is
 * thus as of the installation's last check: a run's repository tasks spend more after it, and the next run's
 * check (in this container, after them) shows what they spent; a spent limit is recorded at once anyway, by
 * {@link RateLimits#blocked} when a task has to wait.
 *
 * <p>Never fails its task: the figure is for people, and a task that did its work must not be retried (and
 * redo it) because this one write could not be made.
 */
final class RateLimitRecorder {

    private static final Log LOG = Log.of(RateLimitRecorder.class);

    /** Installations whose figure this container remembers having written, bounded like the client's memory. */
    private static final int MAX_TRACKED = 1024;

    private final GitHub github;
    private final RateLimits rateLimits;
    /** The observation time last written per installation: an unchanged figure is not written again. */
    private final Map<Long, Instant> written = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    RateLimitRecorder(GitHub github, RateLimits rateLimits) {
        this.github = github;
        this.rateLimits = rateLimits;
    }

    /** @param accountLogin the installation's account, when the task read it */
    void record(long installationId, Optional<String> accountLogin) {
        Optional<ObservedRateLimit> seen = github.lastRateLimit(new InstallationId(installationId));
        if (seen.isEmpty() || seen.get().observedAt().equals(writtenAt(installationId))) {
            return; // nothing seen, or nothing new since this container wrote it (a retried or waiting task)
        }
        var limit = seen.get().rateLimit();
        try {
            rateLimits.observed(installationId, accountLogin.orElse(null), new RateLimits.Observed(
                    limit.limit() > 0 ? limit.limit() : null, limit.remaining(), limit.resetAt(), limit.resource(),
                    seen.get().observedAt()));
            synchronized (written) {
                written.put(installationId, seen.get().observedAt());
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("rate limit not recorded", Map.of("installation_id", installationId, "error", e.getClass().getSimpleName()));
        }
    }

    private Instant writtenAt(long installationId) {
        synchronized (written) {
            return written.get(installationId);
        }
    }

    /** The installation waits for its limit until {@code until} (recorded when that moves the wait later). */
    void blocked(long installationId, Instant until) {
        rateLimits.blocked(installationId, until);
    }
}
