package dev.autosync.testing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Observes the DynamoDB reads a real client makes (it changes nothing): items read — a Query's
 * {@code ScannedCount}, which counts the items a filter then dropped; one per GetItem; the items a
 * BatchGetItem returned — and the bytes read where a response states its consumed capacity (4 KB per
 * read unit; dynalite, like DynamoDB, charges eventually consistent reads half, which is doubled back).
 */
public final class ReadCounter implements ExecutionInterceptor {

    private final AtomicLong items = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    /** A client for the stand-in at {@code endpoint} whose reads this counter sees. */
    public DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        requests.incrementAndGet();
        if (response instanceof QueryResponse query) {
            items.addAndGet(query.scannedCount());
            boolean consistent = Boolean.TRUE.equals(((software.amazon.awssdk.services.dynamodb.model.QueryRequest)
                    context.request()).consistentRead());
            bytes.addAndGet(bytes(query.consumedCapacity(), consistent));
        } else if (response instanceof GetItemResponse get) {
            items.incrementAndGet();
            bytes.addAndGet(bytes(get.consumedCapacity(), true));
        } else if (response instanceof BatchGetItemResponse batch) {
            batch.responses().values().forEach(found -> items.addAndGet(found.size()));
        }
    }

    private static long bytes(ConsumedCapacity capacity, boolean consistent) {
        if (capacity == null || capacity.capacityUnits() == null) {
            return 0;
        }
        return Math.round(capacity.capacityUnits() * 4096 * (consistent ? 1 : 2));
    }

    /** Forgets what was counted (call before the request to measure). */
    public void reset() {
        items.set(0);
        bytes.set(0);
        requests.set(0);
    }

    public long items() {
        return items.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long requests() {
        return requests.get();
    }
}
