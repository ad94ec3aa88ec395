package dev.autosync.sync;

import dev.autosync.common.Workers;
import dev.autosync.github.GitHub;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Page;
import dev.autosync.github.RepoRef;
import dev.autosync.store.Commit;
import dev.autosync.store.CommitStore;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Iterator;

/**
 * Writes a branch's commits from GitHub's commit listing (newest first), a page at a time, with counts
 * as exact as a webhook push's.
 *
 * <p>Each page's commits not yet stored on the branch form a chunk written by {@link CommitStore#recordPush}
 * under an op id derived from the chunk's SHAs. Before writing, the chunk is recorded in the repository's
 * sync state; after, the op is completed in the ledger (so its counter markers can be pruned) and the chunk
 * cleared together with the pass's progress. A task that crashed in between finds the chunk on its next
 * attempt and finishes exactly that set under the same op — the commits it already inserted are stamped
 * with that op and counted by it once — whatever GitHub lists by then (a retried or continued task may
 * see other pages). A commit that is stamped by another op (a webhook's, or an earlier chunk's) is counted
 * by that op, never twice.
 *
 * <p>The walk over a branch is a {@link SyncState.Pass}: the commits of a fixed window (from {@code since}
 * to the pass's start), page by page; when time runs short the task stops after a page and its
 * continuation reads on from the next page number (commit dates cannot say where to go on: a rebase gives
 * hundreds of commits one second).
 * Incremental passes start an hour before the branch's cursor: GitHub's {@code since} compares commit
 * dates, which a push may carry from before the last run. Commits with much older dates (a fast-forward of a
 * long-lived branch) and commits dropped by a force push are the full run's to catch.
 */
final class CommitSync implements AutoCloseable {

    /** How far before the cursor an incremental pass starts (commit dates are not push dates). */
    static final Duration OVERLAP = Duration.ofHours(1);
    private static final String ADD = "sync-";
    /** SHAs per recorded drop: 1,000 × 41 bytes stays far inside an item. */
    private static final int MAX_DROP = 1000;
    private static final String DROP = "drop-";
    private static final int PREFETCH_THREADS = 16;
    /**
     * The observation time of the repository a chunk's push writes back: the store's own copy (read after the
     * task wrote what GitHub answered), not an observation, so it orders below any at its source time and never
     * displaces one; the push carries only the chunk's counts.
     */
    private static final Instant STORED_COPY = Instant.EPOCH;

    enum Outcome { DONE, CHECKPOINT }

    record Result(Outcome outcome, int written) {
    }

    private final GitHub github;
    private final CommitStore commits;
    private final DeliveryLedger ledger;
    private final SyncState state;
    private final SyncSettings settings;
    /**
     * Reads each listing's next page while the current one is written (one read ahead per listing): a Lambda
     * container runs one task at a time, the local runner and the benchmark run several in one process.
     */
    private final Workers prefetchers = new Workers("github-prefetch", PREFETCH_THREADS);

    CommitSync(GitHub github, CommitStore commits, DeliveryLedger ledger, SyncState state, SyncSettings settings) {
        this.github = github;
        this.commits = commits;
        this.ledger = ledger;
        this.state = state;
        this.settings = settings;
    }

    /**
     * @param repository the stored repository (its metrics are untouched; its fields are written only if newer)
     * @param pushedAt   the listing's pushed_at to record as synced when this is the default branch's pass
     */
    Result sync(Work work, InstallationId installation, RepoRef ref, Repository repository, Instant version,
                String branch, Optional<Instant> pushedAt) {
        long repositoryId = repository.githubId();
        SyncState.RepoState current = state.repository(repositoryId);
        current.chunk().ifPresent(chunk -> finishChunk(work, repository, version, chunk));
        Instant start = settings.historyStart(work.now());
        boolean wholePass = current.pass(branch).isEmpty();
        java.util.Set<String> seen = new java.util.HashSet<>();
        SyncState.Pass pass = current.pass(branch).orElseGet(() -> {
            Optional<Instant> cursor = work.task().fullRun() ? Optional.empty() : current.commitCursor(branch);
            Instant since = cursor.map(c -> c.minus(OVERLAP)).orElse(start);
            // The pushed_at this walk covers is the one read when it began: a push after that is outside its window.
            return new SyncState.Pass(since, work.now(), cursor.orElse(since), 1, pushedAt);
        });
        Instant newest = pass.newest();
        int pageNumber = pass.page();
        int written = 0;
        Prefetch<Page<dev.autosync.github.Commit>> pages = new Prefetch<>(prefetchers, github.commits(installation, ref, Optional.of(branch),
                Optional.of(pass.since()), Optional.of(pass.until()), pageNumber).iterator(), work::hasTime);
        while (pages.hasNext()) {
            Page<dev.autosync.github.Commit> page = pages.next();
            pageNumber++;
            // A 304 page (its ETag matched) says nothing about what it holds: no removal can be told from it.
            wholePass &= !page.notModified();
            List<Commit> listed = page.items().stream()
                    .map(c -> GitHubRecords.commit(c, repositoryId, branch)).toList();
            if (listed.isEmpty()) {
                continue;
            }
            listed.forEach(c -> seen.add(c.sha()));
            Map<String, Commit> stored = commits.stored(repositoryId, listed.stream().map(Commit::sha).toList());
            List<Commit> fresh = listed.stream()
                    .filter(c -> !stored.containsKey(c.sha()) || !stored.get(c.sha()).branches().contains(branch)).toList();
            Instant latest = listed.stream().map(Commit::committedAt).max(Comparator.naturalOrder()).orElseThrow();
            newest = latest.isAfter(newest) ? latest : newest;
            SyncState.Pass next = new SyncState.Pass(pass.since(), pass.until(), newest, pageNumber, pass.pushedAt());
            if (fresh.isEmpty()) {
                holdLease(state.startPass(repositoryId, work.owner(), branch, next));
            } else {
                List<String> shas = fresh.stream().map(Commit::sha).toList();
                SyncState.Chunk chunk = new SyncState.Chunk(opId(ADD), branch, shas);
                holdLease(state.beginChunk(repositoryId, work.owner(), chunk));
                commits.recordPush(repository, version, STORED_COPY, fresh, chunk.opId());
                ledger.completeOp(chunk.opId(), "sync commits");
                holdLease(state.endChunk(repositoryId, work.owner(), branch, next));
                written += fresh.size();
            }
            if (!work.hasTime() && pages.mayHaveMore()) {
                return new Result(Outcome.CHECKPOINT, written);
            }
        }
        if (work.task().fullRun() && wholePass) {
            dropUnlisted(work, installation, ref, repositoryId, branch, pass, seen);
        }
        holdLease(state.endPass(repositoryId, work.owner(), branch, newest, pushedAt.isPresent() ? pass.pushedAt() : Optional.empty()));
        return new Result(Outcome.DONE, written);
    }

    /**
     * A full pass saw every commit of the branch since {@code since}: stored commits of that period it did
     * not see were dropped from the branch (a force push). Only a pass walked in one go knows what it saw;
     * a checkpointed one leaves this to a later full run.
     */
    private void dropUnlisted(Work work, InstallationId installation, RepoRef ref, long repositoryId, String branch,
                              SyncState.Pass pass, java.util.Set<String> seen) {
        // Only the pass's window, and only what GitHub confirms is off the branch: a commit pushed while the
        // walk went on (its webhook wrote it; the listing's pages were already read) must stay.
        List<String> missing = commits.onBranchBetween(repositoryId, branch, pass.since(), pass.until()).stream()
                .filter(sha -> !seen.contains(sha)).sorted()
                .filter(sha -> !onBranch(installation, ref, sha, branch)).toList();
        // In slices: a recorded chunk must fit in the sync state's item (400 KB), whatever a force push dropped.
        for (int from = 0; from < missing.size(); from += MAX_DROP) {
            List<String> slice = missing.subList(from, Math.min(missing.size(), from + MAX_DROP));
            SyncState.Chunk chunk = new SyncState.Chunk(opId(DROP), branch, List.copyOf(slice));
            holdLease(state.beginChunk(repositoryId, work.owner(), chunk));
            commits.dropFromBranch(repositoryId, branch, chunk.shas(), chunk.opId());
            ledger.completeOp(chunk.opId(), "sync dropped commits");
            holdLease(state.dropChunk(repositoryId, work.owner()));
        }
    }

    /** Finishes a chunk an earlier attempt recorded but did not complete: exactly its SHAs, under its op. */
    private void finishChunk(Work work, Repository repository, Instant version, SyncState.Chunk chunk) {
        long repositoryId = repository.githubId();
        if (!ledger.completed(chunk.opId())) {
            if (chunk.opId().startsWith(DROP)) {
                commits.dropFromBranch(repositoryId, chunk.branch(), chunk.shas(), chunk.opId());
            } else {
                // Only what the crashed attempt inserted can carry its stamp; the rest the walk writes again.
                // As read from GitHub: without file lists, so a later push webhook still fills them in.
                List<Commit> inserted = commits.stored(repositoryId, chunk.shas()).values().stream()
                        .map(c -> new Commit(c.repositoryId(), c.sha(), c.message(), c.authorKey(), c.authorLogin(),
                                c.authorName(), c.authorEmail(), c.committerLogin(), c.committerName(), c.committedAt(),
                                c.htmlUrl(), c.branches(), null, null, null))
                        .toList();
                commits.recordPush(repository, version, STORED_COPY, inserted, chunk.opId());
            }
            ledger.completeOp(chunk.opId(), "sync commits");
        }
        holdLease(state.dropChunk(repositoryId, work.owner()));
    }

    /** {@code compare/<sha>...<branch>}: the commit is on the branch when the branch is not behind it. */
    private boolean onBranch(InstallationId installation, RepoRef ref, String sha, String branch) {
        return github.compare(installation, ref, sha, branch).value().map(c -> c.behindBy() == 0).orElse(false);
    }

    private static void holdLease(boolean held) {
        if (!held) {
            throw new LeaseLostException();
        }
    }

    /**
     * A new op id. Never derived from the commits: the same set can be added again after a force push took it
     * away, and a reused id would find its old markers and count nothing. A retry finds the id in the
     * recorded chunk, so it needs no derivation either.
     */
    static String opId(String kind) {
        return kind + java.util.UUID.randomUUID();
    }

    /** Ends the prefetch threads (the wiring's engine lives as long as its container). */
    @Override
    public void close() {
        prefetchers.close();
    }
}
