/**
 * The sync engine: makes the DynamoDB copy equal to GitHub whatever happened to the webhooks. It imports new
 * installations and repositories, runs the periodic reconciliation (incremental every
 * {@code AUTOSYNC_SYNC_INTERVAL}, full once per {@code AUTOSYNC_FULL_SYNC_HOURS}), runs manual and
 * webhook-requested resyncs, and asks GitHub to redeliver missed webhooks.
 *
 * <p>Two thin Lambda handlers over one plain-Java {@link dev.autosync.sync.SyncEngine}:
 * {@link dev.autosync.sync.SyncScheduleHandler} (EventBridge schedule: records the run's job and queues
 * its {@code periodic_sync} task) and {@link dev.autosync.sync.SyncTaskHandler} (the SQS consumer of
 * {@code autosync-sync-tasks}, 300 s). Two functions rather than one: the schedule's work is a single
 * put and send that must never wait behind a queue backlog, and each gets its own timeout and
 * concurrency; every other step — planning a run, an installation, a repository — is a queued task, so
 * each is retried, checkpointed and counted on its own.
 *
 * <p>Work fans out run → installation → repository: {@code RunPlanner} compares GitHub's installations with
 * the store, {@code InstallationSync} lists an installation's repositories and sends a task only for those
 * {@code ChangeDetection} saw move (one search per installation), {@code RepositorySync} reads a
 * repository's commits ({@code CommitSync}), issues and pull requests ({@code ActivitySync}). Every write
 * goes through the same {@code dev.autosync.store} code as webhooks, so a sync never erases or rolls back
 * what a webhook wrote; job accounting is exact through {@code store.JobProgress}. The engine never sleeps
 * on a rate limit: it marks the installation blocked and re-sends its tasks for the reset.
 */
package dev.autosync.sync;
