package dev.autosync.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The sync engine's own bookkeeping: per repository its cursors (separate from GitHub's {@code pushed_at}
 * and {@code updated_at}, which webhooks also move), the unfinished pass over a branch's history, the
 * commit chunk being written and the lease that keeps two tasks from syncing one repository at once; per
 * installation the rate-limit block and the change-detection watermark; globally when hook deliveries
 * were last checked and the last full run.
 *
 * <p>The repository's state lives in its partition ({@link Keys#repositorySync}), so deleting the
 * repository purges it: a revived repository starts from a fresh import, since its commits were purged
 * with it and its old cursors would skip them. Every write of a repository's state but the lease itself is
 * conditioned on holding the lease, so a task that overran its lease cannot move a cursor another task set.
 */
public final class SyncState {

    /** A repository's sync state as read. */
    public record RepoState(Map<String, Instant> commitCursors, Map<String, Pass> passes, Optional<Instant> issueCursor,
                            Optional<Instant> pullCursor, Optional<Instant> pushedAtSynced, Optional<Chunk> chunk,
                            boolean dirty) {

        static final RepoState EMPTY = new RepoState(Map.of(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);

        public Optional<Instant> commitCursor(String branch) {
            return Optional.ofNullable(commitCursors.get(branch));
        }

        /** Never synced (no cursor of any kind): everything must be read. */
        public boolean isNew() {
            return commitCursors.isEmpty() && issueCursor.isEmpty() && pullCursor.isEmpty();
        }

        public Optional<Pass> pass(String branch) {
            return Optional.ofNullable(passes.get(branch));
        }
    }

    /**
     * An unfinished walk over a branch's commits in the fixed window {@code since}..{@code until}, newest
     * first, 100 a page: the pages before {@code page} are written; when the walk ends the branch's cursor
     * becomes {@code newest}. A fixed window keeps page numbers stable while GitHub moves on.
     */
    public record Pass(Instant since, Instant until, Instant newest, int page, Optional<Instant> pushedAt) {
    }

    /** The commits an op is writing: a retry finishes exactly this set under the same op id. */
    public record Chunk(String opId, String branch, List<String> shas) {
    }

    private final Table table;

    public SyncState(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
    }

    // ---- repository lease ----

    /**
     * Takes the repository's lease for {@code owner} until {@code until}: free, expired, or already
     * {@code owner}'s (a retried or continued task takes its own lease back at once).
     */
    public boolean lease(long repositoryId, String owner, Instant until, Instant now) {
        Expression e = Expression.create()
                .set(Attr.SYNC_LEASE_OWNER, Av.s(owner))
                .set(Attr.SYNC_LEASE_UNTIL, Av.n(until.toEpochMilli()));
        String leaseUntil = e.name(Attr.SYNC_LEASE_UNTIL);
        e.condition("attribute_not_exists(" + leaseUntil + ") OR " + leaseUntil + " < " + e.value(Av.n(now.toEpochMilli()))
                + " OR " + e.name(Attr.SYNC_LEASE_OWNER) + " = " + e.value(Av.s(owner)));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.repositorySync(repositoryId))))).isPresent();
    }

    public void release(long repositoryId, String owner) {
        Expression e = Expression.create().remove(Attr.SYNC_LEASE_OWNER).remove(Attr.SYNC_LEASE_UNTIL);
        e.condition(owned(e, owner));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.repositorySync(repositoryId)))));
    }

    public RepoState repository(long repositoryId) {
        return table.get(Keys.repositorySync(repositoryId)).map(SyncState::decode).orElse(RepoState.EMPTY);
    }

    /** The states of many repositories in batches of 100 (a periodic run reads every repository's). */
    public Map<Long, RepoState> repositories(List<Long> repositoryIds) {
        Map<Long, RepoState> states = new HashMap<>();
        for (int from = 0; from < repositoryIds.size(); from += 100) {
            List<Keys.Key> keys = repositoryIds.subList(from, Math.min(repositoryIds.size(), from + 100)).stream()
                    .map(Keys::repositorySync).toList();
            table.batchGet(keys).forEach(item -> states.put(
                    Long.parseLong(item.get(TableSchema.PK).s().substring("REPO#".length())), decode(item)));
        }
        repositoryIds.forEach(id -> states.putIfAbsent(id, RepoState.EMPTY));
        return states;
    }

    // ---- repository progress (each conditioned on the lease) ----

    /** Records the chunk about to be written; false when the lease was lost. */
    public boolean beginChunk(long repositoryId, String owner, Chunk chunk) {
        Expression e = Expression.create()
                .set(Attr.CHUNK_OP, Av.s(chunk.opId()))
                .set(Attr.CHUNK_SHAS, Av.list(chunk.shas()))
                .set(Attr.BRANCH, Av.s(chunk.branch()));
        return write(repositoryId, owner, e);
    }

    /** The chunk is written: clears it and moves the branch's pass to {@code pass}, in one write. */
    public boolean endChunk(long repositoryId, String owner, String branch, Pass pass) {
        Expression e = Expression.create().remove(Attr.CHUNK_OP).remove(Attr.CHUNK_SHAS).remove(Attr.BRANCH)
                .set(Attr.COMMIT_PASS_PREFIX + branch, Av.s(encode(pass)));
        return write(repositoryId, owner, e);
    }

    /** Drops an unfinished chunk that turned out to be written already. */
    public boolean dropChunk(long repositoryId, String owner) {
        return write(repositoryId, owner, Expression.create().remove(Attr.CHUNK_OP).remove(Attr.CHUNK_SHAS).remove(Attr.BRANCH));
    }

    public boolean startPass(long repositoryId, String owner, String branch, Pass pass) {
        return write(repositoryId, owner, Expression.create().set(Attr.COMMIT_PASS_PREFIX + branch, Av.s(encode(pass))));
    }

    /** The walk over {@code branch} is complete: its cursor becomes {@code cursor} and the pass goes. */
    public boolean endPass(long repositoryId, String owner, String branch, Instant cursor, Optional<Instant> pushedAt) {
        Expression e = Expression.create().remove(Attr.COMMIT_PASS_PREFIX + branch)
                .set(Attr.COMMIT_CURSOR_PREFIX + branch, Av.n(cursor.toEpochMilli()));
        pushedAt.ifPresent(p -> e.set(Attr.PUSHED_AT_SYNCED, Av.n(p.toEpochMilli())));
        return write(repositoryId, owner, e);
    }

    public boolean issueCursor(long repositoryId, String owner, Instant cursor) {
        return issueCursor(repositoryId, owner, cursor, List.of(), cursor);
    }

    /**
     * Moves the issue cursor past a page whose closed issues were closed at {@code done}: the api's figures of
     * those days are stale (an issue the sync writes already closed flips no counter, so nothing else says so).
     */
    public boolean issueCursor(long repositoryId, String owner, Instant cursor, java.util.Collection<Instant> done,
                               Instant now) {
        return write(repositoryId, owner, AnalyticsDays.synced(Expression.create()
                .set(Attr.ISSUE_CURSOR, Av.n(cursor.toEpochMilli())), done, now));
    }

    public boolean pullCursor(long repositoryId, String owner, Instant cursor) {
        return pullCursor(repositoryId, owner, cursor, List.of(), cursor);
    }

    /** As {@link #issueCursor(long, String, Instant, java.util.Collection, Instant)}, for merged pull requests. */
    public boolean pullCursor(long repositoryId, String owner, Instant cursor, java.util.Collection<Instant> done,
                              Instant now) {
        return write(repositoryId, owner, AnalyticsDays.synced(Expression.create()
                .set(Attr.PULL_CURSOR, Av.n(cursor.toEpochMilli())), done, now));
    }

    /**
     * The repository's last task failed or stopped short: change detection can no longer vouch for it (its
     * changes may lie before the installation's watermark), so the next run re-reads it whole.
     */
    public void markDirty(long repositoryId) {
        Expression e = Expression.create().set(Attr.DIRTY, Av.bool(true));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.repositorySync(repositoryId)))));
    }

    public boolean clean(long repositoryId, String owner) {
        return write(repositoryId, owner, Expression.create().remove(Attr.DIRTY));
    }

    private boolean write(long repositoryId, String owner, Expression e) {
        e.condition(owned(e, owner));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.repositorySync(repositoryId))))).isPresent();
    }

    private static String owned(Expression e, String owner) {
        return e.name(Attr.SYNC_LEASE_OWNER) + " = " + e.value(Av.s(owner));
    }

    // ---- installation ----

    /** When the installation's primary rate limit resets, if it is spent. */
    public Optional<Instant> blockedUntil(long installationId, Instant now) {
        return table.get(Keys.installationSync(installationId))
                .map(item -> Av.optNum(item, Attr.BLOCKED_UNTIL))
                .map(Instant::ofEpochMilli)
                .filter(until -> until.isAfter(now));
    }

    /**
     * Marks the installation blocked until {@code until}; never shortens a later block.
     *
     * @return true when this moved the block later (false: it was blocked until then or later already)
     */
    public boolean block(long installationId, Instant until) {
        Expression e = Expression.create().set(Attr.BLOCKED_UNTIL, Av.n(until.toEpochMilli()));
        String blocked = e.name(Attr.BLOCKED_UNTIL);
        e.condition("attribute_not_exists(" + blocked + ") OR " + blocked + " < " + e.value(Av.n(until.toEpochMilli())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.installationSync(installationId))))).isPresent();
    }

    /** The time change detection last covered for the installation (search's {@code updated:>=}). */
    public Optional<Instant> detectedAt(long installationId) {
        return table.get(Keys.installationSync(installationId))
                .map(item -> Av.optNum(item, Attr.DETECTED_AT)).map(Instant::ofEpochMilli);
    }

    /** Moves the watermark forward only (an older run finishing late leaves a newer one in place). */
    public void detected(long installationId, Instant at) {
        Expression e = Expression.create().set(Attr.DETECTED_AT, Av.n(at.toEpochMilli()));
        String detected = e.name(Attr.DETECTED_AT);
        e.condition("attribute_not_exists(" + detected + ") OR " + detected + " < " + e.value(Av.n(at.toEpochMilli())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.installationSync(installationId)))));
    }

    /**
     * The repository ids a page of the installation's repository listing held when it was last read: a
     * page GitHub answers 304 (its ETag matched) holds them still, and the listing tells nothing else.
     */
    /**
     * What one page of an installation's repository listing held when last read: its repositories, and the
     * ETag GitHub sent with it (absent when none was sent, or for a record written before ETags were kept).
     */
    public record ListingPage(List<Long> repositoryIds, Optional<String> etag) {

        public ListingPage {
            repositoryIds = List.copyOf(repositoryIds);
        }
    }

    public Map<Integer, ListingPage> listingPages(long installationId) {
        Map<String, AttributeValue> item = table.get(Keys.installationSync(installationId)).orElse(Map.of());
        Map<Integer, ListingPage> pages = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(Attr.LISTING_PAGE_PREFIX) && value.hasL()) {
                String index = name.substring(Attr.LISTING_PAGE_PREFIX.length());
                pages.put(Integer.parseInt(index), new ListingPage(value.l().stream().map(v -> Long.parseLong(v.n())).toList(),
                        Optional.ofNullable(item.get(Attr.LISTING_ETAG_PREFIX + index)).map(AttributeValue::s)));
            }
        });
        return pages;
    }

    /** Records a page as read: its ids and ETag in one write, so a record never pairs one read's ids with another's ETag. */
    public void listingPage(long installationId, int page, ListingPage read) {
        Expression e = Expression.create().set(Attr.LISTING_PAGE_PREFIX + page,
                AttributeValue.fromL(read.repositoryIds().stream().map(id -> Av.n(id)).toList()));
        read.etag().ifPresentOrElse(etag -> e.set(Attr.LISTING_ETAG_PREFIX + page, Av.s(etag)),
                () -> e.remove(Attr.LISTING_ETAG_PREFIX + page));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.installationSync(installationId)))));
    }

    // ---- global ----

    public Optional<Instant> hooksCheckedAt() {
        return global(Attr.HOOKS_CHECKED_AT);
    }

    public void hooksChecked(Instant at) {
        forward(Attr.HOOKS_CHECKED_AT, at);
    }

    /**
     * Claims the full run due at {@code at}: true for exactly one caller when the previous full run is
     * older than {@code dueBefore}.
     */
    public boolean claimFullRun(Instant at, Instant dueBefore) {
        Expression e = Expression.create().set(Attr.FULL_RUN_AT, Av.n(at.toEpochMilli()));
        String last = e.name(Attr.FULL_RUN_AT);
        // The same time again is the schedule's retry of the invocation that claimed it: it keeps its claim.
        e.condition("attribute_not_exists(" + last + ") OR " + last + " <= " + e.value(Av.n(dueBefore.toEpochMilli()))
                + " OR " + last + " = " + e.value(Av.n(at.toEpochMilli())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.syncGlobal())))).isPresent();
    }

    private Optional<Instant> global(String attribute) {
        return table.get(Keys.syncGlobal()).map(item -> Av.optNum(item, attribute)).map(Instant::ofEpochMilli);
    }

    private void forward(String attribute, Instant at) {
        Expression e = Expression.create().set(attribute, Av.n(at.toEpochMilli()));
        String name = e.name(attribute);
        e.condition("attribute_not_exists(" + name + ") OR " + name + " < " + e.value(Av.n(at.toEpochMilli())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.syncGlobal())).returnValues(ReturnValue.NONE)));
    }

    // ---- codec ----

    private static RepoState decode(Map<String, AttributeValue> item) {
        Map<String, Instant> cursors = new HashMap<>();
        Map<String, Pass> passes = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(Attr.COMMIT_CURSOR_PREFIX) && value.n() != null) {
                cursors.put(name.substring(Attr.COMMIT_CURSOR_PREFIX.length()), Instant.ofEpochMilli(Long.parseLong(value.n())));
            } else if (name.startsWith(Attr.COMMIT_PASS_PREFIX) && value.s() != null) {
                passes.put(name.substring(Attr.COMMIT_PASS_PREFIX.length()), decodePass(value.s()));
            }
        });
        Optional<Chunk> chunk = Optional.ofNullable(Av.str(item, Attr.CHUNK_OP))
                .map(op -> new Chunk(op, Av.str(item, Attr.BRANCH), Av.strings(item, Attr.CHUNK_SHAS)));
        return new RepoState(Map.copyOf(cursors), Map.copyOf(passes), millis(item, Attr.ISSUE_CURSOR),
                millis(item, Attr.PULL_CURSOR), millis(item, Attr.PUSHED_AT_SYNCED), chunk,
                Av.flag(item, Attr.DIRTY));
    }

    private static Optional<Instant> millis(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(Av.optNum(item, name)).map(Instant::ofEpochMilli);
    }

    private static String encode(Pass pass) {
        return pass.since().toEpochMilli() + "|" + pass.until().toEpochMilli() + "|" + pass.newest().toEpochMilli()
                + "|" + pass.page() + "|" + pass.pushedAt().map(Instant::toEpochMilli).orElse(-1L);
    }

    private static Pass decodePass(String text) {
        String[] parts = text.split("\\|");
        return new Pass(Instant.ofEpochMilli(Long.parseLong(parts[0])), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                Instant.ofEpochMilli(Long.parseLong(parts[2])), parts.length > 3 ? Integer.parseInt(parts[3]) : 1,
                parts.length > 4 && Long.parseLong(parts[4]) >= 0 ? Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[4])))
                        : Optional.empty());
    }
}
