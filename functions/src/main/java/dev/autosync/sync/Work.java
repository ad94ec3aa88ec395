package dev.autosync.sync;

import dev.autosync.queue.SyncTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One task being run: the task, the job it reports to, and the time by which it must have handed the
 * rest of its work back to the queue (the invocation's end minus a margin for the final writes).
 *
 * @param invocation this run of the task: its lease is this run's alone, so a duplicate delivery of the same
 *                   task running at the same moment can neither share nor release it
 */
record Work(SyncTask task, String jobId, Instant deadline, Clock clock, String invocation) {

    String taskKey() {
        return task.taskKey();
    }

    String owner() {
        return jobId + "/" + task.taskKey() + "/" + invocation;
    }

    Instant now() {
        return clock.instant();
    }

    /** Whether there is still time for another page of work (a page takes seconds at most). */
    boolean hasTime() {
        return Duration.between(clock.instant(), deadline).compareTo(PAGE_TIME) > 0;
    }

    static final Duration PAGE_TIME = Duration.ofSeconds(20);
}
