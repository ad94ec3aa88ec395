package dev.autosync.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Optional;

/**
 * A request for the sync engine, on the sync-task queue (JSON body, snake_case). Every producer — the
 * webhook function (oversized payloads), the processor (imports, truncated or forced pushes), the api
 * (manual and periodic syncs), the schedule and the sync engine itself (fan-out, checkpoints, waits for a
 * rate-limit reset) — writes this one shape. Build one with {@link #of(Kind)}.
 *
 * @param kind           what to do
 * @param jobId          the SyncJob this work reports to, when one was recorded
 * @param installationId the installation to work in (null for a periodic sync of every installation)
 * @param repositoryId   GitHub's repository id, for repository-scoped kinds
 * @param repositoryFullName {@code owner/name}, for logs and to skip a lookup
 * @param branch         for {@link Kind#SYNC_REPOSITORY} after a push: the branch to re-read
 * @param reason         why the task exists (e.g. {@code push_truncated}, {@code payload_too_large})
 * @param requestedAt    when it was requested
 * @param deliveryId     the webhook delivery that asked for it (the webhook's resync tasks): its job's id
 *                       derives from it, so a redelivered task finds its job
 * @param full           a full reconciliation (every repository re-read) rather than an incremental run
 * @param notBefore      do not start before this time (a spent rate limit resets then; SQS delays stop at 15 min)
 * @param parts          for a repository task of a periodic run: what change detection saw move
 *                       ({@code commits}, {@code issues}, {@code pulls}); null re-reads all three
 * @param event          for a webhook's resync task: the delivery's event, so the delivery is archived (as
 *                       metadata: its payload was too large to queue) and listed with it
 * @param payloadBytes   for a webhook's resync task: the size of the payload it stands in for
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
        @JsonProperty("requested_at") Instant requestedAt,
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("full") Boolean full,
        @JsonProperty("not_before") Instant notBefore,
        @JsonProperty("parts") java.util.Set<Part> parts,
        @JsonProperty("event") String event,
        @JsonProperty("payload_bytes") Long payloadBytes) {

    /** What a repository task re-reads. */
    public enum Part {
        @JsonProperty("commits") COMMITS,
        @JsonProperty("issues") ISSUES,
        @JsonProperty("pulls") PULLS
    }

    public enum Kind {
        /** Import every repository of a new installation. */
        @JsonProperty("import_installation") IMPORT_INSTALLATION,
        /** Import one repository (created, or added to the installation). */
        @JsonProperty("import_repository") IMPORT_REPOSITORY,
        /** Re-read one repository from the API (truncated/forced push, oversized payload, manual sync). */
        @JsonProperty("sync_repository") SYNC_REPOSITORY,
        /** Re-read one installation from the API (an oversized payload that named no repository; a periodic run's fan-out). */
        @JsonProperty("sync_installation") SYNC_INSTALLATION,
        /** Reconcile every installation and repository (the schedule, or an operator). */
        @JsonProperty("periodic_sync") PERIODIC_SYNC,
        /** Go on deleting a deleted repository's items, a bounded step at a time (no job: nothing to report). */
        @JsonProperty("purge_repository") PURGE_REPOSITORY,
        /** Go on deleting a deleted installation's repositories, a bounded step at a time (no job). */
        @JsonProperty("purge_installation") PURGE_INSTALLATION,
        /** Go on with a replay job: re-queue its next archived deliveries (what to replay is in the job). */
        @JsonProperty("replay_deliveries") REPLAY_DELIVERIES,
        /** Go on with a redrive job: move its next dead letters back (which queue, how many: in the job). */
        @JsonProperty("redrive_dead_letters") REDRIVE_DEAD_LETTERS
    }

    /** A task of {@code kind} with nothing else set. */
    public static SyncTask of(Kind kind) {
        return new SyncTask(kind, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The task's identity within its job, so that its completion is counted once however often it is
     * delivered, re-sent after a wait, or continued after a checkpoint: {@code run} for a periodic run,
     * {@code inst:<id>} for installation-wide work, {@code repo:<id>} (plus {@code :<branch>} when a
     * branch is named) for one repository.
     */
    @JsonIgnore
    public String taskKey() {
        return switch (kind) {
            case PERIODIC_SYNC -> "run";
            case IMPORT_INSTALLATION, SYNC_INSTALLATION -> "inst:" + installationId;
            case IMPORT_REPOSITORY, SYNC_REPOSITORY -> "repo:" + repositoryId + (branch == null ? "" : ":" + branch);
            case PURGE_REPOSITORY -> "purge:repo:" + repositoryId;
            case PURGE_INSTALLATION -> "purge:inst:" + installationId;
            case REPLAY_DELIVERIES -> "replay";
            case REDRIVE_DEAD_LETTERS -> "redrive";
        };
    }

    /** The task that continues a purge the store could not finish in the caller (see {@code store.Purges}). */
    public static SyncTask purge(dev.autosync.store.Purges.Purge purge) {
        SyncTask task = switch (purge.kind()) {
            case REPOSITORY -> of(Kind.PURGE_REPOSITORY).withRepository(purge.id(), null);
            case INSTALLATION -> of(Kind.PURGE_INSTALLATION).withInstallation(purge.id());
        };
        return task.withNotBefore(purge.notBefore());
    }

    /**
     * The name of the resync that re-reads what a delivery naming these said, when its payload is not at hand
     * (too large to queue or to archive): {@code sync_repository:<id>}, else {@code sync_installation:<id>}, as
     * the webhook chooses the task. Empty when the delivery names neither.
     */
    public static Optional<String> resyncOf(Long installationId, Long repositoryId) {
        if (repositoryId != null) {
            return Optional.of(wireName(Kind.SYNC_REPOSITORY) + ":" + repositoryId);
        }
        return Optional.ofNullable(installationId).map(id -> wireName(Kind.SYNC_INSTALLATION) + ":" + id);
    }

    private static String wireName(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this is a full reconciliation. */
    @JsonIgnore
    public boolean fullRun() {
        return Boolean.TRUE.equals(full);
    }

    public SyncTask withJob(String id) {
        return new SyncTask(kind, id, installationId, repositoryId, repositoryFullName, branch, reason, requestedAt, deliveryId, full, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withInstallation(Long id) {
        return new SyncTask(kind, jobId, id, repositoryId, repositoryFullName, branch, reason, requestedAt, deliveryId, full, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withRepository(Long id, String fullName) {
        return new SyncTask(kind, jobId, installationId, id, fullName, branch, reason, requestedAt, deliveryId, full, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withBranch(String name) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, name, reason, requestedAt, deliveryId, full, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withReason(String why, Instant at) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, branch, why, at, deliveryId, full, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withDelivery(String id) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, branch, reason, requestedAt, id, full, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withFull(boolean value) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, branch, reason, requestedAt, deliveryId, value ? Boolean.TRUE : null, notBefore, parts, event, payloadBytes);
    }

    public SyncTask withParts(java.util.Set<Part> value) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, branch, reason, requestedAt, deliveryId, full, notBefore, value == null ? null : java.util.Set.copyOf(value), event, payloadBytes);
    }

    /** Whether this task re-reads {@code part} (all parts unless detection named some). */
    @JsonIgnore
    public boolean reads(Part part) {
        return parts == null || parts.contains(part);
    }

    /** For a webhook's resync task: the delivery's event and the size of the payload it could not queue. */
    public SyncTask withPayload(String eventName, long bytes) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, branch, reason, requestedAt, deliveryId, full, notBefore, parts, eventName, bytes);
    }

    public SyncTask withNotBefore(Instant at) {
        return new SyncTask(kind, jobId, installationId, repositoryId, repositoryFullName, branch, reason, requestedAt, deliveryId, full, at, parts, event, payloadBytes);
    }
}
