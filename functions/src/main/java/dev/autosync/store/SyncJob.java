package dev.autosync.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A unit of sync work and its outcome, with the seed system's fields.
 *
 * @param installationId null for a periodic sync of every installation
 * @param repositoryId   set for repository-scoped jobs (a manual sync of one repository)
 * @param details        free-form JSON object (e.g. the repositories an import covers)
 */
public record SyncJob(String jobId, Type jobType, Status status, Long installationId, Long repositoryId,
                      int repositoriesProcessed, int errorsCount, JsonNode details, String errorMessage,
                      Instant createdAt, Instant startedAt, Instant completedAt) {

    public enum Type {
        AUTO_IMPORT,
        PERIODIC_SYNC,
        MANUAL_SYNC,
        WEBHOOK_TRIGGERED,
        /** Archived deliveries re-queued with a replay mark (details: filter, limit, replayed, skipped, failed). */
        REPLAY,
        /** Dead letters moved back to their source queue (details: queue, limit, moved, failed). */
        REDRIVE;

        /** The stored and wire name, e.g. {@code auto_import}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type fromWireName(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public enum Status {
        PENDING,
        RUNNING,
        COMPLETED,
        COMPLETED_WITH_ERRORS,
        FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromWireName(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The id of an installation's import job: one per installation, whoever starts it (webhook or sync). */
    public static String importJobId(long installationId) {
        return java.util.UUID.nameUUIDFromBytes(("installation/" + installationId + "/import")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** A new pending job. */
    public static SyncJob pending(String jobId, Type type, Long installationId, Long repositoryId,
                                  JsonNode details, Instant now) {
        return new SyncJob(jobId, type, Status.PENDING, installationId, repositoryId, 0, 0, details, null,
                now, null, null);
    }
}
