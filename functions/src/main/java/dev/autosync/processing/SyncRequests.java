package dev.autosync.processing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.JobStore;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Asks the sync engine for work: records a pending {@link SyncJob} and queues {@link SyncTask}s naming it.
 * Job ids derive from the delivery, so a retried delivery finds its job instead of making a second one;
 * the tasks are sent again on a retry (a crash may fall between job and send), which the sync engine
 * tolerates because syncing is idempotent.
 */
final class SyncRequests {

    private final JobStore jobs;
    private final SyncTaskQueue queue;
    private final Clock clock;

    SyncRequests(JobStore jobs, SyncTaskQueue queue, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    /** A new installation: import all its repositories. */
    String importInstallation(String deliveryId, long installationId) {
        String jobId = jobId(deliveryId, "import_installation");
        record(jobId, SyncJob.Type.AUTO_IMPORT, installationId, null, details("installation_created"));
        queue.send(SyncTask.of(SyncTask.Kind.IMPORT_INSTALLATION).withJob(jobId).withInstallation(installationId)
                .withReason("installation_created", clock.instant()));
        return jobId;
    }

    /** Repositories created or added to an installation: import each, under one job. */
    String importRepositories(String deliveryId, Long installationId, List<Repository> repositories, String reason) {
        String jobId = jobId(deliveryId, "import_repositories");
        ObjectNode details = details(reason);
        repositories.forEach(r -> details.withArray("repositories").add(r.fullName()));
        record(jobId, SyncJob.Type.AUTO_IMPORT, installationId, repositories.size() == 1
                ? repositories.get(0).githubId() : null, details);
        for (Repository repository : repositories) {
            queue.send(SyncTask.of(SyncTask.Kind.IMPORT_REPOSITORY).withJob(jobId).withInstallation(installationId)
                    .withRepository(repository.githubId(), repository.fullName()).withReason(reason, clock.instant()));
        }
        return jobId;
    }

    /** A push the payload cannot fully describe (forced, truncated, new branch): re-read that branch. */
    String resyncBranch(String deliveryId, Repository repository, String branch, String reason) {
        String jobId = jobId(deliveryId, "sync_branch");
        ObjectNode details = details(reason).put("branch", branch);
        record(jobId, SyncJob.Type.WEBHOOK_TRIGGERED, repository.installationId(), repository.githubId(), details);
        queue.send(SyncTask.of(SyncTask.Kind.SYNC_REPOSITORY).withJob(jobId).withInstallation(repository.installationId())
                .withRepository(repository.githubId(), repository.fullName()).withBranch(branch)
                .withReason(reason, clock.instant()));
        return jobId;
    }

    private void record(String jobId, SyncJob.Type type, Long installationId, Long repositoryId, ObjectNode details) {
        jobs.create(SyncJob.pending(jobId, type, installationId, repositoryId, details, clock.instant()));
    }

    private static ObjectNode details(String reason) {
        return Json.mapper().createObjectNode().put("reason", reason);
    }

    static String jobId(String deliveryId, String purpose) {
        return UUID.nameUUIDFromBytes((deliveryId + "/" + purpose).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
