package dev.autosync.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Deletes a deleted repository's partition in bounded steps: each page read is the partition's first
 * (what earlier steps deleted is gone), so a step needs no cursor, a crashed or redelivered step simply
 * starts again, and an item a late writer adds behind an earlier page is still found by the next step.
 */
final class RepositoryPurge {

    /** Keys read and deleted per page (a few KB of keys in memory, 40 BatchWriteItem calls). */
    static final int PAGE = 1_000;

    private RepositoryPurge() {
    }

    /**
     * Deletes up to about {@code maxItems} items of the repository's partition, never its own item (the tombstone).
     *
     * @return whether the partition holds nothing else now
     */
    static boolean step(Table table, long repositoryId, int maxItems) {
        // A purge (or a deletion's later second pass) that finds the repository added again since leaves its
        // partition alone: what is there now belongs to the repository's new life.
        if (!table.get(Keys.repository(repositoryId)).map(item -> item.containsKey(Attr.DELETED_AT)).orElse(false)) {
            return true;
        }
        int deleted = 0;
        while (deleted < maxItems) {
            int page = Math.min(PAGE, maxItems - deleted);
            Expression e = Expression.create();
            String keyCondition = e.name(TableSchema.PK) + " = "
                    + e.value(AttributeValue.fromS(Keys.repositoryPartition(repositoryId)));
            // One more than the page, so the repository's own item never makes a full page look short.
            QueryResponse response = table.query(e.applyQuery(QueryRequest.builder().keyConditionExpression(keyCondition)
                    .projectionExpression(e.name(TableSchema.PK) + ", " + e.name(TableSchema.SK))
                    .consistentRead(true).limit(page + 1)));
            List<Keys.Key> children = response.items().stream()
                    .map(item -> new Keys.Key(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s()))
                    .filter(key -> !key.sk().equals(Keys.REPOSITORY_SK))
                    .toList();
            table.batchDelete(children);
            deleted += children.size();
            boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            if (!more) {
                return true;
            }
        }
        return false;
    }
}
