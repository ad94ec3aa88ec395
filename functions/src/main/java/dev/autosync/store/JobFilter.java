package dev.autosync.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters of the job list; they combine.
 *
 * @param createdSince only jobs created at or after this instant (the API's 7-day window)
 */
public record JobFilter(Optional<SyncJob.Type> type, Optional<SyncJob.Status> status, Optional<Long> installationId,
                        Optional<Instant> createdSince) {

    public static JobFilter none() {
        return new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
