package dev.autosync.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Order-safe writes of installations, repositories, issues and pull requests, and their deletion. Every
 * upsert is an UpdateItem guarded by GitHub's own timestamp and by the tombstone; every counter the
 * entity feeds is then reconciled (see {@link Contributions}), which also finishes the work of an
 * attempt that crashed half-way.
 */
public final class EntityStore {

    /** How long tombstones keep late events from resurrecting deleted entities. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(30);

    // A tombstone keeps nothing but its key: it must look the same whether or not the entity was ever seen.
    private static final List<String> INSTALLATION_ATTRIBUTES = List.of(Attr.ID, Attr.ACCOUNT_LOGIN, Attr.ACCOUNT_TYPE,
            Attr.REPOSITORY_SELECTION, Attr.SUSPENDED_AT, Attr.UNINSTALLED_AT, Attr.CREATED_AT, Attr.UPDATED_AT);
    private static final List<String> REPOSITORY_ATTRIBUTES = List.of(Attr.GITHUB_ID, Attr.INSTALLATION_ID, Attr.NAME, Attr.FULL_NAME,
            Attr.OWNER, Attr.HTML_URL, Attr.PRIVATE, Attr.DEFAULT_BRANCH, Attr.LANGUAGE, Attr.DESCRIPTION,
            Attr.ARCHIVED, Attr.DISABLED, Attr.CREATED_AT, Attr.UPDATED_AT, Attr.PUSHED_AT, Attr.LAST_SYNCED_AT,
            Attr.AUTO_SYNC_ENABLED, Attr.WEBHOOK_CONFIGURED, Attr.COMMIT_COUNT, Attr.CONTRIBUTOR_COUNT,
            Attr.OPEN_ISSUES_COUNT, Attr.OPEN_PULL_COUNT);
    private static final List<String> ISSUE_ATTRIBUTES = List.of(Attr.REPOSITORY_ID, Attr.GITHUB_ID, Attr.NUMBER, Attr.TITLE, Attr.BODY, Attr.STATE,
            Attr.STATE_REASON, Attr.LABELS, Attr.ASSIGNEES, Attr.AUTHOR, Attr.COMMENTS, Attr.CREATED_AT,
            Attr.UPDATED_AT, Attr.CLOSED_AT, Attr.DRAFT, Attr.MERGED, Attr.MERGED_AT, Attr.HEAD_REF, Attr.BASE_REF,
            Attr.GSI3PK, Attr.GSI3SK, Attr.DONE_AT);

    /**
     * Items a deletion (or a late writer finding its repository deleted) purges in the caller before handing
     * the rest to {@link Purges}: a small repository is gone at once, and far more than one late write adds
     * (a push's commits and links, a sync chunk), so what a late writer wrote is always swept.
     */
    static final int INLINE_PURGE = 2_000;
    /** Repositories of a deleted installation deleted per step. */
    static final int INSTALLATION_PAGE = 25;
    /** Steps of an installation's purge done by the deletion itself: most installations end there. */
    static final int INLINE_INSTALLATION_STEPS = 4;
    /**
     * When a deletion's purge runs once more: after every writer that read the entity alive before the
     * deletion has finished. Writers check their repository (or installation) once, before writing under it,
     * not again after: a write that lands after the purge passed is swept by this second pass instead of a
     * read on every write. Lambda stops any invocation at 15 minutes; the processor's view of a live
     * installation is at most a minute old (see {@code processing.InstallationLiveness}).
     */
    public static final Duration SWEEP_DELAY = Duration.ofMinutes(16);

    private final Table table;
    private final Contributions contributions;
    private final Clock clock;
    private final Purges purges;

    /**
     * @param purges takes the purges a call cannot finish within {@link #INLINE_PURGE} items (the wiring sends
     *               them to the sync-task queue, which continues them with {@link #purgeStep})
     */
    public EntityStore(DynamoDbClient dynamoDb, String tableName, Clock clock, Purges purges) {
        this.table = new Table(dynamoDb, tableName);
        this.contributions = new Contributions(table, clock);
        this.clock = clock;
        this.purges = purges;
    }

    /** For tools and tests with small data: a purge left over is finished by the caller, step by step. */
    public EntityStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.table = new Table(dynamoDb, tableName);
        this.contributions = new Contributions(table, clock);
        this.clock = clock;
        this.purges = purge -> {
            while (!purgeStep(purge, INLINE_PURGE)) {
                Thread.onSpinWait();
            }
        };
    }

    /**
     * @param sourceTime GitHub's updated_at of the installation
     * @param observedAt when the data was observed (a delivery's arrival, a GitHub answer's {@code Date}): it
     *                   orders writes of one source time (see the package's write rules)
     */
    public WriteOutcome upsertInstallation(Installation installation, Instant sourceTime, Instant observedAt) {
        Keys.Key key = Keys.installation(installation.id());
        Guards.Upserted upserted = upsert(key, ItemCodec.installationFields(installation), sourceTime, observedAt);
        countInstallation(key, upserted.item());
        return upserted.outcome();
    }

    /**
     * Keeps the installation and its data, marked uninstalled (RETAIN_DATA_ON_UNINSTALL). An uninstall is
     * final for an installation id (GitHub gives a reinstall a new one), so it is recorded whatever GitHub
     * time or delivery order: even ahead of the installation's first write (a stub readers ignore), and no
     * upsert lifts it (installation upserts never carry {@code uninstalled_at}).
     */
    public WriteOutcome markUninstalled(long installationId) {
        Keys.Key key = Keys.installation(installationId);
        Expression e = Expression.create();
        e.setClause(e.name(Attr.UNINSTALLED_AT) + " = if_not_exists(" + e.name(Attr.UNINSTALLED_AT) + ", "
                + e.value(Av.time(clock.instant())) + ")");
        e.condition(Guards.alive(e));
        WriteOutcome outcome = table.update(e.apply(UpdateItemRequest.builder().key(Av.key(key)))).isPresent()
                ? WriteOutcome.WRITTEN : WriteOutcome.DELETED;
        countInstallation(key);
        return outcome;
    }

    /**
     * Deletes the installation, leaving a tombstone versioned {@code version}, and its repositories: the first
     * {@value #INLINE_INSTALLATION_STEPS} pages of them here, the rest handed to {@link Purges} (an installation
     * may have thousands). Idempotent: a retry deletes or schedules again.
     */
    public void deleteInstallation(long installationId, Instant version) {
        Keys.Key key = Keys.installation(installationId);
        if (!Guards.tombstone(table, key, INSTALLATION_ATTRIBUTES, ItemCodec.TYPE_INSTALLATION,
                version.toEpochMilli(), clock.instant(), TOMBSTONE_RETENTION)) {
            return;
        }
        countInstallation(key);
        Purges.Purge purge = Purges.Purge.installation(installationId);
        purges.schedule(purge.notBefore(clock.instant().plus(SWEEP_DELAY)));
        for (int step = 0; step < INLINE_INSTALLATION_STEPS; step++) {
            if (purgeStep(purge, INLINE_PURGE)) {
                return;
            }
        }
        purges.schedule(purge);
    }

    /**
     * One bounded step of a purge: up to {@code maxItems} items of a deleted repository's partition, or up to
     * {@link #INSTALLATION_PAGE} repositories of a deleted installation (each deleted as by
     * {@link #deleteRepository}, so a big one gets its own purge). Safe to repeat or run twice at once.
     *
     * @return whether nothing is left to delete
     */
    public boolean purgeStep(Purges.Purge purge, int maxItems) {
        return switch (purge.kind()) {
            case REPOSITORY -> RepositoryPurge.step(table, purge.id(), maxItems);
            case INSTALLATION -> purgeInstallationStep(purge.id());
        };
    }

    private boolean purgeInstallationStep(long installationId) {
        Map<String, AttributeValue> installation = table.get(Keys.installation(installationId)).orElse(Map.of());
        Long version = Av.optNum(installation, Attr.DELETED_VERSION);
        if (version == null) {
            return true; // not deleted (or no longer): nothing to purge
        }
        Expression e = Expression.create();
        String keyCondition = e.name(Attr.GSI1PK) + " = "
                + e.value(AttributeValue.fromS(Keys.repositoriesOfInstallation(installationId)));
        // A deleted repository leaves the index, so each step reads the first page of those left.
        var page = table.query(e.applyQuery(QueryRequest.builder().indexName(TableSchema.GSI1.name())
                .keyConditionExpression(keyCondition).limit(INSTALLATION_PAGE)));
        boolean deleted = false;
        for (Map<String, AttributeValue> repository : page.items()) {
            deleted |= deleteRepository(Av.num(repository, Attr.GITHUB_ID), Instant.ofEpochMilli(version));
        }
        return !deleted; // empty, or only repositories a newer explicit add keeps (they stay listed)
    }

    public boolean installationDeleted(long installationId) {
        return table.get(Keys.installation(installationId)).map(i -> i.containsKey(Attr.DELETED_AT)).orElse(false);
    }

    /**
     * Upserts from a payload; {@code sourceTime} is the later of GitHub's updated_at and pushed_at, and
     * {@code observedAt} when the data was observed (as for {@link #upsertInstallation}).
     */
    public WriteOutcome upsertRepository(Repository repository, Instant sourceTime, Instant observedAt) {
        Keys.Key key = Keys.repository(repository.githubId());
        Map<String, AttributeValue> fields = ItemCodec.repositoryFields(repository);
        Guards.Upserted upserted = Guards.upsertIfNewer(table, key, fields,
                Version.of(fields, sourceTime.toEpochMilli(), observedAt.toEpochMilli()));
        countRepository(contributions, key, upserted.item());
        return upserted.outcome();
    }

    /**
     * Deletes the repository with its commits, issues, pull requests and contributor links: a tombstone at
     * once (readers see the repository gone), its partition purged here up to {@link #INLINE_PURGE} items and
     * the rest handed to {@link Purges}. Idempotent: a retry after a crash purges or schedules again.
     *
     * @return whether the repository is deleted now
     *
     * @param version GitHub's time of the deletion; a later explicit re-add ({@link #reviveRepository}) wins
     */
    public boolean deleteRepository(long repositoryId, Instant version) {
        Keys.Key key = Keys.repository(repositoryId);
        if (!Guards.tombstone(table, key, REPOSITORY_ATTRIBUTES, ItemCodec.TYPE_REPOSITORY, version.toEpochMilli(),
                clock.instant(), TOMBSTONE_RETENTION)) {
            return false; // a newer explicit add brought it back
        }
        countRepository(key);
        purgeOrSchedule(table, repositoryId).ifPresent(purges::schedule);
        purges.schedule(Purges.Purge.repository(repositoryId).notBefore(clock.instant().plus(SWEEP_DELAY)));
        return true;
    }

    /**
     * An explicit (re-)add of a repository to an installation, at GitHub time {@code version}: lifts a
     * tombstone left by a removal that is not newer, so the following upsert can write it again, and keeps
     * an older removal delivered later from deleting it.
     */
    public void reviveRepository(long repositoryId, Instant version) {
        Keys.Key key = Keys.repository(repositoryId);
        Guards.markAdded(table, key, version.toEpochMilli());
        countRepository(key); // in full: a deletion's half-done count must not outlive the re-add
    }

    public boolean repositoryDeleted(long repositoryId) {
        return table.get(Keys.repository(repositoryId)).map(i -> i.containsKey(Attr.DELETED_AT)).orElse(false);
    }

    /**
     * The repository of an event about its children, upserted from the event's snapshot like
     * {@link #upsertRepository}, and as it stood then: the one read of it the children's writes need (to skip
     * a deleted repository, and as the parent read of their counters; see {@link Contributions}). Take it
     * before writing the children.
     */
    public Parent upsertParent(Repository repository, Instant sourceTime, Instant observedAt) {
        Keys.Key key = Keys.repository(repository.githubId());
        Map<String, AttributeValue> fields = ItemCodec.repositoryFields(repository);
        Guards.Upserted upserted = Guards.upsertIfNewer(table, key, fields,
                Version.of(fields, sourceTime.toEpochMilli(), observedAt.toEpochMilli()));
        if (upserted.outcome() != WriteOutcome.DELETED) {
            countRepository(contributions, key, upserted.item());
        }
        return new Parent(repository.githubId(), upserted.outcome(), upserted.item());
    }

    /** A repository as read (or written) before its children's writes; see {@link #upsertParent}. */
    public static final class Parent {

        private final long repositoryId;
        private final WriteOutcome outcome;
        private final Map<String, AttributeValue> item;

        private Parent(long repositoryId, WriteOutcome outcome, Map<String, AttributeValue> item) {
            this.repositoryId = repositoryId;
            this.outcome = outcome;
            this.item = item;
        }

        /** What the repository's own upsert did; {@link WriteOutcome#DELETED}: skip its children. */
        public WriteOutcome outcome() {
            return outcome;
        }

        public boolean deleted() {
            return outcome == WriteOutcome.DELETED;
        }
    }

    /**
     * From a sync read of GitHub: the repository is read by the counter, after the write.
     *
     * @param observedAt when the issue was observed (as for {@link #upsertInstallation})
     */
    public WriteOutcome upsertIssue(Issue issue, Instant observedAt) {
        return upsertChild(Keys.issue(issue.repositoryId(), issue.number()), issue.repositoryId(),
                ItemCodec.issueFields(issue), issue.updatedAt(), observedAt, Attr.OPEN_ISSUES_COUNT, null);
    }

    /** From an event: {@code parent} was read before this write (see {@link #upsertParent}). */
    public WriteOutcome upsertIssue(Parent parent, Issue issue, Instant observedAt) {
        return upsertChild(Keys.issue(parent.repositoryId, issue.number()), parent.repositoryId,
                ItemCodec.issueFields(issue), issue.updatedAt(), observedAt, Attr.OPEN_ISSUES_COUNT, parent.item);
    }

    /** Deleted, or transferred to another repository: either way gone from this one. */
    public void deleteIssue(long repositoryId, long number, Instant version) {
        deleteChild(Keys.issue(repositoryId, number), repositoryId, version, Attr.OPEN_ISSUES_COUNT);
    }

    /** @param observedAt when the pull request was observed (as for {@link #upsertInstallation}) */
    public WriteOutcome upsertPull(PullRequest pull, Instant observedAt) {
        return upsertChild(Keys.pull(pull.repositoryId(), pull.number()), pull.repositoryId(),
                ItemCodec.pullFields(pull), pull.updatedAt(), observedAt, Attr.OPEN_PULL_COUNT, null);
    }

    /** From an event: {@code parent} was read before this write (see {@link #upsertParent}). */
    public WriteOutcome upsertPull(Parent parent, PullRequest pull, Instant observedAt) {
        return upsertChild(Keys.pull(parent.repositoryId, pull.number()), parent.repositoryId,
                ItemCodec.pullFields(pull), pull.updatedAt(), observedAt, Attr.OPEN_PULL_COUNT, parent.item);
    }

    /**
     * Callers skip the children of a repository they found deleted. One deleted after that check is swept by
     * its deletion's second purge ({@link #SWEEP_DELAY}), so the write needs no read of the repository after it.
     *
     * @param parentRead the repository as read before this write, or null to read it in the counter
     */
    private WriteOutcome upsertChild(Keys.Key key, long repositoryId, Map<String, AttributeValue> fields,
                                     Instant updatedAt, Instant observedAt, String counter,
                                     Map<String, AttributeValue> parentRead) {
        Guards.Upserted upserted = upsert(key, fields, updatedAt, observedAt);
        contributions.reconcile(key, Keys.repository(repositoryId), counter, EntityStore::openChild, upserted.item(),
                parentRead);
        return upserted.outcome();
    }

    private Guards.Upserted upsert(Keys.Key key, Map<String, AttributeValue> fields, Instant sourceTime,
                                   Instant observedAt) {
        return Guards.upsert(table, key, fields, Version.of(fields, sourceTime.toEpochMilli(), observedAt.toEpochMilli()));
    }

    private void deleteChild(Keys.Key key, long repositoryId, Instant version, String counter) {
        if (!Guards.tombstone(table, key, ISSUE_ATTRIBUTES, ItemCodec.TYPE_ISSUE, version.toEpochMilli(),
                clock.instant(), TOMBSTONE_RETENTION)) {
            return;
        }
        contributions.reconcile(key, Keys.repository(repositoryId), counter, EntityStore::openChild);
    }

    /**
     * Purges up to {@link #INLINE_PURGE} items of a deleted repository's partition (never its tombstone).
     *
     * @return the purge left to continue, if any
     */
    static Optional<Purges.Purge> purgeOrSchedule(Table table, long repositoryId) {
        return RepositoryPurge.step(table, repositoryId, INLINE_PURGE) ? Optional.empty()
                : Optional.of(Purges.Purge.repository(repositoryId));
    }

    private static boolean openChild(Map<String, AttributeValue> item) {
        return !item.containsKey(Attr.DELETED_AT) && "open".equals(Av.str(item, Attr.STATE));
    }

    private void countInstallation(Keys.Key key) {
        countInstallation(key, null);
    }

    /** An installation counts in the totals while it is installed (its deletion and uninstall reconcile in full). */
    private void countInstallation(Keys.Key key, Map<String, AttributeValue> known) {
        contributions.reconcilePresence(key, Keys.stats(), Attr.TOTAL_INSTALLATIONS, item -> item.containsKey(Attr.ID)
                && !item.containsKey(Attr.DELETED_AT) && !item.containsKey(Attr.UNINSTALLED_AT), known);
    }

    private void countRepository(Keys.Key key) {
        countRepository(contributions, key, null);
    }

    /**
     * A repository counts in the totals while it is known (has a name) and not deleted. Its deletion and the
     * re-add that lifts its tombstone reconcile in full (known null), which {@link Contributions#reconcilePresence}
     * relies on.
     */
    static void countRepository(Contributions contributions, Keys.Key key, Map<String, AttributeValue> known) {
        contributions.reconcilePresence(key, Keys.stats(), Attr.TOTAL_REPOSITORIES, item -> item.containsKey(Attr.FULL_NAME)
                && !item.containsKey(Attr.DELETED_AT), known);
    }

    Optional<Map<String, AttributeValue>> raw(Keys.Key key) {
        return table.get(key);
    }
}
