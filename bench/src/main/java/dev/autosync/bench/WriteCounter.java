package dev.autosync.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts DynamoDB requests as they leave the client: all of them, write requests, and item writes (a
 * BatchWriteItem request carries up to 25). Conditional writes that fail are counted too: DynamoDB bills them.
 */
final class WriteCounter implements ExecutionInterceptor {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Object request = context.request();
        calls.incrementAndGet();
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest) {
            requests.incrementAndGet();
            items.incrementAndGet();
        } else if (request instanceof BatchWriteItemRequest batch) {
            requests.incrementAndGet();
            batch.requestItems().values().forEach(writes -> items.addAndGet(writes.size()));
        }
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

    void reset() {
        requests.set(0);
        items.set(0);
        calls.set(0);
    }
}
