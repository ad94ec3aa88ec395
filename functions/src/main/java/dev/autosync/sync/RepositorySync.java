package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.github.GitHub;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Lookup;
import dev.autosync.github.RepoRef;
import dev.autosync.github.ResourceGoneException;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Repository;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncMarks;
import dev.autosync.store.SyncState;
import dev.autosync.store.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One repository task ({@code import_repository}, {@code sync_repository}): commits of the default branch
 * (and {@code SYNC_BRANCHES}, or only the branch a push named), issues and pull requests, then the
 * repository is marked synced.
 *
 * <p>A task holds the repository's lease while it works, so a manual sync and a periodic one never walk the
 * same repository at once; a task finding it taken is re-sent a minute later (it is not finished, so its
 * job waits for it). A task of a periodic run trusts the repository the run just listed; any other task
 * reads it by id first ({@code GET /repositories/{id}}: a rename keeps the id), and a repository GitHub no
 * longer shows is deleted from the store, versioned by that answer's {@code Date}.
 */
final class RepositorySync {

    /**
     * Longer than the sync-task function's 300 s timeout: a live task's lease never expires under it.
     *
     * <p>Unlike the processor's delivery lease ({@code DELIVERY_LEASE_SECONDS}, checked at init against
     * {@code AUTOSYNC_FUNCTION_TIMEOUT_SECONDS}), this one is not checked against the deployed timeout: it is
     * no setting, and a task that outlived it corrupts nothing. Every write of the repository's sync state is
     * conditioned on this task still holding the lease ({@link SyncState}), so an overrunning task stops at its
     * next step ({@link LeaseLostException}, retried); what it wrote before is what a takeover writes too:
     * versioned, order-safe upserts, and commit chunks recorded under their op id (written once). Raising the
     * sync-task timeout past this lease would cost duplicated GitHub reads, not exactness.
     */
    static final Duration LEASE = Duration.ofMinutes(6);
    static final Duration BUSY_RETRY = Duration.ofMinutes(1);
    private static final Log LOG = Log.of(RepositorySync.class);

    private final GitHub github;
    private final EntityStore entities;
    private final StoreQueries queries;
    private final SyncState state;
    private final SyncMarks marks;
    private final CommitSync commits;
    private final ActivitySync activity;
    private final SyncTaskQueue queue;
    private final SyncSettings settings;

    RepositorySync(GitHub github, EntityStore entities, StoreQueries queries, SyncState state, SyncMarks marks,
                   CommitSync commits, ActivitySync activity, SyncTaskQueue queue, SyncSettings settings) {
        this.github = github;
        this.entities = entities;
        this.queries = queries;
        this.state = state;
        this.marks = marks;
        this.commits = commits;
        this.activity = activity;
        this.queue = queue;
        this.settings = settings;
    }

    /** @return the task's result, or empty when it was re-sent to continue later (not finished) */
    Optional<TaskResult> sync(Work work) {
        SyncTask task = work.task();
        long repositoryId = task.repositoryId();
        InstallationId installation = new InstallationId(task.installationId());
        Optional<Instant> blocked = state.blockedUntil(task.installationId(), work.now());
        if (blocked.isPresent()) {
            throw new dev.autosync.github.RateLimitedException("installation " + task.installationId(), blocked.get());
        }
        if (!state.lease(repositoryId, work.owner(), work.now().plus(LEASE), work.now())) {
            queue.send(task, BUSY_RETRY);
            LOG.info("repository busy, task re-sent", Map.of("repository_id", repositoryId, "job_id", work.jobId()));
            return Optional.empty();
        }
        try {
            return syncLeased(work, installation, repositoryId);
        } catch (ResourceGoneException e) {
            // Deleted (or taken out of the installation) between listing and fetching: a deletion, not an error.
            try {
                return Optional.of(gone(work, installation, repositoryId));
            } catch (ResourceGoneException installationGone) {
                // The installation itself is gone (its token exchange answers 404): the run that sees that
                // deletes its data; nothing to do here.
                return Optional.of(TaskResult.skipped(task.repositoryFullName()));
            }
        } finally {
            state.release(repositoryId, work.owner());
        }
    }

    private Optional<TaskResult> syncLeased(Work work, InstallationId installation, long repositoryId) {
        SyncTask task = work.task();
        Optional<Repository> known = queries.repository(repositoryId);
        Repository repository;
        Instant version;
        if (known.isPresent() && task.parts() != null) {
            repository = known.get();
            version = versionOf(repository);
        } else {
            Lookup<dev.autosync.github.Repository> lookup = github.repositoryById(installation, repositoryId);
            if (lookup.value().isEmpty()) {
                return Optional.of(deleted(work, repositoryId, lookup.date()));
            }
            dev.autosync.github.Repository found = lookup.value().get();
            version = GitHubRecords.repositoryVersion(found);
            if (entities.repositoryDeleted(repositoryId)) {
                // Only the installation's listing (or a webhook) re-adds a repository: a public one stays
                // readable by id after it left the installation, so an answer here proves nothing.
                return Optional.of(TaskResult.gone(task.repositoryFullName()));
            }
            entities.upsertRepository(GitHubRecords.repository(found, installation), version,
                    GitHubRecords.observedAt(lookup.date(), work.now()));
            repository = queries.repository(repositoryId).orElse(GitHubRecords.repository(found, installation));
        }
        RepoRef ref = RepoRef.parse(repository.fullName());
        SyncState.RepoState current = state.repository(repositoryId);
        int commitCount = 0;
        if (task.reads(SyncTask.Part.COMMITS)) {
            for (String branch : branches(task, repository)) {
                boolean isDefault = branch.equals(repository.defaultBranch());
                CommitSync.Result result;
                try {
                    result = commits.sync(work, installation, ref, repository, version, branch,
                            isDefault ? Optional.ofNullable(repository.pushedAt()) : Optional.empty());
                } catch (ResourceGoneException e) {
                    if (isDefault) {
                        throw e;
                    }
                    continue; // a configured branch this repository does not have
                }
                commitCount += result.written();
                if (result.outcome() == CommitSync.Outcome.CHECKPOINT) {
                    queue.send(task);
                    LOG.info("task checkpointed", Map.of("repository_id", repositoryId, "job_id", work.jobId(),
                            "commits", commitCount));
                    return Optional.empty();
                }
            }
        }
        int issueCount = 0;
        boolean complete = true;
        if (task.reads(SyncTask.Part.ISSUES)) {
            try {
                ActivitySync.Issues issues = activity.issues(work, installation, ref, repositoryId, current);
                issueCount = issues.written();
                complete = issues.complete();
            } catch (ResourceGoneException e) {
                // GitHub answers 410 for the issues of a repository that has them disabled: none to sync.
                LOG.info("repository has issues disabled", Map.of("repository_id", repositoryId));
            }
        }
        int pullCount = task.reads(SyncTask.Part.PULLS) ? activity.pulls(work, installation, ref, repositoryId, current) : 0;
        if (!complete) {
            state.markDirty(repositoryId); // the next run goes on from the issue cursor
        } else if (current.dirty()) {
            state.clean(repositoryId, work.owner());
        }
        marks.markSynced(repositoryId, work.now());
        return Optional.of(TaskResult.synced(repository.fullName(), commitCount, issueCount, pullCount));
    }

    private List<String> branches(SyncTask task, Repository repository) {
        if (task.branch() != null) {
            return List.of(task.branch());
        }
        List<String> branches = new ArrayList<>();
        if (repository.defaultBranch() != null) {
            branches.add(repository.defaultBranch());
        }
        settings.extraBranches().stream().filter(b -> !branches.contains(b)).forEach(branches::add);
        return branches;
    }

    private TaskResult gone(Work work, InstallationId installation, long repositoryId) {
        Lookup<dev.autosync.github.Repository> lookup = github.repositoryById(installation, repositoryId);
        if (lookup.value().isPresent()) {
            throw new IllegalStateException("GitHub lists repository " + repositoryId + " but not its contents");
        }
        return deleted(work, repositoryId, lookup.date());
    }

    private TaskResult deleted(Work work, long repositoryId, Optional<Instant> date) {
        Optional<Repository> known = queries.repository(repositoryId);
        String name = known.map(Repository::fullName).orElse(null);
        Long holder = known.map(Repository::installationId).orElse(null);
        if (holder != null && !holder.equals(work.task().installationId())) {
            // Moved to another installation (a transfer) since this task was queued: out of this installation's
            // sight, not gone from GitHub; the installation that holds it now syncs it.
            LOG.info("repository moved to another installation; not deleted", Map.of("repository_id", repositoryId,
                    "installation_id", holder, "job_id", work.jobId()));
            return TaskResult.skipped(name);
        }
        entities.deleteRepository(repositoryId, date.orElse(work.now()));
        LOG.info("repository gone on GitHub", Map.of("repository_id", repositoryId, "job_id", work.jobId()));
        return TaskResult.gone(name);
    }

    static Instant versionOf(Repository repository) {
        Instant updated = repository.updatedAt() == null ? Instant.EPOCH : repository.updatedAt();
        Instant pushed = repository.pushedAt() == null ? Instant.EPOCH : repository.pushedAt();
        return updated.isAfter(pushed) ? updated : pushed;
    }
}
