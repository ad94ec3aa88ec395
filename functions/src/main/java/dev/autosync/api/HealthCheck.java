package dev.autosync.api;

import dev.autosync.api.HealthReport.LastPeriodicSync;
import dev.autosync.api.HealthReport.QueueCounts;
import dev.autosync.api.HealthReport.Status;
import dev.autosync.api.HealthReport.SystemCounts;
import dev.autosync.common.Log;
import dev.autosync.queue.QueueDepths;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.store.GlobalStats;
import dev.autosync.store.JobStore;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.StoreUnavailableException;
import dev.autosync.store.SyncJob;
import dev.autosync.store.SyncMarks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes {@link HealthReport}: totals from the writers' counters (one GetItem), recently synced
 * repositories from {@link SyncMarks} (a COUNT over one or two index partitions), the last periodic sync
 * (one Query, limit 1) and queue depths (GetQueueAttributes). Nothing scans.
 *
 * <p>Rules: {@code unhealthy} when DynamoDB or SQS cannot be reached; else {@code degraded} when sync
 * coverage is under {@value #MIN_COVERAGE} %, the last periodic sync failed, or a dead-letter queue holds
 * a message; else {@code healthy}.
 */
public final class HealthCheck {

    /** The periodic sync's schedule (EventBridge rate); the sync engine's schedule must match it. */
    public static final Duration SCHEDULE_INTERVAL = Duration.ofMinutes(15);
    /** A repository counts as synced when its last sync is within two schedule intervals (one missed run tolerated). */
    public static final Duration SYNCED_WITHIN = SCHEDULE_INTERVAL.multipliedBy(2);
    public static final double MIN_COVERAGE = 90.0;

    private static final Log LOG = Log.of(HealthCheck.class);

    private final StoreQueries store;
    private final SyncMarks syncMarks;
    private final JobStore jobs;
    private final QueueDepths queues;
    private final Clock clock;

    public HealthCheck(StoreQueries store, SyncMarks syncMarks, JobStore jobs, QueueDepths queues, Clock clock) {
        this.store = store;
        this.syncMarks = syncMarks;
        this.jobs = jobs;
        this.queues = queues;
        this.clock = clock;
    }

    public HealthReport check() {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        boolean unreachable = false;
        SystemCounts system = null;
        LastPeriodicSync lastSync = null;
        try {
            system = systemCounts(now);
            lastSync = jobs.latest(SyncJob.Type.PERIODIC_SYNC).map(HealthCheck::lastSync).orElse(null);
        } catch (StoreUnavailableException e) {
            unreachable = true;
            problems.add("DynamoDB cannot be reached.");
            LOG.error("health: DynamoDB unreachable", Map.of("error", e.getMessage()));
        }
        QueueCounts queueCounts = null;
        try {
            queueCounts = new QueueCounts(queues.eventsBacklog(), queues.deadLetters());
        } catch (QueueUnavailableException e) {
            unreachable = true;
            problems.add("SQS cannot be reached.");
            LOG.error("health: SQS unreachable", Map.of("error", e.getMessage()));
        }
        if (system != null && system.syncCoverage() < MIN_COVERAGE) {
            problems.add("Sync coverage is " + system.syncCoverage() + " %, under " + MIN_COVERAGE + " %.");
        }
        if (lastSync != null && SyncJob.Status.FAILED.wireName().equals(lastSync.status())) {
            problems.add("The last periodic sync failed.");
        }
        if (queueCounts != null && queueCounts.deadLetters() > 0) {
            problems.add(queueCounts.deadLetters() + " message(s) wait in dead-letter queues.");
        }
        Status status = unreachable ? Status.UNHEALTHY : problems.isEmpty() ? Status.HEALTHY : Status.DEGRADED;
        return new HealthReport(status, now, system, lastSync, queueCounts, List.copyOf(problems));
    }

    private SystemCounts systemCounts(Instant now) {
        GlobalStats totals = store.stats();
        // The two counts are separate reads; a deletion between them could make synced exceed the total.
        long synced = Math.min(syncMarks.countSyncedSince(now.minus(SYNCED_WITHIN), now), totals.totalRepositories());
        double coverage = totals.totalRepositories() == 0 ? 100.0
                : Math.floor(1000.0 * synced / totals.totalRepositories()) / 10.0;
        return new SystemCounts(totals.totalInstallations(), totals.totalRepositories(), synced, coverage);
    }

    private static LastPeriodicSync lastSync(SyncJob job) {
        Instant time = Optional.ofNullable(job.completedAt()).or(() -> Optional.ofNullable(job.startedAt()))
                .orElse(job.createdAt());
        return new LastPeriodicSync(job.jobId(), time, job.status().wireName(), job.repositoriesProcessed());
    }
}
