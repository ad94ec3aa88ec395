package dev.autosync.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A unit of sync work and its outcome, with the seed system's fields.
 *
 * @param installationId null for a periodic sync of every installation
 * @param repositoryId   set for repository-scoped jobs (a manual sync of one repository)
 * @param details        free-form JSON object (e.g. the repositories an import covers)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncJob(String jobId, Type jobType, Status status, Long installationId, Long repositoryId,
                      int repositoriesProcessed, int errorsCount, JsonNode details, String errorMessage,
                      Instant createdAt, Instant startedAt, Instant completedAt) {

    public enum Type {
        @JsonProperty("auto_import") AUTO_IMPORT,
        @JsonProperty("periodic_sync") PERIODIC_SYNC,
        @JsonProperty("manual_sync") MANUAL_SYNC,
        @JsonProperty("webhook_triggered") WEBHOOK_TRIGGERED;

        /** The stored and wire name, e.g. {@code auto_import}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type fromWireName(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public enum Status {
        @JsonProperty("pending") PENDING,
        @JsonProperty("running") RUNNING,
        @JsonProperty("completed") COMPLETED,
        @JsonProperty("completed_with_errors") COMPLETED_WITH_ERRORS,
        @JsonProperty("failed") FAILED;

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
