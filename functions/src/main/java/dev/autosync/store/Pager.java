package dev.autosync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads one page of a query. With a filter DynamoDB may return fewer items than asked (its Limit counts
 * items before filtering), so this keeps querying until the page is full and one more match is seen (or
 * the partition ends), then resumes the next page after the last item returned rather than after the
 * last item DynamoDB read.
 */
final class Pager {

    private Pager() {
    }

    static <T> Page<T> page(Table table, QueryRequest.Builder query, TableSchema.Gsi index, PageRequest request,
                            Function<Map<String, AttributeValue>, T> decode) {
        if (index != null) {
            query.indexName(index.name());
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = request.start().map(Pager::toKey).orElse(null);
        boolean more = true;
        // Reads until one item more than the page, or the end: only a following match proves another page
        // exists, so a filtered list never promises a next page that turns out empty.
        while (items.size() <= request.limit() && more) {
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = table.query(query.limit(request.limit() + 1 - items.size()));
            items.addAll(response.items());
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        }
        boolean hasNext = items.size() > request.limit();
        List<Map<String, AttributeValue>> pageItems = items.subList(0, Math.min(items.size(), request.limit()));
        Optional<PageKey> next = hasNext && !pageItems.isEmpty()
                ? Optional.of(keyOf(pageItems.get(pageItems.size() - 1), index)) : Optional.empty();
        return new Page<>(pageItems.stream().map(decode).toList(), next);
    }

    private static PageKey keyOf(Map<String, AttributeValue> item, TableSchema.Gsi index) {
        Map<String, String> key = new HashMap<>();
        key.put(TableSchema.PK, item.get(TableSchema.PK).s());
        key.put(TableSchema.SK, item.get(TableSchema.SK).s());
        if (index != null) {
            key.put(index.partitionKey(), item.get(index.partitionKey()).s());
            key.put(index.sortKey(), item.get(index.sortKey()).s());
        }
        return new PageKey(key);
    }

    private static Map<String, AttributeValue> toKey(PageKey key) {
        Map<String, AttributeValue> start = new HashMap<>();
        key.attributes().forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
        return start;
    }
}
