package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * When each repository was last synced, and how many were synced recently — without a scan.
 *
 * <p>Marking a repository synced sets {@code last_synced_at} and puts the repository in a sparse index,
 * {@link TableSchema#GSI3}: partition {@code SYNCED#<yyyy-MM-ddTHH>} (the hour of the sync), sort key
 * {@code <sortable time>#REPO#<id20>}. A repository is in exactly one hour partition (its latest sync),
 * so "synced since T" is a COUNT query over the one or two hour partitions between T and now, each with
 * {@code gsi3sk >= T}: cost proportional to the recently synced repositories, never to the table.
 * Hour partitions spread a periodic sync's writes instead of heating one index partition.
 *
 * <p>This class is the only writer of {@code last_synced_at}. Tombstones are filtered out of the count
 * (and age out of the queried hours within 30 minutes anyway).
 */
public final class SyncMarks {

    static final String PARTITION_PREFIX = "SYNCED#";

    private final Table table;

    public SyncMarks(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
    }

    /**
     * Records a sync of a live repository; an older or repeated mark is a no-op, so out-of-order or
     * retried sync results never move the time backwards.
     *
     * @return false when the repository is unknown, deleted, or already marked at this time or later
     */
    public boolean markSynced(long repositoryId, Instant at) {
        String sortKey = sortKey(repositoryId, at);
        Expression e = Expression.create()
                .set(Attr.LAST_SYNCED_AT, Av.time(at))
                .set(TableSchema.GSI3.partitionKey(), Av.s(partition(at)))
                .set(TableSchema.GSI3.sortKey(), Av.s(sortKey));
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ") AND attribute_not_exists(" + e.name(Attr.DELETED_AT) + ")");
        // Compared on the fixed-width sort key: ISO text with optional fractions does not sort as time.
        e.condition("attribute_not_exists(" + e.name(TableSchema.GSI3.sortKey()) + ") OR "
                + e.name(TableSchema.GSI3.sortKey()) + " < " + e.value(Av.s(sortKey)));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.repository(repositoryId))))).isPresent();
    }

    /** Repositories whose latest sync is at or after {@code since} (and not after {@code now}). */
    public long countSyncedSince(Instant since, Instant now) {
        long count = 0;
        for (Instant hour = since.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(now); hour = hour.plus(Duration.ofHours(1))) {
            count += countIn(partition(hour), Keys.sortableTime(since));
        }
        return count;
    }

    private long countIn(String partition, String from) {
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.GSI3.partitionKey()) + " = " + e.value(Av.s(partition))
                + " AND " + e.name(TableSchema.GSI3.sortKey()) + " >= " + e.value(Av.s(from));
        // A repository deleted since its sync keeps its index keys in its tombstone: not counted.
        e.condition(Guards.alive(e));
        QueryRequest.Builder query = e.applyQuery(QueryRequest.builder().indexName(TableSchema.GSI3.name())
                .keyConditionExpression(keyCondition).select(Select.COUNT));
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = table.query(start == null ? query : query.exclusiveStartKey(start));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    static String partition(Instant at) {
        return PARTITION_PREFIX + Keys.sortableTime(at).substring(0, "yyyy-MM-ddTHH".length());
    }

    static String sortKey(long repositoryId, Instant at) {
        return Keys.sortableTime(at) + "#" + Keys.repositorySortKey(repositoryId);
    }
}
