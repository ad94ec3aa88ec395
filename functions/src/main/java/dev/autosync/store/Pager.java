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
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads one page of a query. With a filter DynamoDB may return fewer items than asked (its Limit counts
 * items before filtering), so this keeps querying until the page is full and one more match is seen (or
 * the partition ends), then resumes the next page after the last item returned rather than after the
 * last item DynamoDB read — unless the {@link ReadBudget} runs out first: then the page holds the matches
 * found so far (possibly none) and resumes where DynamoDB stopped reading.
 */
final class Pager {

    private Pager() {
    }

    static <T> Page<T> page(Table table, QueryRequest.Builder query, TableSchema.Gsi index, PageRequest request,
                            Function<Map<String, AttributeValue>, T> decode) {
        if (index != null) {
            query.indexName(index.name());
        }
        query.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        boolean consistent = Boolean.TRUE.equals(query.build().consistentRead());
        ReadBudget budget = new ReadBudget();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = request.start().map(Pager::toKey).orElse(null);
        boolean more = true;
        // Reads until one item more than the page, or the end: only a following match proves another page
        // exists, so a filtered list never promises a next page that turns out empty. Each Query after the
        // first asks for twice as many as the previous one would have (a filter is dropping items), so a
        // sparse filter costs a few Queries, not one per missing match.
        for (int calls = 0; items.size() <= request.limit() && more && !budget.spent(); calls++) {
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            int wanted = (request.limit() + 1 - items.size()) << Math.min(calls, 10);
            QueryResponse response = table.query(query.limit(budget.limit(wanted)));
            budget.charge(response, consistent);
            items.addAll(response.items());
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        }
        if (items.size() > request.limit()) {
            List<Map<String, AttributeValue>> pageItems = items.subList(0, request.limit());
            return page(pageItems, Optional.of(keyOf(pageItems.get(pageItems.size() - 1), index)), decode);
        }
        // The budget ran out before the page filled: resume where DynamoDB stopped reading.
        return page(items, more ? Optional.of(fromKey(start)) : Optional.empty(), decode);
    }

    private static <T> Page<T> page(List<Map<String, AttributeValue>> items, Optional<PageKey> next,
                                    Function<Map<String, AttributeValue>, T> decode) {
        return new Page<>(items.stream().map(decode).toList(), next);
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

    private static PageKey fromKey(Map<String, AttributeValue> lastEvaluated) {
        Map<String, String> key = new HashMap<>();
        lastEvaluated.forEach((name, value) -> key.put(name, value.s()));
        return new PageKey(key);
    }

    private static Map<String, AttributeValue> toKey(PageKey key) {
        Map<String, AttributeValue> start = new HashMap<>();
        key.attributes().forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
        return start;
    }
}
