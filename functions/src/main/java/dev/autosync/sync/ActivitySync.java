package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.github.GitHub;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Page;
import dev.autosync.github.PullRequest;
import dev.autosync.github.RepoRef;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Issue;
import dev.autosync.store.IssueState;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and pull requests of one repository, through the same guarded store writes as webhooks (so a
 * sync never moves an entity back past what a newer webhook wrote).
 *
 * <p>Issues are listed with {@code since} from the issue cursor (less an overlap for GitHub's clock
 * granularity); pull requests, which GitHub cannot filter by time, by {@code updated} descending until one
 * older than the cursor. A full run lists every issue and deletes from the store those GitHub no longer
 * lists (deleted or transferred — their webhooks may have been lost), versioned by the listing's
 * {@code Date}.
 */
final class ActivitySync {

    static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final Log LOG = Log.of(ActivitySync.class);

    private final GitHub github;
    private final EntityStore entities;
    private final StoreQueries queries;
    private final SyncState state;
    private final SyncSettings settings;

    ActivitySync(GitHub github, EntityStore entities, StoreQueries queries, SyncState state, SyncSettings settings) {
        this.github = github;
        this.entities = entities;
        this.queries = queries;
        this.state = state;
        this.settings = settings;
    }

    /** How far an issue walk got: {@code complete} false when time ran out before its last page. */
    record Issues(int written, boolean complete) {
    }

    /**
     * Issues updated since the cursor, oldest update first, the cursor moving with each page: a walk that
     * runs out of time keeps what it wrote, and the next one (the repository is marked for it) goes on from
     * there. A full run lists every issue and then deletes those GitHub no longer lists.
     */
    Issues issues(Work work, InstallationId installation, RepoRef ref, long repositoryId, SyncState.RepoState current) {
        boolean full = work.task().fullRun();
        Optional<Instant> since = full ? Optional.empty()
                : Optional.of(current.issueCursor().map(c -> c.minus(OVERLAP)).orElse(settings.historyStart(work.now())));
        Instant newest = current.issueCursor().orElse(null);
        Set<Long> listed = new HashSet<>();
        Optional<Instant> date = Optional.empty();
        boolean complete = true;
        boolean listedAll = true;
        int written = 0;
        Iterator<Page<dev.autosync.github.Issue>> pages = github.issues(installation, ref, since).iterator();
        while (pages.hasNext()) {
            Page<dev.autosync.github.Issue> page = pages.next();
            date = date.isPresent() ? date : page.date();
            // A 304 page holds what it held when this container last read it, which is not known here.
            listedAll &= !page.notModified();
            Instant answered = GitHubRecords.observedAt(page.date(), work.now());
            List<Instant> closed = new ArrayList<>();
            for (dev.autosync.github.Issue issue : page.items()) {
                listed.add((long) issue.number());
                Issue stored = GitHubRecords.issue(issue, repositoryId);
                entities.upsertIssue(stored, answered);
                written++;
                newest = newest == null || issue.updatedAt().isAfter(newest) ? issue.updatedAt() : newest;
                if (!stored.open() && stored.closedAt() != null) {
                    closed.add(stored.closedAt());
                }
            }
            if (newest != null && !page.items().isEmpty()) {
                state.issueCursor(repositoryId, work.owner(), newest, closed, work.now());
            }
            if (!work.hasTime() && pages.hasNext()) {
                complete = false;
                break;
            }
        }
        if (full && complete && listedAll) {
            deleteUnlisted(work, installation, ref, repositoryId, listed, date.orElse(work.now()));
        }
        if (complete) {
            settle(date, newest).ifPresent(cursor -> state.issueCursor(repositoryId, work.owner(), cursor));
        }
        return new Issues(written, complete);
    }

    /**
     * Stored issues the full listing did not name: deleted or transferred, or only shifted across a page
     * boundary while the listing was read, or created since. Each is asked for by number before it goes,
     * and only one last updated before the listing began may go at all.
     */
    private void deleteUnlisted(Work work, InstallationId installation, RepoRef ref, long repositoryId, Set<Long> listed,
                                Instant listingStart) {
        for (Issue stored : Pages.all(page -> queries.issues(repositoryId, IssueState.ALL, page))) {
            if (listed.contains(stored.number()) || stored.updatedAt() == null || stored.updatedAt().isAfter(listingStart)) {
                continue;
            }
            var lookup = github.issue(installation, ref, (int) stored.number());
            if (lookup.value().isEmpty()) {
                entities.deleteIssue(repositoryId, stored.number(), lookup.date().orElse(listingStart));
                LOG.info("issue gone on GitHub", Map.of("repository_id", repositoryId, "number", stored.number()));
            }
        }
    }

    int pulls(Work work, InstallationId installation, RepoRef ref, long repositoryId, SyncState.RepoState current) {
        boolean fromStart = work.task().fullRun() || current.pullCursor().isEmpty();
        Instant floor = fromStart ? settings.historyStart(work.now()) : current.pullCursor().get().minus(OVERLAP);
        Instant newest = current.pullCursor().orElse(null);
        Optional<Instant> date = Optional.empty();
        int written = 0;
        List<Instant> merged = new ArrayList<>();
        // From the history's start (a full run, a first read) every page is read: a 304 for a page whose pulls the
        // store has lost since (a purge, a late removal) would leave them missing through every later run.
        Iterator<Page<PullRequest>> pages = github.pullRequests(installation, ref, !fromStart).iterator();
        walk:
        while (pages.hasNext()) {
            Page<PullRequest> page = pages.next();
            date = date.isPresent() ? date : page.date();
            Instant answered = GitHubRecords.observedAt(page.date(), work.now());
            for (PullRequest pull : page.items()) {
                if (pull.updatedAt().isBefore(floor)) {
                    break walk;
                }
                dev.autosync.store.PullRequest stored = GitHubRecords.pull(pull, repositoryId);
                entities.upsertPull(stored, answered);
                written++;
                if (stored.merged() && stored.mergedAt() != null) {
                    merged.add(stored.mergedAt());
                }
                newest = newest == null || pull.updatedAt().isAfter(newest) ? pull.updatedAt() : newest;
            }
        }
        settle(date, newest).ifPresent(cursor -> state.pullCursor(repositoryId, work.owner(), cursor, merged, work.now()));
        return written;
    }

    /**
     * Where a complete walk leaves its cursor: everything GitHub had when it answered the walk's first page is
     * written, so the cursor may stand a second before that answer's {@code Date} (GitHub's times are whole
     * seconds: a change later in that same second must still count as newer). Never behind what was seen.
     */
    private static Optional<Instant> settle(Optional<Instant> date, Instant newest) {
        Optional<Instant> answered = date.map(d -> d.minusSeconds(1));
        if (newest == null) {
            return answered;
        }
        return Optional.of(answered.filter(a -> a.isAfter(newest)).orElse(newest));
    }
}
