package dev.autosync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one place that calls DynamoDB. A failed condition becomes a return value (it is an expected outcome
 * of idempotent writes, not an error); every other SDK failure becomes {@link StoreUnavailableException}.
 * Every key sent, and every key attribute written (GSI keys too), is first checked against DynamoDB's size
 * limits ({@link KeyLimits}); one over them is a {@link KeyTooLongException} and nothing is sent.
 */
final class Table {

    private static final int BATCH_SIZE = 25;

    private final DynamoDbClient dynamoDb;
    private final String name;

    Table(DynamoDbClient dynamoDb, String name) {
        this.dynamoDb = dynamoDb;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** A strongly consistent read; empty when the item does not exist. */
    Optional<Map<String, AttributeValue>> get(Keys.Key key) {
        KeyLimits.check(Av.key(key));
        return call("GetItem", () -> {
            var response = dynamoDb.getItem(b -> b.tableName(name).key(Av.key(key)).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
        });
    }

    /** @return false when the condition failed */
    boolean put(PutItemRequest.Builder request) {
        PutItemRequest built = request.tableName(name).build();
        KeyLimits.check(built.item());
        return call("PutItem", () -> {
            try {
                dynamoDb.putItem(built);
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /** @return the attributes asked for by the request's ReturnValues, or empty when the condition failed */
    Optional<Map<String, AttributeValue>> update(UpdateItemRequest.Builder request) {
        UpdateItemRequest built = request.tableName(name).build();
        KeyLimits.check(built);
        return call("UpdateItem", () -> {
            try {
                Map<String, AttributeValue> attributes = dynamoDb.updateItem(built).attributes();
                return Optional.of(attributes == null ? Map.<String, AttributeValue>of() : attributes);
            } catch (ConditionalCheckFailedException e) {
                return Optional.empty();
            }
        });
    }

    /** Sets the attributes named in {@code fields} (null or NULL values are removed) under a condition. */
    Optional<Map<String, AttributeValue>> updateFields(Keys.Key key, Map<String, AttributeValue> fields,
                                                      Expression update) {
        fields.forEach((attribute, value) -> {
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                update.remove(attribute);
            } else {
                update.set(attribute, value);
            }
        });
        return update(update.apply(UpdateItemRequest.builder().key(Av.key(key)))
                .returnValues(ReturnValue.ALL_NEW));
    }

    /** Strongly consistent reads of up to 100 keys; missing items are left out. */
    List<Map<String, AttributeValue>> batchGet(List<Keys.Key> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        List<Map<String, AttributeValue>> pending = keys.stream().map(Av::key).toList();
        pending.forEach(KeyLimits::check);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            KeysAndAttributes request = KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
            BatchGetItemResponse response = call("BatchGetItem",
                    () -> dynamoDb.batchGetItem(b -> b.requestItems(Map.of(name, request))));
            found.addAll(response.responses().getOrDefault(name, List.of()));
            KeysAndAttributes left = response.unprocessedKeys().get(name);
            pending = left == null ? List.of() : left.keys();
            if (!pending.isEmpty()) {
                backOff(attempt);
            }
        }
        return found;
    }

    boolean delete(Keys.Key key) {
        KeyLimits.check(Av.key(key));
        return call("DeleteItem", () -> {
            dynamoDb.deleteItem(b -> b.tableName(name).key(Av.key(key)));
            return true;
        });
    }

    /** A conditional delete; false when the condition failed. */
    boolean deleteIf(Keys.Key key, Expression condition) {
        var request = condition.apply(software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.builder()
                .tableName(name).key(Av.key(key))).build();
        KeyLimits.check(request.key());
        return call("DeleteItem", () -> {
            try {
                dynamoDb.deleteItem(request);
                return true;
            } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    QueryResponse query(QueryRequest.Builder request) {
        QueryRequest built = request.tableName(name).build();
        return call("Query", () -> dynamoDb.query(built));
    }

    /** Every item of a query, following pages. */
    List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = query(start == null ? request : request.exclusiveStartKey(start));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Unconditional puts, 25 per request, retrying what DynamoDB left unprocessed. */
    void batchPut(List<Map<String, AttributeValue>> items) {
        items.forEach(KeyLimits::check);
        batchWrite(items.stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList());
    }

    void batchDelete(List<Keys.Key> keys) {
        keys.forEach(key -> KeyLimits.check(Av.key(key)));
        batchWrite(keys.stream().map(key -> WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(Av.key(key)).build()).build()).toList());
    }

    private void batchWrite(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            List<WriteRequest> pending = writes.subList(from, Math.min(writes.size(), from + BATCH_SIZE));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> request = new HashMap<>(Map.of(name, pending));
                BatchWriteItemResponse response = call("BatchWriteItem",
                        () -> dynamoDb.batchWriteItem(b -> b.requestItems(request)));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(name, List.of()) : List.of();
                if (!pending.isEmpty()) {
                    backOff(attempt);
                }
            }
        }
    }

    private static void backOff(int attempt) {
        if (attempt > 8) {
            throw new StoreUnavailableException("DynamoDB kept leaving batch items unprocessed", null);
        }
        try {
            Thread.sleep(Math.min(1000, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while retrying BatchWriteItem", e);
        }
    }

    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new StoreUnavailableException(operation + " on " + name + " failed: " + e.getMessage(), e);
        }
    }
}
