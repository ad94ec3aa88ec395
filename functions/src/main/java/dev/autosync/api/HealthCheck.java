package dev.autosync.api;

import dev.autosync.api.HealthReport.LastPeriodicSync;
import dev.autosync.api.HealthReport.QueueCounts;
import dev.autosync.api.HealthReport.Status;
import dev.autosync.api.HealthReport.SystemCounts;
import dev.autosync.common.Log;
import dev.autosync.common.Workers;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Computes {@link HealthReport}: totals from the writers' counters (one GetItem), recently synced
 * repositories from {@link SyncMarks} (a COUNT over one or two index partitions), the last periodic sync
 * (one Query, limit 1) and queue depths (GetQueueAttributes). Nothing scans.
 *
 * <p>Rules: {@code unhealthy} when DynamoDB or SQS cannot be reached (fails, or does not answer within the
 * deadline; both are read at once); else {@code degraded} when sync
 * coverage is under {@value #MIN_COVERAGE} %, the last periodic sync failed, or a dead-letter queue holds
 * a message; else {@code healthy}. "Synced" means within {@value #SYNCED_WITHIN_INTERVALS} intervals of the
 * periodic sync's schedule ({@code AUTOSYNC_SYNC_INTERVAL}, see {@link dev.autosync.common.SyncInterval}).
 */
public final class HealthCheck implements AutoCloseable {

    /** One per service read at once (DynamoDB, SQS), with room for one reading still hung on each. */
    private static final int READER_THREADS = 4;

    /** A repository counts as synced when its last sync is within two schedule intervals (one missed run tolerated). */
    public static final int SYNCED_WITHIN_INTERVALS = 2;
    public static final double MIN_COVERAGE = 90.0;
    /** Each service's deadline in production: the api function's timeout is 10 s. */
    public static final Duration DEADLINE = Duration.ofSeconds(3);

    private static final Log LOG = Log.of(HealthCheck.class);

    private final StoreQueries store;
    private final SyncMarks syncMarks;
    private final JobStore jobs;
    private final QueueDepths queues;
    private final Clock clock;
    private final Duration syncedWithin;
    private final Duration deadline;
    /**
     * DynamoDB and SQS are read at once. Daemon threads, so a reading abandoned at the deadline never blocks
     * exit; bounded, so readings hung on a silent network cannot pile up threads (the api computes health at
     * most once per few seconds anyway); owned by this check and closed with it.
     */
    private final Workers readers = new Workers("health-reader", READER_THREADS);

    /**
     * @param syncInterval the periodic sync's schedule ({@code SyncInterval.effective()}): the coverage window
     *                     is {@link #syncedWithin(Duration)} of it
     * @param deadline     how long each service may take before it counts as unreachable: a health check must
     *                     answer well inside the function's timeout even when a network path silently drops packets
     */
    public HealthCheck(StoreQueries store, SyncMarks syncMarks, JobStore jobs, QueueDepths queues, Clock clock,
                       Duration syncInterval, Duration deadline) {
        this.store = store;
        this.syncMarks = syncMarks;
        this.jobs = jobs;
        this.queues = queues;
        this.clock = clock;
        this.syncedWithin = syncedWithin(syncInterval);
        this.deadline = deadline;
    }

    /** How recent a repository's last sync must be to count as synced, for a schedule of {@code syncInterval}. */
    public static Duration syncedWithin(Duration syncInterval) {
        return syncInterval.multipliedBy(SYNCED_WITHIN_INTERVALS);
    }

    public HealthReport check() {
        Instant now = clock.instant();
        CompletableFuture<StoreReadings> storeReadings = readers.supply(() -> readStore(now));
        CompletableFuture<QueueCounts> queueReadings = readers.supply(
                () -> QueueCounts.of(queues.eventsBacklog(), queues.deadLettersByQueue()));
        List<String> problems = new ArrayList<>();
        Optional<StoreReadings> fromStore = await(storeReadings, "DynamoDB", problems);
        Optional<QueueCounts> queueCounts = await(queueReadings, "SQS", problems);
        boolean unreachable = !problems.isEmpty();
        SystemCounts system = fromStore.map(StoreReadings::system).orElse(null);
        LastPeriodicSync lastSync = fromStore.flatMap(StoreReadings::lastSync).orElse(null);
        if (system != null && system.syncCoverage() < MIN_COVERAGE) {
            problems.add("Sync coverage is " + system.syncCoverage() + " %, under " + MIN_COVERAGE + " %.");
        }
        if (lastSync != null && SyncJob.Status.FAILED.wireName().equals(lastSync.status())) {
            problems.add("The last periodic sync failed.");
        } else if (lastSync != null && lastSync.time().isBefore(now.minus(syncedWithin))) {
            // The schedule (or its sync functions) stopped: coverage would show it only once repositories age out.
            problems.add("The last periodic sync was at " + lastSync.time() + ", more than " + SYNCED_WITHIN_INTERVALS
                    + " schedule intervals ago.");
        }
        if (queueCounts.isPresent() && queueCounts.get().deadLetters() > 0) {
            List<String> where = new ArrayList<>();
            queueCounts.get().deadLettersByQueue().forEach((queue, count) -> {
                if (count > 0) {
                    where.add(queue + " " + count);
                }
            });
            problems.add(queueCounts.get().deadLetters() + " message(s) wait in dead-letter queues ("
                    + String.join(", ", where) + ").");
        }
        Status status = unreachable ? Status.UNHEALTHY : problems.isEmpty() ? Status.HEALTHY : Status.DEGRADED;
        return new HealthReport(status, now, system, lastSync, queueCounts.orElse(null), List.copyOf(problems));
    }

    private record StoreReadings(SystemCounts system, Optional<LastPeriodicSync> lastSync) {
    }

    private StoreReadings readStore(Instant now) {
        return new StoreReadings(systemCounts(now), jobs.latest(SyncJob.Type.PERIODIC_SYNC).map(HealthCheck::lastSync));
    }

    /** The reading, or empty (with a problem noted) when the service failed or did not answer in time. */
    private <T> Optional<T> await(CompletableFuture<T> reading, String service, List<String> problems) {
        try {
            return Optional.of(reading.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            reading.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (!(cause instanceof StoreUnavailableException || cause instanceof QueueUnavailableException
                    || cause instanceof TimeoutException)) {
                throw new IllegalStateException("health check failed reading " + service, cause);
            }
            problems.add(service + " cannot be reached.");
            LOG.error("health: " + service + " unreachable", Map.of("error", String.valueOf(cause)));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + service, e);
        }
    }

    private SystemCounts systemCounts(Instant now) {
        GlobalStats totals = store.stats();
        // The two counts are separate reads; a deletion between them could make synced exceed the total.
        long synced = Math.min(syncMarks.countSyncedSince(now.minus(syncedWithin), now), totals.totalRepositories());
        double coverage = totals.totalRepositories() == 0 ? 100.0
                : Math.floor(1000.0 * synced / totals.totalRepositories()) / 10.0;
        return new SystemCounts(totals.totalInstallations(), totals.totalRepositories(), synced, coverage);
    }

    private static LastPeriodicSync lastSync(SyncJob job) {
        Instant time = Optional.ofNullable(job.completedAt()).or(() -> Optional.ofNullable(job.startedAt()))
                .orElse(job.createdAt());
        return new LastPeriodicSync(job.jobId(), time, job.status().wireName(), job.repositoriesProcessed());
    }

    @Override
    public void close() {
        readers.close();
    }
}
