package dev.autosync.processing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.JobProgress;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks the sync engine for work: records a pending {@link SyncJob} expecting exactly the tasks it then queues
 * (their {@link SyncTask#taskKey()}s are the job's root tasks, see {@link JobProgress}), each naming the job
 * and the delivery. Job ids derive from the delivery, so a retried delivery finds its job instead of making a
 * second one; the tasks are sent again on a retry (a crash may fall between job and send), which the sync
 * engine tolerates because syncing is idempotent and a task's end is counted once per task key.
 */
final class SyncRequests {

    private final JobProgress jobs;
    private final SyncTaskQueue queue;
    private final Clock clock;

    SyncRequests(JobProgress jobs, SyncTaskQueue queue, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * A new installation: import all its repositories. The job's id derives from the installation, not the
     * delivery, so that the sync engine, finding the installation when this webhook was lost, names the same
     * job and the two never import it twice.
     */
    String importInstallation(String deliveryId, long installationId) {
        String jobId = SyncJob.importJobId(installationId);
        SyncTask task = SyncTask.of(SyncTask.Kind.IMPORT_INSTALLATION).withJob(jobId).withInstallation(installationId)
                .withDelivery(deliveryId).withReason("installation_created", clock.instant());
        record(jobId, SyncJob.Type.AUTO_IMPORT, installationId, null, details("installation_created"), List.of(task));
        queue.send(task);
        return jobId;
    }

    /** Repositories created or added to an installation: import each, under one job. */
    String importRepositories(String deliveryId, Long installationId, List<Repository> repositories, String reason) {
        String jobId = jobId(deliveryId, "import_repositories");
        ObjectNode details = details(reason);
        Map<Long, SyncTask> tasks = new LinkedHashMap<>();
        for (Repository repository : repositories) {
            details.withArray("repositories").add(repository.fullName());
            tasks.putIfAbsent(repository.githubId(), SyncTask.of(SyncTask.Kind.IMPORT_REPOSITORY).withJob(jobId)
                    .withInstallation(installationId).withRepository(repository.githubId(), repository.fullName())
                    .withDelivery(deliveryId).withReason(reason, clock.instant()));
        }
        record(jobId, SyncJob.Type.AUTO_IMPORT, installationId, tasks.size() == 1
                ? repositories.get(0).githubId() : null, details, List.copyOf(tasks.values()));
        tasks.values().forEach(queue::send);
        return jobId;
    }

    /** A push the payload cannot fully describe (forced, truncated, new branch): re-read that branch. */
    String resyncBranch(String deliveryId, Repository repository, String branch, String reason) {
        String jobId = jobId(deliveryId, "sync_branch");
        ObjectNode details = details(reason).put("branch", branch);
        SyncTask task = SyncTask.of(SyncTask.Kind.SYNC_REPOSITORY).withJob(jobId)
                .withInstallation(repository.installationId()).withRepository(repository.githubId(), repository.fullName())
                .withBranch(branch).withDelivery(deliveryId).withReason(reason, clock.instant());
        record(jobId, SyncJob.Type.WEBHOOK_TRIGGERED, repository.installationId(), repository.githubId(), details,
                List.of(task));
        queue.send(task);
        return jobId;
    }

    /** The job expects exactly the tasks about to be sent. */
    private void record(String jobId, SyncJob.Type type, Long installationId, Long repositoryId, ObjectNode details,
                        List<SyncTask> tasks) {
        jobs.create(SyncJob.pending(jobId, type, installationId, repositoryId, details, clock.instant()),
                tasks.stream().map(SyncTask::taskKey).toList());
    }

    private static ObjectNode details(String reason) {
        return Json.mapper().createObjectNode().put("reason", reason);
    }

    static String jobId(String deliveryId, String purpose) {
        return UUID.nameUUIDFromBytes((deliveryId + "/" + purpose).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
