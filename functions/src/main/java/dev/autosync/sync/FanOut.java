package dev.autosync.sync;

import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.JobProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a task's children so that its job can count them: they are registered as expected tasks of the
 * job before any is sent (the parent finishes only after, so the job cannot end while they run). A retried
 * parent registers what it plans now — nothing twice — and sends again every child it registered that has
 * not finished, including children an earlier attempt registered but may never have sent.
 */
final class FanOut {

    private final JobProgress jobs;
    private final SyncTaskQueue queue;

    FanOut(JobProgress jobs, SyncTaskQueue queue) {
        this.jobs = jobs;
        this.queue = queue;
    }

    void send(Work work, List<SyncTask> children) {
        Map<String, SyncTask> byKey = new LinkedHashMap<>();
        children.forEach(child -> byKey.put(child.taskKey(), child));
        List<String> earlier = jobs.unfinishedChildren(work.jobId(), work.taskKey());
        jobs.register(work.jobId(), work.taskKey(), List.copyOf(byKey.keySet()));
        for (SyncTask child : byKey.values()) {
            queue.send(child);
        }
        for (String key : earlier) {
            if (!byKey.containsKey(key)) {
                // Planned by a crashed attempt and no longer in this plan: run it anyway so it ends.
                queue.send(fromKey(work, key));
            }
        }
    }

    /** A child rebuilt from its key ({@link SyncTask#taskKey()}), in the parent's job and installation. */
    static SyncTask fromKey(Work work, String key) {
        SyncTask parent = work.task();
        String[] parts = key.split(":", 3);
        long id = Long.parseLong(parts[1]);
        SyncTask base = parts[0].equals("inst")
                ? SyncTask.of(SyncTask.Kind.SYNC_INSTALLATION).withInstallation(id)
                : SyncTask.of(SyncTask.Kind.SYNC_REPOSITORY).withInstallation(parent.installationId())
                        .withRepository(id, null).withBranch(parts.length > 2 ? parts[2] : null);
        return base.withJob(work.jobId()).withReason(parent.reason(), work.now()).withFull(parent.fullRun());
    }
}
