package dev.autosync.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fault injection for store tests: a client delegating to the real stand-in that lets {@code writes} write
 * requests through and then fails every further call, as a process that died would (the same rule as the
 * processing tests' {@code CrashingDynamoDb}, for every method of the interface).
 */
public final class CrashAfterWrites {

    private static final Set<String> WRITES = Set.of("putItem", "updateItem", "deleteItem", "batchWriteItem");

    private CrashAfterWrites() {
    }

    /** Thrown instead of a call after the crash; a subtype of what the SDK throws, so the store translates it. */
    public static DynamoDbClient client(DynamoDbClient delegate, int writes) {
        AtomicInteger done = new AtomicInteger();
        boolean[] crashed = {false};
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    synchronized (crashed) {
                        if (!crashed[0] && WRITES.contains(method.getName()) && done.getAndIncrement() >= writes) {
                            crashed[0] = true;
                        }
                        if (crashed[0] && !method.getName().equals("serviceName")) {
                            throw SdkClientException.create("injected crash after " + writes + " writes");
                        }
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
