package dev.autosync.bench;

import dev.autosync.store.TableSchema;
import dev.autosync.standins.AwsBackend;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts DynamoDB requests as they leave the client: all of them, write requests, and item writes (a
 * BatchWriteItem request carries up to 25). Conditional writes that fail are counted too: DynamoDB bills them.
 *
 * <p>For the cost notes it also asks every request for its consumed capacity (ReturnConsumedCapacity TOTAL, as
 * dynalite computes it: the table's read and write units by item size, eventually consistent reads at half)
 * and counts index writes: each write that sets a GSI's partition key also writes that index (every index
 * projects all attributes), one more write unit per KB. A write whose condition fails returns no capacity;
 * DynamoDB bills it as a write of the item, counted here as 1 unit.
 */
final class WriteCounter implements ExecutionInterceptor {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong indexWrites = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    /** A client for {@code backend}'s DynamoDB whose every request {@code counter} sees. */
    static DynamoDbClient client(AwsBackend backend, WriteCounter counter) {
        return DynamoDbClient.builder()
                .endpointOverride(backend.dynamoDbEndpoint())
                .region(Region.of(backend.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
                .build();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Object request = context.request();
        calls.incrementAndGet();
        if (request instanceof PutItemRequest put) {
            requests.incrementAndGet();
            items.incrementAndGet();
            indexWrites.addAndGet(indexesSet(put.item().keySet()));
        } else if (request instanceof UpdateItemRequest update) {
            requests.incrementAndGet();
            items.incrementAndGet();
            indexWrites.addAndGet(indexesSet(update.hasExpressionAttributeNames()
                    ? update.expressionAttributeNames().values() : List.of()));
        } else if (request instanceof DeleteItemRequest) {
            requests.incrementAndGet();
            items.incrementAndGet();
        } else if (request instanceof BatchWriteItemRequest batch) {
            requests.incrementAndGet();
            batch.requestItems().values().forEach(writes -> {
                items.addAndGet(writes.size());
                for (WriteRequest write : writes) {
                    if (write.putRequest() != null) {
                        indexWrites.addAndGet(indexesSet(write.putRequest().item().keySet()));
                    }
                }
            });
        } else if (request instanceof GetItemRequest || request instanceof QueryRequest
                || request instanceof BatchGetItemRequest) {
            reads.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof GetItemResponse r) {
            readUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof QueryResponse r) {
            readUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof BatchGetItemResponse r) {
            r.consumedCapacity().forEach(c -> readUnits.add(units(c)));
        } else if (response instanceof PutItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof UpdateItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof DeleteItemResponse r) {
            writeUnits.add(units(r.consumedCapacity()));
        } else if (response instanceof BatchWriteItemResponse r) {
            r.consumedCapacity().forEach(c -> writeUnits.add(units(c)));
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Object request = context.request();
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest) {
            writeUnits.add(1);
        }
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    /** How many GSIs a write sets the partition key of, given the attribute names it writes. */
    private static int indexesSet(Collection<String> names) {
        int set = 0;
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            if (names.contains(gsi.partitionKey())) {
                set++;
            }
        }
        return set;
    }

    long items() {
        return items.get();
    }

    long requests() {
        return requests.get();
    }

    /** Every DynamoDB request, reads included. */
    long calls() {
        return calls.get();
    }

    /** GetItem, BatchGetItem and Query requests. */
    long reads() {
        return reads.get();
    }

    /** Read request units: the table's, as dynalite reports them. */
    double readUnits() {
        return readUnits.sum();
    }

    /** Write request units of the table, as dynalite reports them (failed conditional writes at 1). */
    double writeUnits() {
        return writeUnits.sum();
    }

    /** Index writes: one per write and GSI whose partition key it sets. */
    long indexWrites() {
        return indexWrites.get();
    }

    /** The counts as one phrase for the cost notes. */
    String capacity() {
        return String.format("reads %d (%.1f RRU), writes %d requests / %d items (%.0f WRU + %d index writes)",
                reads(), readUnits(), requests(), items(), writeUnits(), indexWrites());
    }

    void reset() {
        requests.set(0);
        items.set(0);
        calls.set(0);
        reads.set(0);
        indexWrites.set(0);
        readUnits.reset();
        writeUnits.reset();
    }
}
