package dev.autosync.store;

import dev.autosync.common.Workers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records the commits of a push with exact counters, in N + 1 + (authors) item writes for N commits.
 *
 * <p>Each commit is one UpdateItem that sets its fields only if absent (commits are immutable), adds the
 * branch, and stamps {@code created_by} with the op (delivery) that created it. The op then counts
 * exactly the commits stamped with its own id — the same set on a retry after a crash, since stamps never
 * change. The counts go to the contributor links (a read plus a version-conditioned put each) and to the
 * repository (one UpdateItem, together with the payload's repository data when that is not stale), each
 * write conditioned on the absence of the op's marker and setting it, so a retried op never counts twice.
 * Markers of completed deliveries are dropped by later writes of the same item.
 */
public final class CommitStore implements AutoCloseable {

    /** Commit inserts in flight per push: I/O-bound, so more than the cores a function has. */
    private static final int PARALLEL_INSERTS = 8;

    private final Table table;
    private final Clock clock;
    private final ContributorLinks links;
    private final Contributions contributions;
    /**
     * This store's own writers (a Lambda container has one store per function, so one pool): several engines
     * in one process — the local runner, the benchmark's workers — each write at full speed instead of
     * queueing behind one shared pool.
     */
    private final Workers writers = new Workers("commit-insert", PARALLEL_INSERTS);

    /** @param clock dates counter markers, which later writes prune once they are old enough */
    public CommitStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.table = new Table(dynamoDb, tableName);
        this.clock = clock;
        this.links = new ContributorLinks(table);
        this.contributions = new Contributions(table, clock);
    }

    /**
     * @param repository the payload's repository, written if its version is above the stored one
     * @param sourceTime its order key (the later of updated_at and pushed_at)
     * @param observedAt when it was observed, which orders writes of one source time (see {@link EntityStore})
     * @param opId       the delivery doing this work
     */
    public WriteOutcome recordPush(Repository repository, Instant sourceTime, Instant observedAt, List<Commit> commits,
                                   String opId) {
        Keys.Key repoKey = Keys.repository(repository.githubId());
        // No read of the repository first: nearly every push is to a live one, and the repository write below
        // finds a deleted one (whose purge then sweeps what this push wrote under it).
        List<Commit> ours = insertAll(commits, opId);
        ContributorLinks.Result linked = links.record(repository.githubId(), ours, opId);
        Guards.Upserted written = writeRepository(repository, sourceTime, observedAt, ours, linked.created(), opId);
        if (written.outcome() == WriteOutcome.DELETED) {
            // Deleted while we wrote: the purge may have run before our commits landed. What one push adds is
            // far below the inline bound; anything beyond it is a purge still running, which sweeps it.
            EntityStore.purgeOrSchedule(table, repository.githubId());
        } else {
            EntityStore.countRepository(contributions, repoKey, written.item());
            Markers.prune(table, repoKey, written.item(), Markers.delivery(opId),
                    AnalyticsDays.outdated(written.item(), clock.instant()));
        }
        return written.outcome();
    }

    /**
     * Inserts the commits, several at a time (each is its own conditional write; their order does not
     * matter), waiting for every one before reporting the first failure.
     *
     * @return the commits this op created
     */
    private List<Commit> insertAll(List<Commit> commits, String opId) {
        List<Boolean> created = writers.map(commits, commit -> insert(commit, opId),
                cause -> new StoreUnavailableException("commit insert failed", cause));
        List<Commit> ours = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            if (created.get(i)) {
                ours.add(commits.get(i));
            }
        }
        return ours;
    }

    /** @return whether this op created the commit (now or in an earlier attempt) */
    private boolean insert(Commit commit, String opId) {
        Map<String, AttributeValue> item = ItemCodec.commitItem(commit);
        // Most commits are new: a put conditioned on absence creates one in a single cheap write, stamped as
        // ours. Only a commit that exists already (another op created it) takes the update below, which adds
        // the branch and leaves its fields and creator as they are.
        Map<String, AttributeValue> fresh = new java.util.HashMap<>();
        item.forEach((attribute, value) -> {
            if (!Boolean.TRUE.equals(value.nul())) {
                fresh.put(attribute, value);
            }
        });
        fresh.put(Attr.CREATED_BY, Av.s(opId));
        Expression absent = Expression.create();
        absent.condition("attribute_not_exists(" + absent.name(TableSchema.PK) + ")");
        if (table.put(absent.apply(software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().item(fresh)))) {
            return true;
        }
        Expression e = Expression.create();
        item.forEach((attribute, value) -> {
            if (attribute.equals(TableSchema.PK) || attribute.equals(TableSchema.SK) || attribute.equals(Attr.BRANCHES)
                    || Boolean.TRUE.equals(value.nul())) {
                return;
            }
            String name = e.name(attribute);
            e.setClause(name + " = if_not_exists(" + name + ", " + e.value(value) + ")");
        });
        String createdBy = e.name(Attr.CREATED_BY);
        e.setClause(createdBy + " = if_not_exists(" + createdBy + ", " + e.value(Av.s(opId)) + ")");
        if (!commit.branches().isEmpty()) {
            e.add(Attr.BRANCHES, Av.stringSet(commit.branches()));
        }
        Map<String, AttributeValue> stored = table.update(e.apply(UpdateItemRequest.builder()
                .key(Av.key(Keys.commit(commit.repositoryId(), commit.sha())))
                .returnValues(ReturnValue.ALL_NEW))).orElseThrow();
        return opId.equals(Av.str(stored, Attr.CREATED_BY));
    }

    private Guards.Upserted writeRepository(Repository repository, Instant sourceTime, Instant observedAt,
                                            List<Commit> ours, int contributors, String opId) {
        int commits = ours.size();
        Keys.Key key = Keys.repository(repository.githubId());
        String marker = Markers.delivery(opId);
        boolean counts = commits > 0 || contributors > 0;
        Map<String, AttributeValue> fields = ItemCodec.repositoryFields(repository);
        Version version = Version.of(fields, sourceTime.toEpochMilli(), observedAt.toEpochMilli());
        // The usual case: one write carries the payload's repository data and this push's counts. The days'
        // outdated generations are pruned after it, from what it returns (Markers.prune).
        Expression e = Guards.olderAndAlive(Expression.create(), version);
        if (counts) {
            analyticsDays(counters(e, commits, contributors, marker), ours, Map.of());
        }
        Optional<Map<String, AttributeValue>> combined = table.updateFields(key, fields, e);
        if (combined.isPresent()) {
            return new Guards.Upserted(WriteOutcome.WRITTEN, combined.get());
        }
        // Stale repository data, a tombstone, or counts applied by an earlier attempt: write what is left.
        Map<String, AttributeValue> now = table.get(key).orElse(Map.of());
        boolean newer = Guards.newer(now, version);
        if (now.containsKey(Attr.DELETED_AT)) {
            return new Guards.Upserted(WriteOutcome.DELETED, now);
        }
        if (counts && !now.containsKey(marker)) {
            Expression c = analyticsDays(counters(Expression.create(), commits, contributors, marker), ours, now);
            c.condition(Guards.alive(c));
            Optional<Map<String, AttributeValue>> counted = table.update(c.apply(UpdateItemRequest.builder()
                    .key(Av.key(key)).returnValues(ReturnValue.ALL_NEW)));
            if (counted.isEmpty() && table.get(key).map(i -> i.containsKey(Attr.DELETED_AT)).orElse(false)) {
                return new Guards.Upserted(WriteOutcome.DELETED, Map.of());
            }
            now = counted.orElse(now);
        }
        return newer ? Guards.upsert(table, key, fields, version)
                : new Guards.Upserted(WriteOutcome.STALE, now);
    }

    /** The days of these commits changed: the api's day rollups of them are stale (see {@link AnalyticsDays}). */
    private Expression analyticsDays(Expression e, List<Commit> changed, Map<String, AttributeValue> stored) {
        return AnalyticsDays.changed(e, AnalyticsDays.COMMITS, changed.stream().map(Commit::committedAt).toList(),
                clock.instant(), stored);
    }

    private static Expression counters(Expression e, int commits, int contributors, String marker) {
        e.add(Attr.COMMIT_COUNT, Av.n(commits)).add(Attr.CONTRIBUTOR_COUNT, Av.n(contributors)).set(marker, Av.bool(true));
        e.condition("attribute_not_exists(" + e.name(marker) + ")");
        return e;
    }

    Optional<Map<String, AttributeValue>> raw(Keys.Key key) {
        return table.get(key);
    }

    /**
     * The stored commits among {@code shas} (consistent reads, 100 keys a request), by SHA. The sync engine
     * skips commits already stored on the branch, and finishes a crashed chunk from what it wrote.
     */
    public Map<String, Commit> stored(long repositoryId, List<String> shas) {
        Map<String, Commit> found = new java.util.HashMap<>();
        for (int from = 0; from < shas.size(); from += 100) {
            List<Keys.Key> keys = shas.subList(from, Math.min(shas.size(), from + 100)).stream()
                    .map(sha -> Keys.commit(repositoryId, sha)).toList();
            table.batchGet(keys).forEach(item -> {
                Commit commit = ItemCodec.commit(item);
                found.put(commit.sha(), commit);
            });
        }
        return found;
    }

    /**
     * Takes {@code branch} off the commits GitHub no longer shows on it (a force push dropped them). A commit
     * still on another synced branch only loses the branch; one on no branch any more is removed, with its
     * repository's and contributors' counts lowered exactly once: the op stamps each such commit
     * ({@code removed_by}) before counting, counts exactly the commits stamped with its id (the same set on a
     * retry), lowers the counts under its marker, and only then deletes the commits.
     *
     * @return how many commits were removed
     */
    public int dropFromBranch(long repositoryId, String branch, List<String> shas, String opId) {
        List<Commit> ours = new ArrayList<>();
        for (String sha : shas) {
            Keys.Key key = Keys.commit(repositoryId, sha);
            Optional<Map<String, AttributeValue>> stored = table.get(key);
            if (stored.isEmpty()) {
                continue;
            }
            Commit commit = ItemCodec.commit(stored.get());
            if (opId.equals(Av.str(stored.get(), Attr.REMOVED_BY))) {
                ours.add(commit);
                continue;
            }
            if (!commit.branches().contains(branch) || stored.get().containsKey(Attr.REMOVED_BY)) {
                continue;
            }
            Expression e = Expression.create();
            if (commit.branches().size() > 1) {
                e.delete(Attr.BRANCHES, Av.stringSet(List.of(branch)));
                table.update(e.apply(UpdateItemRequest.builder().key(Av.key(key))));
                continue;
            }
            e.set(Attr.REMOVED_BY, Av.s(opId));
            e.condition("attribute_not_exists(" + e.name(Attr.REMOVED_BY) + ")");
            e.condition("contains(" + e.name(Attr.BRANCHES) + ", " + e.value(Av.s(branch)) + ") AND size("
                    + e.name(Attr.BRANCHES) + ") = " + e.value(Av.n(1)));
            if (table.update(e.apply(UpdateItemRequest.builder().key(Av.key(key)))).isPresent()) {
                ours.add(commit);
            }
        }
        if (ours.isEmpty()) {
            return 0;
        }
        int emptied = links.subtract(repositoryId, ours, opId);
        String marker = Markers.delivery(opId);
        Expression e = analyticsDays(Expression.create().add(Attr.COMMIT_COUNT, Av.n(-ours.size()))
                .add(Attr.CONTRIBUTOR_COUNT, Av.n(-emptied)).set(marker, Av.bool(true)), ours, Map.of());
        e.condition("attribute_not_exists(" + e.name(marker) + ")");
        e.condition(Guards.alive(e));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.repository(repositoryId)))));
        for (Commit commit : ours) {
            Expression d = Expression.create();
            d.condition(d.name(Attr.REMOVED_BY) + " = " + d.value(Av.s(opId)));
            table.deleteIf(Keys.commit(repositoryId, commit.sha()), d);
        }
        return ours.size();
    }

    /** The SHAs of the repository's commits on {@code branch} committed from {@code since} to {@code until}. */
    public List<String> onBranchBetween(long repositoryId, String branch, Instant since, Instant until) {
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.GSI1.partitionKey()) + " = " + e.value(Av.s(Keys.commitsOfRepository(repositoryId)))
                + " AND " + e.name(TableSchema.GSI1.sortKey()) + " BETWEEN " + e.value(Av.s(Keys.sortableTime(since)))
                + " AND " + e.value(Av.s(Keys.sortableTime(until) + "#~"));
        e.condition("contains(" + e.name(Attr.BRANCHES) + ", " + e.value(Av.s(branch)) + ")");
        return table.queryAll(e.applyQuery(software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
                .indexName(TableSchema.GSI1.name()).keyConditionExpression(keyCondition)
                .projectionExpression(e.name(Attr.SHA)))).stream().map(item -> Av.str(item, Attr.SHA)).toList();
    }

    /** Ends this store's writer threads (a Lambda container's store lives as long as the container). */
    @Override
    public void close() {
        writers.close();
    }
}
