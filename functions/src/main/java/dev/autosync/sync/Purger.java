package dev.autosync.sync;

import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Purges;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs purge tasks: bounded steps of {@link EntityStore#purgeStep} until the purge is done or the invocation's
 * budget is spent, then the task re-sends itself. A step keeps no state but the data left (each reads the
 * first page of what remains), so a crashed, redelivered or duplicated purge task only repeats deletions.
 * Purges report to no job: they are cleanup, and the entity is already a tombstone readers never see.
 */
final class Purger implements Purges {

    private final EntityStore entities;
    private final SyncTaskQueue queue;
    private final Clock clock;
    private final int chunk;

    /** @param chunk items a repository step deletes (memory and time per step stay bounded by it) */
    Purger(EntityStore entities, SyncTaskQueue queue, Clock clock, int chunk) {
        this.entities = entities;
        this.queue = queue;
        this.clock = clock;
        this.chunk = chunk;
    }

    @Override
    public void schedule(Purge purge) {
        queue.send(SyncTask.purge(purge));
    }

    /** Steps until done or {@code deadline}; re-sends the task when work is left. */
    void run(SyncTask task, Instant deadline) {
        Purge purge = task.kind() == SyncTask.Kind.PURGE_REPOSITORY ? Purge.repository(task.repositoryId())
                : Purge.installation(task.installationId());
        while (clock.instant().isBefore(deadline)) {
            if (entities.purgeStep(purge, chunk)) {
                return;
            }
        }
        queue.send(task);
    }
}
