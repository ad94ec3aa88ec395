package dev.autosync.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A request for the sync engine, on the sync-task queue (JSON body, snake_case). Every producer — the
 * webhook function (oversized payloads), the processor (imports, truncated or forced pushes) and the api
 * (manual and periodic syncs) — writes this one shape.
 *
 * @param kind           what to do
 * @param jobId          the SyncJob this work reports to, when one was recorded
 * @param installationId the installation to work in (null for a periodic sync of every installation)
 * @param repositoryId   GitHub's repository id, for repository-scoped kinds
 * @param repositoryFullName {@code owner/name}, for logs and to skip a lookup
 * @param branch         for {@link Kind#SYNC_REPOSITORY} after a push: the branch to re-read
 * @param reason         why the task exists (e.g. {@code push_truncated}, {@code payload_too_large})
 * @param requestedAt    when it was requested
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncTask(
        @JsonProperty("kind") Kind kind,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("installation_id") Long installationId,
        @JsonProperty("repository_id") Long repositoryId,
        @JsonProperty("repository_full_name") String repositoryFullName,
        @JsonProperty("branch") String branch,
        @JsonProperty("reason") String reason,
        @JsonProperty("requested_at") Instant requestedAt) {

    public enum Kind {
        /** Import every repository of a new installation. */
        @JsonProperty("import_installation") IMPORT_INSTALLATION,
        /** Import one repository (created, or added to the installation). */
        @JsonProperty("import_repository") IMPORT_REPOSITORY,
        /** Re-read one repository from the API (truncated/forced push, oversized payload, manual sync). */
        @JsonProperty("sync_repository") SYNC_REPOSITORY,
        /** Re-read one installation from the API (an oversized payload that named no repository). */
        @JsonProperty("sync_installation") SYNC_INSTALLATION,
        /** Reconcile every installation and repository (the schedule, or an operator). */
        @JsonProperty("periodic_sync") PERIODIC_SYNC
    }
}
