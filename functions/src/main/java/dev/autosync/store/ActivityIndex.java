package dev.autosync.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Gives the issues and pull requests a repository stored before analytics read them by time their gsi3 keys
 * ({@link ItemCodec#activityKeys}), once, in bounded steps: each analytics request walks on from where the
 * last stopped ({@link Keys#activityIndex}) until every item was seen, then marks the repository indexed.
 * Writers set the keys themselves from then on, so only items written before need this. Until a repository
 * is indexed its issue and pull request figures are incomplete (and nothing is stored from them: the walk
 * bumps no generation).
 */
final class ActivityIndex {

    /** Items one request may rewrite (each a small UpdateItem). */
    static final int MAX_WRITES = 250;
    private static final List<String> PROJECTION = List.of(TableSchema.PK, TableSchema.SK, Attr.STATE, Attr.MERGED,
            Attr.CREATED_AT, Attr.CLOSED_AT, Attr.MERGED_AT, Attr.SOURCE_TIME, Attr.DELETED_AT, Attr.GSI3PK,
            Attr.GSI3SK, Attr.DONE_AT);

    private final Table table;

    ActivityIndex(Table table) {
        this.table = table;
    }

    /** Whether every issue and pull request of the repository carries its keys (walking on if not yet). */
    boolean indexed(long repositoryId, ReadBudget budget) {
        Keys.Key key = Keys.activityIndex(repositoryId);
        Map<String, AttributeValue> progress = table.get(key).orElse(Map.of());
        if (Av.flag(progress, Attr.ACTIVITY_INDEXED)) {
            return true;
        }
        if (budget.spent()) {
            return false; // the next request goes on (a Query cannot ask for no items)
        }
        Expression e = Expression.create().project(PROJECTION);
        String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.repositoryPartition(repositoryId)))
                + " AND " + e.name(TableSchema.SK) + " BETWEEN " + e.value(Av.s(Keys.ISSUE_PREFIX))
                + " AND " + e.value(Av.s(Keys.PULL_PREFIX + "~"));
        QueryRequest.Builder query = e.applyQuery(QueryRequest.builder().keyConditionExpression(keyCondition)
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        AttributeValue resume = progress.get(Attr.ROLLUP_RESUME);
        Map<String, AttributeValue> next = resume == null ? null : resume.m();
        int writes = 0;
        do {
            if (next != null) {
                query.exclusiveStartKey(next);
            }
            QueryResponse response = table.query(query.limit(budget.limit(MAX_WRITES - writes)));
            budget.charge(response, true);
            for (Map<String, AttributeValue> item : response.items()) {
                writes += index(repositoryId, item) ? 1 : 0;
            }
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (next != null && !budget.spent() && writes < MAX_WRITES);
        Expression p = Expression.create();
        if (next == null) {
            p.set(Attr.ACTIVITY_INDEXED, Av.bool(true)).remove(Attr.ROLLUP_RESUME);
        } else {
            p.set(Attr.ROLLUP_RESUME, AttributeValue.fromM(next));
        }
        table.update(p.apply(UpdateItemRequest.builder().key(Av.key(key))));
        return next == null;
    }

    /** Sets an item's keys if they are not what its fields call for; a writer that changed it since set its own. */
    private boolean index(long repositoryId, Map<String, AttributeValue> item) {
        if (item.containsKey(Attr.DELETED_AT)) {
            return false;
        }
        String sortKey = item.get(TableSchema.SK).s();
        boolean issue = sortKey.startsWith(Keys.ISSUE_PREFIX);
        boolean open = issue && "open".equals(Av.str(item, Attr.STATE));
        Map<String, AttributeValue> keys = ItemCodec.activityKeys(repositoryId, sortKey, open,
                Av.instant(item, Attr.CREATED_AT), issue ? Av.instant(item, Attr.CLOSED_AT)
                        : Av.flag(item, Attr.MERGED) ? Av.instant(item, Attr.MERGED_AT) : null);
        if (keys.entrySet().stream().allMatch(k -> Objects.equals(k.getValue(), item.get(k.getKey())))) {
            return false;
        }
        Expression e = Expression.create();
        String time = e.name(Attr.SOURCE_TIME);
        AttributeValue read = item.get(Attr.SOURCE_TIME);
        e.condition(read == null ? "attribute_not_exists(" + time + ")" : time + " = " + e.value(read));
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        e.condition("attribute_not_exists(" + e.name(Attr.DELETED_AT) + ")");
        table.updateFields(new Keys.Key(item.get(TableSchema.PK).s(), sortKey), keys, e);
        return true;
    }
}
