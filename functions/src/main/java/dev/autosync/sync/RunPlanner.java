package dev.autosync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.github.GitHub;
import dev.autosync.github.Installation;
import dev.autosync.github.Page;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.EntityStore;
import dev.autosync.store.JobProgress;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncJob;
import dev.autosync.store.SyncState;
import dev.autosync.store.TaskResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A periodic run: records the run's job (from the schedule), then, as the run's first task, compares
 * {@code GET /app/installations} with the store — a new installation gets an {@code auto_import} job, one
 * gone from GitHub is handled as {@code installation.deleted} would be (honouring
 * {@code RETAIN_DATA_ON_UNINSTALL}), a suspended one is skipped — asks GitHub to redeliver missed webhooks,
 * and fans out one installation task per active installation.
 *
 * <p>A full run (every repository re-read) is due once per {@code AUTOSYNC_FULL_SYNC_HOURS}; the schedule
 * claims it in the store, so one run of the period gets it however many containers ask.
 */
final class RunPlanner {

    private static final Log LOG = Log.of(RunPlanner.class);

    private final GitHub github;
    private final EntityStore entities;
    private final StoreQueries queries;
    private final JobProgress jobs;
    private final dev.autosync.store.JobStore jobStore;
    private final SyncState state;
    private final SyncTaskQueue queue;
    private final Redeliveries redeliveries;
    private final FanOut fanOut;
    private final SyncSettings settings;
    private final Clock clock;

    RunPlanner(GitHub github, EntityStore entities, StoreQueries queries, JobProgress jobs,
               dev.autosync.store.JobStore jobStore, SyncState state,
               SyncTaskQueue queue, Redeliveries redeliveries, FanOut fanOut, SyncSettings settings, Clock clock) {
        this.github = github;
        this.entities = entities;
        this.queries = queries;
        this.jobs = jobs;
        this.jobStore = jobStore;
        this.state = state;
        this.queue = queue;
        this.redeliveries = redeliveries;
        this.fanOut = fanOut;
        this.settings = settings;
        this.clock = clock;
    }

    /** The schedule fired (at {@code scheduledAt}, or now): records the run's job and queues its task. */
    String schedule(Instant scheduledAt) {
        Instant now = clock.instant();
        Instant at = (scheduledAt == null ? now : scheduledAt).truncatedTo(ChronoUnit.MINUTES);
        String jobId = derivedId("periodic/" + at);
        boolean full = state.claimFullRun(at, at.minus(settings.fullSyncEvery()));
        ObjectNode details = Json.mapper().createObjectNode().put("trigger", "schedule").put("full", full);
        if (!jobs.create(SyncJob.pending(jobId, SyncJob.Type.PERIODIC_SYNC, null, null, details, now), List.of("run"))) {
            // The schedule's retry of an invocation that recorded the job: send its task again, as it was.
            full = jobStore.job(jobId).map(job -> job.details() != null && job.details().path("full").asBoolean(false)).orElse(full);
        }
        queue.send(SyncTask.of(SyncTask.Kind.PERIODIC_SYNC).withJob(jobId).withReason("schedule", now).withFull(full));
        LOG.info("periodic sync scheduled", Map.of("job_id", jobId, "full", full));
        return jobId;
    }

    TaskResult plan(Work work) {
        List<Installation> onGitHub = new ArrayList<>();
        Map<Long, Instant> observed = new HashMap<>(); // each installation as of its page's answer
        Optional<Instant> date = Optional.empty();
        for (Page<Installation> page : (Iterable<Page<Installation>>) github.installations()::iterator) {
            date = date.isPresent() ? date : page.date();
            Instant answered = GitHubRecords.observedAt(page.date(), work.now());
            page.items().forEach(installation -> observed.put(installation.id().value(), answered));
            onGitHub.addAll(page.items());
        }
        Map<Long, dev.autosync.store.Installation> known = new HashMap<>();
        Pages.all(queries::installations).forEach(i -> known.put(i.id(), i));
        List<SyncTask> children = new ArrayList<>();
        int imports = 0;
        int skipped = 0;
        for (Installation installation : onGitHub) {
            long id = installation.id().value();
            boolean unknown = !known.containsKey(id);
            if (unknown && !installation.suspended()) {
                // Before the installation is written: a retry after a failed send still finds it unknown.
                startImport(installation, work);
                imports++;
            }
            entities.upsertInstallation(GitHubRecords.installation(installation), GitHubRecords.installationVersion(installation),
                    observed.get(id));
            if (installation.suspended()) {
                skipped++;
            } else if (!unknown && known.get(id).uninstalledAt() == null) {
                children.add(SyncTask.of(SyncTask.Kind.SYNC_INSTALLATION).withJob(work.jobId()).withInstallation(id)
                        .withReason(work.task().reason(), work.now()).withFull(work.task().fullRun()));
            }
        }
        int gone = 0;
        Map<Long, Boolean> listed = new HashMap<>();
        onGitHub.forEach(i -> listed.put(i.id().value(), true));
        for (dev.autosync.store.Installation stored : known.values()) {
            if (listed.containsKey(stored.id()) || stored.uninstalledAt() != null) {
                continue;
            }
            if (settings.retainDataOnUninstall()) {
                entities.markUninstalled(stored.id());
            } else {
                entities.deleteInstallation(stored.id(), date.orElse(work.now()));
            }
            gone++;
            LOG.info("installation gone on GitHub", Map.of("installation_id", stored.id(), "job_id", work.jobId()));
        }
        // Installations first: a redelivery GitHub refuses must not keep the run from its real work.
        fanOut.send(work, children);
        int redelivered = redeliveries.run(work);
        LOG.info("periodic sync planned", Map.of("job_id", work.jobId(), "installations", onGitHub.size(),
                "imports", imports, "suspended", skipped, "gone", gone, "redelivered", redelivered));
        return TaskResult.done().withRedeliveries(redelivered);
    }

    /**
     * An installation the store has never seen (its {@code installation.created} webhook was lost): an
     * {@code auto_import} job whose id derives from the installation, as the processor's does, so the two
     * paths never import it twice.
     */
    private void startImport(Installation installation, Work work) {
        long id = installation.id().value();
        String jobId = SyncJob.importJobId(id);
        ObjectNode details = Json.mapper().createObjectNode().put("reason", "installation_found_by_sync");
        SyncTask task = SyncTask.of(SyncTask.Kind.IMPORT_INSTALLATION).withJob(jobId).withInstallation(id)
                .withReason("installation_found_by_sync", work.now());
        jobs.create(SyncJob.pending(jobId, SyncJob.Type.AUTO_IMPORT, id, null, details, work.now()), List.of(task.taskKey()));
        if (!jobs.finished(jobId, task.taskKey())) {
            queue.send(task); // again on a retry: a send may have been lost; a duplicate task is skipped once counted
        }
    }

    static String derivedId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
