package dev.autosync.processing;

import dev.autosync.store.EntityStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether an event's installation is deleted, remembered per container: every event but an installation's
 * own asks, and reading the installation item each time was one read in every delivery. A deletion is final
 * for an installation id (GitHub gives a reinstall a new one), so it is remembered for good; a live
 * installation for {@link #ALIVE_FOR}, the staleness the deletion's second purge allows for
 * ({@link EntityStore#SWEEP_DELAY}): what an event writes under an installation deleted in the meantime is swept.
 */
final class InstallationLiveness {

    /** How long a read showing the installation alive is trusted. */
    static final Duration ALIVE_FOR = Duration.ofMinutes(1);
    /** Installations remembered per container: the busiest ones, a few hundred KB at most. */
    private static final int CAPACITY = 4_096;

    private final EntityStore entities;
    private final Clock clock;
    private final Map<Long, Instant> aliveUntil = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > CAPACITY;
        }
    };
    private static final Instant DELETED = Instant.MAX;

    InstallationLiveness(EntityStore entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    boolean deleted(long installationId) {
        Instant now = clock.instant();
        synchronized (aliveUntil) {
            Instant until = aliveUntil.get(installationId);
            if (until == DELETED) {
                return true;
            }
            if (until != null && now.isBefore(until)) {
                return false;
            }
        }
        boolean deleted = entities.installationDeleted(installationId);
        synchronized (aliveUntil) {
            aliveUntil.put(installationId, deleted ? DELETED : now.plus(ALIVE_FOR));
        }
        return deleted;
    }
}
