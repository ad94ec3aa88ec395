package dev.autosync.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads the synced GitHub data: one GetItem or one Query per call, never a Scan (see {@link Keys} for the
 * access paths). Lists are newest first where GitHub data has an order (commits by date, issues and pulls
 * by number), else by id. Tombstones are never returned.
 */
public final class StoreQueries {

    private final Table table;

    public StoreQueries(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
    }

    public Optional<Installation> installation(long installationId) {
        return live(Keys.installation(installationId)).map(ItemCodec::installation);
    }

    public Page<Installation> installations(PageRequest page) {
        return Pager.page(table, byPartition(TableSchema.GSI1, Keys.INSTALLATIONS, true), TableSchema.GSI1, page,
                ItemCodec::installation);
    }

    public Optional<Repository> repository(long repositoryId) {
        return live(Keys.repository(repositoryId)).map(ItemCodec::repository);
    }

    /** All repositories, or an installation's. */
    public Page<Repository> repositories(Optional<Long> installationId, PageRequest page) {
        TableSchema.Gsi index = installationId.isPresent() ? TableSchema.GSI1 : TableSchema.GSI2;
        String partition = installationId.map(Keys::repositoriesOfInstallation).orElse(Keys.REPOSITORIES);
        return Pager.page(table, byPartition(index, partition, true), index, page, ItemCodec::repository);
    }

    /** Commits newest first; {@code author} is a login. */
    public Page<Commit> commits(long repositoryId, CommitFilter filter, PageRequest page) {
        return commits(repositoryId, filter, page, Expression.create());
    }

    private Page<Commit> commits(long repositoryId, CommitFilter filter, PageRequest page, Expression e) {
        TableSchema.Gsi index = filter.author().isPresent() ? TableSchema.GSI2 : TableSchema.GSI1;
        String partition = filter.author()
                .map(login -> Keys.commitsByAuthor(repositoryId, Contributor.keyFor(login, null, null)))
                .orElse(Keys.commitsOfRepository(repositoryId));
        String from = filter.since().map(Keys::sortableTime).orElse("0");
        String to = filter.until().map(Keys::sortableTime).orElse("9") + "#~";
        String keyCondition = e.name(index.partitionKey()) + " = " + e.value(AttributeValue.fromS(partition))
                + " AND " + e.name(index.sortKey()) + " BETWEEN " + e.value(AttributeValue.fromS(from))
                + " AND " + e.value(AttributeValue.fromS(to));
        filter.branch().ifPresent(branch -> e.condition("contains(" + e.name(Attr.BRANCHES) + ", "
                + e.value(AttributeValue.fromS(branch)) + ")"));
        return Pager.page(table, query(e, keyCondition, false), index, page, ItemCodec::commit);
    }

    public Page<Issue> issues(long repositoryId, IssueState state, PageRequest page) {
        return switch (state) {
            case OPEN -> Pager.page(table, byPartition(TableSchema.GSI1, Keys.issuesByState(repositoryId, "open"), false),
                    TableSchema.GSI1, page, ItemCodec::issue);
            case CLOSED -> Pager.page(table, byPartition(TableSchema.GSI1, Keys.issuesByState(repositoryId, "closed"),
                    false), TableSchema.GSI1, page, ItemCodec::issue);
            case ALL -> Pager.page(table, liveChildren(repositoryId, Keys.ISSUE_PREFIX, false), null, page,
                    ItemCodec::issue);
        };
    }

    public Page<PullRequest> pulls(long repositoryId, PullState state, PageRequest page) {
        return switch (state) {
            case OPEN, CLOSED -> Pager.page(table, byPartition(TableSchema.GSI1,
                    Keys.pullsByState(repositoryId, state == PullState.OPEN ? "open" : "closed"), false),
                    TableSchema.GSI1, page, ItemCodec::pull);
            case MERGED -> Pager.page(table, byPartition(TableSchema.GSI2, Keys.mergedPulls(repositoryId), false),
                    TableSchema.GSI2, page, ItemCodec::pull);
            case ALL -> Pager.page(table, liveChildren(repositoryId, Keys.PULL_PREFIX, false), null, page,
                    ItemCodec::pull);
        };
    }

    /** A repository's contributors, by contributor key. */
    public Page<Contributor> contributors(long repositoryId, PageRequest page) {
        return Pager.page(table, liveChildren(repositoryId, Keys.CONTRIBUTOR_PREFIX, true), null, page,
                ItemCodec::contributor);
    }

    public GlobalStats stats() {
        Map<String, AttributeValue> item = table.get(Keys.stats()).orElse(Map.of());
        return new GlobalStats(Av.num(item, Attr.TOTAL_INSTALLATIONS), Av.num(item, Attr.TOTAL_REPOSITORIES));
    }

    public Optional<Delivery> delivery(String deliveryId) {
        return table.get(Keys.delivery(deliveryId)).map(DeliveryCodec::delivery);
    }

    /** Not a tombstone, nor a stub that holds only counters or markers ahead of the entity's first write. */
    private Optional<Map<String, AttributeValue>> live(Keys.Key key) {
        return table.get(key).filter(item -> !item.containsKey(Attr.DELETED_AT) && item.containsKey(Attr.TYPE));
    }

    private static QueryRequest.Builder byPartition(TableSchema.Gsi index, String partition, boolean ascending) {
        Expression e = Expression.create();
        String keyCondition = e.name(index.partitionKey()) + " = " + e.value(AttributeValue.fromS(partition));
        return query(e, keyCondition, ascending);
    }

    private static QueryRequest.Builder liveChildren(long repositoryId, String prefix, boolean ascending) {
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.PK) + " = "
                + e.value(AttributeValue.fromS(Keys.repositoryPartition(repositoryId)))
                + " AND begins_with(" + e.name(TableSchema.SK) + ", " + e.value(AttributeValue.fromS(prefix)) + ")";
        e.condition("attribute_not_exists(" + e.name(Attr.DELETED_AT) + ")");
        return query(e, keyCondition, ascending);
    }

    private static QueryRequest.Builder query(Expression e, String keyCondition, boolean ascending) {
        return e.applyQuery(QueryRequest.builder().keyConditionExpression(keyCondition).scanIndexForward(ascending));
    }
}
