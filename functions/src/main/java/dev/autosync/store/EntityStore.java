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

    public WriteOutcome upsertInstallation(Installation installation, Instant sourceTime) {
        Keys.Key key = Keys.installation(installation.id());
        Guards.Upserted upserted = Guards.upsert(table, key, ItemCodec.installationFields(installation),
                sourceTime.toEpochMilli());
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

    /** Upserts from a payload; {@code sourceTime} is the later of GitHub's updated_at and pushed_at. */
    public WriteOutcome upsertRepository(Repository repository, Instant sourceTime) {
        Keys.Key key = Keys.repository(repository.githubId());
        Guards.Upserted upserted = Guards.upsertIfNewer(table, key, ItemCodec.repositoryFields(repository),
                sourceTime.toEpochMilli());
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
        return true;
    }

    /**
     * An explicit (re-)add of a repository to an installation, at GitHub time {@code version}: lifts a
     * tombstone left by a removal that is not newer, so the following upsert can write it again, and keeps
     * an older removal delivered later from deleting it.
     */
    public void reviveRepository(long repositoryId, Instant version) {
        Guards.markAdded(table, Keys.repository(repositoryId), version.toEpochMilli());
    }

    public boolean repositoryDeleted(long repositoryId) {
        return table.get(Keys.repository(repositoryId)).map(i -> i.containsKey(Attr.DELETED_AT)).orElse(false);
    }

    public WriteOutcome upsertIssue(Issue issue) {
        Keys.Key key = Keys.issue(issue.repositoryId(), issue.number());
        return upsertChild(key, issue.repositoryId(), ItemCodec.issueFields(issue), issue.updatedAt(),
                Attr.OPEN_ISSUES_COUNT);
    }

    /** Deleted, or transferred to another repository: either way gone from this one. */
    public void deleteIssue(long repositoryId, long number, Instant version) {
        deleteChild(Keys.issue(repositoryId, number), repositoryId, version, Attr.OPEN_ISSUES_COUNT);
    }

    public WriteOutcome upsertPull(PullRequest pull) {
        Keys.Key key = Keys.pull(pull.repositoryId(), pull.number());
        return upsertChild(key, pull.repositoryId(), ItemCodec.pullFields(pull), pull.updatedAt(),
                Attr.OPEN_PULL_COUNT);
    }

    /** Callers upsert the repository first and skip its children when it is deleted; a race is caught after. */
    private WriteOutcome upsertChild(Keys.Key key, long repositoryId, Map<String, AttributeValue> fields,
                                     Instant updatedAt, String counter) {
        Guards.Upserted upserted = Guards.upsert(table, key, fields, updatedAt.toEpochMilli());
        WriteOutcome outcome = upserted.outcome();
        contributions.reconcile(key, Keys.repository(repositoryId), counter, EntityStore::openChild, upserted.item());
        if (outcome == WriteOutcome.WRITTEN && repositoryDeleted(repositoryId)) {
            // The repository was deleted while we wrote: its purge may have run before our write landed.
            purgeOrSchedule(table, repositoryId).ifPresent(purges::schedule);
            return WriteOutcome.DELETED;
        }
        return outcome;
    }

    private void deleteChild(Keys.Key key, long repositoryId, Instant version, String counter) {
        if (!Guards.tombstone(table, key, ISSUE_ATTRIBUTES, ItemCodec.TYPE_ISSUE, version.toEpochMilli(),
                clock.instant(), TOMBSTONE_RETENTION)) {
            return;
        }
        contributions.reconcile(key, Keys.repository(repositoryId), counter, EntityStore::openChild);
        if (repositoryDeleted(repositoryId)) {
            purgeOrSchedule(table, repositoryId).ifPresent(purges::schedule);
        }
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

    /** An installation counts in the totals while it is installed. */
    private void countInstallation(Keys.Key key, Map<String, AttributeValue> known) {
        contributions.reconcile(key, Keys.stats(), Attr.TOTAL_INSTALLATIONS, item -> item.containsKey(Attr.ID)
                && !item.containsKey(Attr.DELETED_AT) && !item.containsKey(Attr.UNINSTALLED_AT), known);
    }

    private void countRepository(Keys.Key key) {
        countRepository(contributions, key, null);
    }

    /** A repository counts in the totals while it is known (has a name) and not deleted. */
    static void countRepository(Contributions contributions, Keys.Key key, Map<String, AttributeValue> known) {
        contributions.reconcile(key, Keys.stats(), Attr.TOTAL_REPOSITORIES, item -> item.containsKey(Attr.FULL_NAME)
                && !item.containsKey(Attr.DELETED_AT), known);
    }

    Optional<Map<String, AttributeValue>> raw(Keys.Key key) {
        return table.get(key);
    }
}
