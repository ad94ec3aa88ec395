package dev.autosync.processing;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Fault injection: a delegating DynamoDB client that lets {@code writesBeforeCrash} write requests through
 * and then fails every further call, reads included, as a process that died would. Not a mock: every call
 * that goes through reaches the real stand-in.
 */
final class CrashingDynamoDb implements DynamoDbClient {

    private final DynamoDbClient delegate;
    private final int writesBeforeCrash;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean crashed;

    CrashingDynamoDb(DynamoDbClient delegate, int writesBeforeCrash) {
        this.delegate = delegate;
        this.writesBeforeCrash = writesBeforeCrash;
    }

    /** Write requests that reached DynamoDB. */
    int writes() {
        return writes.get();
    }

    boolean crashed() {
        return crashed;
    }

    private void beforeWrite() {
        beforeRead();
        if (writes.get() >= writesBeforeCrash) {
            crashed = true;
            beforeRead();
        }
        writes.incrementAndGet();
    }

    private void beforeRead() {
        if (crashed) {
            throw SdkClientException.create("injected crash after " + writes.get() + " writes");
        }
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        beforeRead();
        return delegate.getItem(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        beforeRead();
        return delegate.batchGetItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        beforeRead();
        return delegate.query(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        beforeWrite();
        return delegate.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        beforeWrite();
        return delegate.updateItem(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        beforeWrite();
        return delegate.deleteItem(request);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        beforeWrite();
        return delegate.batchWriteItem(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the delegate belongs to the test fixture
    }
}
