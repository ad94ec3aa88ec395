package dev.autosync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.github.GitHubRejectedException;
import dev.autosync.github.GitHubUnavailableException;
import dev.autosync.github.RateLimitedException;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.JobProgress;
import dev.autosync.store.StoreUnavailableException;
import dev.autosync.store.SyncJob;
import dev.autosync.store.SyncState;
import dev.autosync.store.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync engine's entry points, plain Java the two handlers adapt Lambda to: {@link #scheduledRun} for
 * the schedule, {@link #handleMessage} for each queued {@link SyncTask}.
 *
 * <p>Every task belongs to a job (one is derived for a webhook's resync task from its delivery id) and ends
 * in exactly one of three ways: finished, counted once in its job ({@link JobProgress#finish}); handed back
 * to the queue to go on later (a checkpoint, a busy repository, a rate limit that resets after
 * {@code not_before} — the installation is then marked blocked so its other tasks wait without calling
 * GitHub); or, when AWS or GitHub is unreachable, left for SQS to deliver again (and, after the queue's
 * receive limit, to keep in its dead-letter queue). A GitHub refusal or a defect ends the task as failed,
 * so its job still ends, with {@code completed_with_errors}.
 */
public final class SyncEngine {

    /** Without a Lambda context (locally) a task gets this long, well inside the 300 s function timeout. */
    static final Duration LOCAL_BUDGET = Duration.ofSeconds(240);
    /** Kept back from the invocation's end for the final writes and the re-send of a continuation. */
    static final Duration MARGIN = Duration.ofSeconds(20);
    private static final Log LOG = Log.of(SyncEngine.class);

    private final RunPlanner planner;
    private final InstallationSync installations;
    private final RepositorySync repositories;
    private final JobProgress jobs;
    private final SyncState state;
    private final SyncTaskQueue queue;
    private final Purger purger;
    private final Operations operations;
    private final RateLimitRecorder rateLimits;
    private final ResyncedDeliveries resynced;
    private final Clock clock;

    SyncEngine(RunPlanner planner, InstallationSync installations, RepositorySync repositories, JobProgress jobs,
               SyncState state, SyncTaskQueue queue, Purger purger, Operations operations, RateLimitRecorder rateLimits,
               ResyncedDeliveries resynced, Clock clock) {
        this.planner = planner;
        this.installations = installations;
        this.repositories = repositories;
        this.jobs = jobs;
        this.state = state;
        this.queue = queue;
        this.purger = purger;
        this.operations = operations;
        this.resynced = resynced;
        this.rateLimits = rateLimits;
        this.clock = clock;
    }

    /** Records a periodic run's job and queues its task; returns the job id. */
    public String scheduledRun(Instant scheduledAt) {
        return planner.schedule(scheduledAt);
    }

    /**
     * Runs one queued task.
     *
     * @param visibleAt when the message became visible on the queue (see {@link dev.autosync.queue.SqsSyncTaskQueue#visibleAt}),
     *                  empty when unknown: the task's lateness is measured from it unless it has a {@code not_before}
     * @param remaining the invocation's remaining time (Lambda), or empty for {@link #LOCAL_BUDGET}
     * @return false to have the message delivered again
     */
    public boolean handleMessage(String messageId, String body, Optional<Instant> visibleAt, Optional<Duration> remaining) {
        SyncTask task;
        try {
            task = Json.mapper().readValue(body, SyncTask.class);
            if (task.kind() == null) {
                throw new IllegalArgumentException("no kind");
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Kept for an operator: after the receive limit the message rests in the dead-letter queue.
            LOG.error("unreadable sync task", Map.of("message_id", messageId, "error", e.getClass().getSimpleName()));
            return false;
        }
        Instant deadline = clock.instant().plus(remaining.orElse(LOCAL_BUDGET)).minus(MARGIN);
        return run(task, messageId, visibleAt, deadline);
    }

    private boolean run(SyncTask task, String messageId, Optional<Instant> visibleAt, Instant deadline) {
        Instant now = clock.instant();
        if (task.notBefore() != null && task.notBefore().isAfter(now)) {
            queue.send(task, Duration.between(now, task.notBefore()));
            return true;
        }
        delayMetric(task, visibleAt, now);
        if (task.kind() == SyncTask.Kind.PURGE_REPOSITORY || task.kind() == SyncTask.Kind.PURGE_INSTALLATION) {
            return purge(task, messageId, deadline);
        }
        if (task.kind() == SyncTask.Kind.REPLAY_DELIVERIES || task.kind() == SyncTask.Kind.REDRIVE_DEAD_LETTERS) {
            // An operator's operation: its job counts steps, not tasks (see Operations).
            return operations.run(task, deadline);
        }
        Work work;
        try {
            String jobId = jobOf(task, messageId);
            // Re-sends (checkpoints, waits) carry the job, so a continuation never derives another one. The wait
            // is over: a continuation is due when it is sent, not at this task's old not_before.
            work = new Work(task.withJob(jobId).withNotBefore(null), jobId, deadline, clock, java.util.UUID.randomUUID().toString());
            if (jobs.finished(work.jobId(), work.taskKey())) {
                return true; // a duplicate of a task already counted
            }
            jobs.start(work.jobId());
            resynced.record(task, jobId);
        } catch (StoreUnavailableException e) {
            LOG.warn("sync task not started: store unavailable", Map.of("message_id", messageId));
            return false;
        }
        try {
            Optional<TaskResult> result = switch (task.kind()) {
                case PERIODIC_SYNC -> Optional.of(planner.plan(work));
                case IMPORT_INSTALLATION -> Optional.of(installations.sync(work, true));
                case SYNC_INSTALLATION -> Optional.of(installations.sync(work, false));
                case IMPORT_REPOSITORY, SYNC_REPOSITORY -> repositories.sync(work);
                case PURGE_REPOSITORY, PURGE_INSTALLATION -> throw new IllegalStateException("purges run without a job");
                case REPLAY_DELIVERIES, REDRIVE_DEAD_LETTERS -> throw new IllegalStateException("operations run apart");
            };
            result.ifPresent(r -> finish(work, r));
            return true;
        } catch (RateLimitedException e) {
            return defer(work, e.resetAt());
        } catch (GitHubUnavailableException | StoreUnavailableException | QueueUnavailableException | LeaseLostException e) {
            LOG.warn("sync task will be retried", fields(work, e));
            return false;
        } catch (GitHubRejectedException e) {
            return finishFailed(work, "GitHub refused: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("sync task failed", fields(work, e));
            return finishFailed(work, "failed: " + e.getClass().getSimpleName());
        }
    }

    /** A purge step run: no job; a store or queue failure leaves the message to SQS to deliver again. */
    private boolean purge(SyncTask task, String messageId, Instant deadline) {
        try {
            purger.run(task, deadline);
            return true;
        } catch (StoreUnavailableException | QueueUnavailableException e) {
            LOG.warn("purge will be retried", Map.of("message_id", messageId, "error", e.getClass().getSimpleName()));
            return false;
        }
    }

    /** Re-sends the task for when the limit resets; the job records the wait. Never a failure. */
    private boolean defer(Work work, Instant resetAt) {
        try {
            if (work.task().installationId() != null) {
                // For the api and the dashboard, the installation waits: written only by the task whose block
                // moved the wait later, so of the many tasks that wait for one reset only the first writes it.
                if (state.block(work.task().installationId(), resetAt)) {
                    rateLimits.blocked(work.task().installationId(), resetAt);
                }
            }
            jobs.waited(work.jobId(), work.taskKey(), resetAt);
            Duration delay = Duration.between(clock.instant(), resetAt);
            queue.send(work.task().withNotBefore(resetAt), delay.isNegative() ? Duration.ZERO : delay);
            LOG.info("sync task waits for the rate limit", Map.of("job_id", work.jobId(), "task", work.taskKey(),
                    "reset_at", resetAt.toString()));
            return true;
        } catch (StoreUnavailableException | QueueUnavailableException e) {
            return false;
        }
    }

    private boolean finishFailed(Work work, String error) {
        try {
            if (work.task().repositoryId() != null) {
                // Its changes may be past the detection watermark now: the next run re-reads it whole.
                state.markDirty(work.task().repositoryId());
            }
            finish(work, TaskResult.failed(work.task().repositoryFullName(), error));
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private void finish(Work work, TaskResult result) {
        jobs.finish(work.jobId(), work.taskKey(), result).ifPresent(job -> {
            LOG.info("sync job finished", Map.of("job_id", job.jobId(), "status", job.status().wireName(),
                    "repositories_processed", job.repositoriesProcessed(), "errors", job.errorsCount()));
            jobMetrics(job);
        });
    }

    /**
     * {@code SyncTaskDelay}: seconds between when the task was due and now, for each task taken up (a duplicate
     * delivery and a retry included: both are work the queue handed over late). Due is its {@code not_before}
     * when it has one — a wait for a rate-limit reset is deliberate, not lateness — else when its message became
     * visible. Never negative (the sender's clock may run a little ahead); nothing when neither is known.
     */
    private static void delayMetric(SyncTask task, Optional<Instant> visibleAt, Instant now) {
        Optional<Instant> due = task.notBefore() != null ? Optional.of(task.notBefore()) : visibleAt;
        due.ifPresent(at -> Metrics.with(Map.of())
                .put(MetricNames.SYNC_TASK_DELAY, Math.max(0, Duration.between(at, now).toMillis()) / 1000.0, Metrics.Unit.SECONDS)
                .flush());
    }

    /**
     * {@code SyncJobs} and {@code RepositoriesSynced} by job type and final status (both small enums), rolled up
     * by type alone (the "no periodic run" alarm) and by status alone (the "a job failed" alarm).
     */
    static void jobMetrics(SyncJob job) {
        Metrics.with(Map.of(MetricNames.TYPE, job.jobType() == null ? Metrics.OTHER : job.jobType().wireName(),
                        MetricNames.STATUS, job.status() == null ? Metrics.OTHER : job.status().wireName()))
                .rollup(List.of(MetricNames.TYPE)).rollup(List.of(MetricNames.STATUS))
                .put(MetricNames.SYNC_JOBS, 1, Metrics.Unit.COUNT)
                .put(MetricNames.REPOSITORIES_SYNCED, job.repositoriesProcessed(), Metrics.Unit.COUNT)
                .flush();
    }

    /**
     * The task's job: the one named, or for a webhook's resync task (which names none) one derived from
     * its delivery — so GitHub's redelivery of that webhook finds the same job — else from the message.
     */
    private String jobOf(SyncTask task, String messageId) {
        if (task.jobId() != null) {
            return task.jobId();
        }
        String jobId = RunPlanner.derivedId((task.deliveryId() != null ? "delivery/" + task.deliveryId() : "message/" + messageId)
                + "/" + task.taskKey());
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("reason", task.reason() == null ? "resync" : task.reason());
        if (task.deliveryId() != null) {
            reason.put("delivery_id", task.deliveryId());
        }
        jobs.create(SyncJob.pending(jobId, SyncJob.Type.WEBHOOK_TRIGGERED, task.installationId(), task.repositoryId(),
                Json.mapper().valueToTree(reason), clock.instant()), List.of(task.taskKey()));
        return jobId;
    }

    private static Map<String, Object> fields(Work work, RuntimeException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("job_id", work.jobId());
        fields.put("task", work.taskKey());
        fields.put("error", e.getClass().getSimpleName());
        return fields;
    }
}
