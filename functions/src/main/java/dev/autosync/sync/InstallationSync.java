package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.github.GitHub;
import dev.autosync.github.GitHubRejectedException;
import dev.autosync.github.Installation;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Lookup;
import dev.autosync.github.Page;
import dev.autosync.github.RateLimitedException;
import dev.autosync.github.Repository;
import dev.autosync.github.ResourceGoneException;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.EntityStore;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncMarks;
import dev.autosync.store.SyncState;
import dev.autosync.store.TaskResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One installation ({@code import_installation}, {@code sync_installation}): lists its repositories, brings
 * each one's own fields up to date (renames, transfers, archiving, visibility, default branch), deletes
 * those GitHub no longer shows to it (after asking by id: a name that 404s may be a rename), and fans out a
 * repository task for each repository that changed — every repository on an import or a full run. The
 * repositories found unchanged are marked synced here, so health's coverage is true without a task each.
 */
final class InstallationSync {

    private static final Log LOG = Log.of(InstallationSync.class);

    private final GitHub github;
    private final EntityStore entities;
    private final StoreQueries queries;
    private final SyncState state;
    private final SyncMarks marks;
    private final ChangeDetection detection;
    private final FanOut fanOut;
    private final SyncSettings settings;
    private final RateLimitRecorder rateLimits;

    InstallationSync(GitHub github, EntityStore entities, StoreQueries queries, SyncState state, SyncMarks marks,
                     ChangeDetection detection, FanOut fanOut, SyncSettings settings, RateLimitRecorder rateLimits) {
        this.github = github;
        this.entities = entities;
        this.queries = queries;
        this.state = state;
        this.marks = marks;
        this.detection = detection;
        this.fanOut = fanOut;
        this.settings = settings;
        this.rateLimits = rateLimits;
    }

    /** The installation's listing as one walk read it. */
    private record Walk(List<Listed> listed, Optional<Instant> date, boolean complete) {
    }

    /**
     * Reads the installation's repository listing, writing each repository a page shows and recording each page
     * read (its ids and ETag); a 304 page stands for the ids its record holds.
     *
     * @param conditional whether to ask with the ETags held (false: every page is read)
     * @return null when a 304 page has no record of the version GitHub found unchanged (none at all, or one of
     *         another read: its ETag differs or is missing), so nothing can stand for the page
     */
    private Walk walk(InstallationId installation, Work work, Map<Long, dev.autosync.store.Repository> stored,
                      boolean conditional) {
        long installationId = installation.value();
        List<Listed> listed = new ArrayList<>();
        Optional<Instant> date = Optional.empty();
        boolean complete = true;
        Map<Integer, SyncState.ListingPage> earlierPages = null; // read once, at the first 304 page
        int index = 0;
        for (Page<Repository> page : (Iterable<Page<Repository>>) github.repositories(installation, conditional)::iterator) {
            date = date.isPresent() ? date : page.date();
            if (page.notModified()) {
                // Nothing on this page changed since it was last read: its repositories are the ones the
                // record of that read holds, as the store holds them.
                earlierPages = earlierPages != null ? earlierPages : state.listingPages(installationId);
                Optional<SyncState.ListingPage> record = Optional.ofNullable(earlierPages.get(index));
                if (record.isEmpty() || record.get().etag().isEmpty() || !record.get().etag().equals(page.etag())) {
                    return null;
                }
                for (long id : record.get().repositoryIds()) {
                    dev.autosync.store.Repository known = stored.get(id);
                    if (known != null) {
                        listed.add(Listed.of(known));
                    } else {
                        complete &= relisted(installation, id, page.date().orElse(work.now()), work, listed);
                    }
                }
            } else {
                // Written before the next page is asked for, which is when the client keeps this page's
                // ETag: a retry that gets 304 for it finds the store already as the page said.
                Instant pageVersion = page.date().orElse(work.now());
                for (Repository repo : page.items()) {
                    listed.add(Listed.of(repo));
                    write(installation, repo, stored.containsKey(repo.id()), pageVersion, page.date(), work);
                }
                state.listingPage(installationId, index,
                        new SyncState.ListingPage(page.items().stream().map(Repository::id).toList(), page.etag()));
            }
            index++;
        }
        return new Walk(listed, date, complete);
    }

    /**
     * A repository an unchanged listing page still names that the store no longer holds: removed since the page
     * was read by something older than the listing (a removal webhook delivered late, a task that looked it up
     * under the installation it was transferred from). The page says it is in the installation; the body a 304
     * lacks is read by id, and the repository is written back as a listed one would be.
     *
     * @return false when it could not be read (the listing then counts as incomplete: it shows no removals)
     */
    private boolean relisted(InstallationId installation, long id, Instant pageVersion, Work work, List<Listed> listed) {
        Lookup<Repository> byId = github.repositoryById(installation, id);
        if (byId.value().isEmpty()) {
            return false;
        }
        Repository repo = byId.value().get();
        write(installation, repo, false, pageVersion, byId.date(), work);
        listed.add(Listed.of(repo));
        return true;
    }

    /** A listed repository written as the listing (or the by-id answer dated {@code answered}) shows it. */
    private void write(InstallationId installation, Repository repo, boolean inStore, Instant listedAt,
                       Optional<Instant> answered, Work work) {
        if (!inStore && entities.repositoryDeleted(repo.id())) {
            entities.reviveRepository(repo.id(), listedAt); // listed again: an explicit re-add
        }
        entities.upsertRepository(GitHubRecords.repository(repo, installation), GitHubRecords.repositoryVersion(repo),
                GitHubRecords.observedAt(answered, work.now()));
    }

    /**
     * Checks the installation, then records the rate limit its requests last reported, whatever the outcome
     * (a task stopped by a spent limit records it spent): once per installation and run.
     */
    TaskResult sync(Work work, boolean importAll) {
        long installationId = work.task().installationId();
        Optional<String> account = Optional.empty();
        try {
            Optional<Instant> blocked = state.blockedUntil(installationId, work.now());
            if (blocked.isPresent()) {
                throw new RateLimitedException("installation " + installationId, blocked.get());
            }
            Lookup<Installation> found = github.installation(new InstallationId(installationId));
            account = found.value().map(Installation::accountLogin);
            return sync(work, importAll, found);
        } finally {
            rateLimits.record(installationId, account);
        }
    }

    private TaskResult sync(Work work, boolean importAll, Lookup<Installation> found) {
        SyncTask task = work.task();
        Instant started = work.now();
        long installationId = task.installationId();
        InstallationId installation = new InstallationId(installationId);
        if (found.value().isEmpty()) {
            return TaskResult.gone(null);
        }
        if (found.value().get().suspended()) {
            return TaskResult.skipped(null);
        }
        Map<Long, dev.autosync.store.Repository> stored = new HashMap<>();
        Pages.all(page -> queries.repositories(Optional.of(installationId), page)).forEach(r -> stored.put(r.githubId(), r));
        // A full run or an import must see every page as GitHub has it now; so must a walk that met a 304 page
        // with no record of that version of the page (two walks of one installation, each recording its page
        // and keeping its ETag, can leave one's ids beside the other's ETag): that walk starts again, reading
        // every page.
        boolean conditional = !(importAll || task.fullRun());
        Walk walk;
        try {
            walk = walk(installation, work, stored, conditional);
            if (walk == null) {
                LOG.info("repository listing record out of step with its ETag; reading the listing again",
                        Map.of("installation_id", installationId, "job_id", work.jobId()));
                walk = walk(installation, work, stored, false);
            }
        } catch (ResourceGoneException e) {
            return TaskResult.gone(null);
        } catch (GitHubRejectedException e) {
            if (e.status() == 403) {
                return TaskResult.skipped(null); // a suspended installation's token exchange is refused
            }
            throw e;
        }
        List<Listed> listed = walk.listed();
        Optional<Instant> date = walk.date();
        boolean complete = walk.complete();
        Instant version = date.orElse(work.now());
        Map<Long, SyncState.RepoState> states = state.repositories(listed.stream().map(Listed::id).toList());
        boolean everything = importAll || task.fullRun();
        ChangeDetection.Changes changes = everything ? null
                : detection.detect(found.value().get(), listed, stored, states, work.now(), settings.interval().effective());

        Map<String, SyncTask> children = new LinkedHashMap<>();
        int unchanged = 0;
        for (Listed repo : listed) {
            // Explicit parts even for everything: the repository was just written from the listing, so its
            // task need not read it again (one request less per repository on an import).
            Set<SyncTask.Part> parts = everything ? java.util.EnumSet.allOf(SyncTask.Part.class) : changes.of(repo.id());
            if (parts.isEmpty()) {
                marks.markSynced(repo.id(), work.now());
                unchanged++;
                continue;
            }
            SyncTask child = SyncTask.of(importAll ? SyncTask.Kind.IMPORT_REPOSITORY : SyncTask.Kind.SYNC_REPOSITORY)
                    .withJob(work.jobId()).withInstallation(installationId).withRepository(repo.id(), repo.fullName())
                    .withReason(task.reason(), work.now()).withFull(task.fullRun()).withParts(parts);
            children.put(child.taskKey(), child);
        }
        int gone = 0;
        Map<Long, Boolean> listedIds = new HashMap<>();
        listed.forEach(r -> listedIds.put(r.id(), true));
        // An incomplete listing (a 304 page this container has no record of) cannot show a removal.
        for (dev.autosync.store.Repository missing : complete ? stored.values() : List.<dev.autosync.store.Repository>of()) {
            if (listedIds.containsKey(missing.githubId())) {
                continue;
            }
            // The listing names repositories by id, so a rename never drops one from it: missing from a
            // complete listing is removed (deleted, or taken out of the installation). The lookup by id only
            // dates the removal; a public repository still answers it after leaving the installation.
            Lookup<Repository> byId = github.repositoryById(installation, missing.githubId());
            entities.deleteRepository(missing.githubId(), byId.date().orElse(version));
            LOG.info("repository gone from the installation", Map.of("repository_id", missing.githubId(), "job_id", work.jobId()));
            gone++;
        }
        fanOut.send(work, List.copyOf(children.values()));
        if (changes == null) {
            state.detected(installationId, started); // everything was read: the next run starts from here
        } else if (changes.searched()) {
            state.detected(installationId, changes.startedAt());
        }
        LOG.info("installation checked", Map.of("installation_id", installationId, "job_id", work.jobId(),
                "repositories", listed.size(), "changed", children.size(), "unchanged", unchanged, "gone", gone));
        return TaskResult.checked(unchanged + gone);
    }
}
