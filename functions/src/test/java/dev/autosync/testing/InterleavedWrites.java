package dev.autosync.testing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Interleaving for store tests: a client delegating to the real stand-in that runs {@code meanwhile} once,
 * just before its {@code write}-th write request (counted from 0) goes through — another process's work
 * happening while this one is paused there.
 */
public final class InterleavedWrites {

    private static final Set<String> WRITES = Set.of("putItem", "updateItem", "deleteItem", "batchWriteItem");

    private InterleavedWrites() {
    }

    public static DynamoDbClient client(DynamoDbClient delegate, int write, Runnable meanwhile) {
        AtomicInteger done = new AtomicInteger();
        return Delegating.around(DynamoDbClient.class, delegate, method -> {
            if (WRITES.contains(method.getName()) && done.getAndIncrement() == write) {
                meanwhile.run();
            }
        });
    }
}
