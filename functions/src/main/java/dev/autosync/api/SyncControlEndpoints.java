package dev.autosync.api;

import dev.autosync.api.Route.Access;
import dev.autosync.common.Log;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.JobProgress;
import dev.autosync.store.JobStore;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Operators asking for a sync: each request records a {@code pending} SyncJob expecting the one
 * {@link SyncTask} it then queues (its {@link SyncTask#taskKey()} is the job's root task, see
 * {@link JobProgress}), and answers 202 with the job id. When the task cannot be queued the job is marked
 * failed and the caller gets a 503, so a 202 always means queued.
 */
final class SyncControlEndpoints {

    private static final Log LOG = Log.of(SyncControlEndpoints.class);

    private final JobStore jobs;
    private final JobProgress progress;
    private final SyncTaskQueue queue;
    private final Function<Params, Repository> repositories;
    private final Clock clock;

    /** @param repositories the repository a call's path names, or {@link ResourceNotFoundException} */
    SyncControlEndpoints(JobStore jobs, JobProgress progress, SyncTaskQueue queue,
                         Function<Params, Repository> repositories, Clock clock) {
        this.jobs = jobs;
        this.progress = progress;
        this.queue = queue;
        this.repositories = repositories;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/api/sync/periodic", Access.TOKEN, "startPeriodicSync", this::periodic),
                Route.post("/api/sync/repository/{github_id}", Access.TOKEN, "startRepositorySync", this::repository));
    }

    /** {@code ?full=true}: a full reconciliation (every repository re-read) instead of an incremental run. */
    private ApiResponse periodic(Call call) {
        boolean full = call.params().oneOf("full", java.util.Set.of("true", "false")).map(Boolean::parseBoolean).orElse(false);
        Instant now = clock.instant();
        String jobId = UUID.randomUUID().toString();
        SyncJob job = SyncJob.pending(jobId, SyncJob.Type.PERIODIC_SYNC, null, null,
                dev.autosync.common.Json.mapper().createObjectNode().put("trigger", "api").put("full", full), now);
        return start(job, SyncTask.of(SyncTask.Kind.PERIODIC_SYNC).withJob(jobId).withReason("requested_by_api", now)
                .withFull(full));
    }

    private ApiResponse repository(Call call) {
        Repository repository = repositories.apply(call.params());
        Instant now = clock.instant();
        String jobId = UUID.randomUUID().toString();
        SyncJob job = SyncJob.pending(jobId, SyncJob.Type.MANUAL_SYNC, repository.installationId(), repository.githubId(),
                null, now);
        return start(job, SyncTask.of(SyncTask.Kind.SYNC_REPOSITORY).withJob(jobId)
                .withInstallation(repository.installationId()).withRepository(repository.githubId(), repository.fullName())
                .withReason("requested_by_api", now));
    }

    private ApiResponse start(SyncJob job, SyncTask task) {
        progress.create(job, List.of(task.taskKey()));
        try {
            queue.send(task);
        } catch (QueueUnavailableException e) {
            jobs.finished(job.jobId(), SyncJob.Status.FAILED, 0, 0, "could not be queued: the sync-task queue is unavailable",
                    clock.instant());
            throw e;
        }
        LOG.info("sync requested", Map.of("job_id", job.jobId(), "job_type", job.jobType().wireName()));
        return ApiResponse.json(202, Map.of("job_id", job.jobId()));
    }
}
