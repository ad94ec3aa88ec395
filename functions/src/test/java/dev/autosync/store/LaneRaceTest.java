package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The lane protocol under one forced interleaving of two writers of the same change (issue 10 item 5: a
 * repository counted twice in the totals under duplicated, parallel delivery).
 */
@ExtendWith(AwsStandIns.class)
class LaneRaceTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    // Protects against a writer that finds its own child's op in the lane, loses the race to advance the child
    // to the op's first writer, and then applies the same op again from its stale read of the child.
    @Test
    void duplicateAdd_losingTheAdvanceOfItsOwnAppliedOp_doesNotCountTheRepositoryTwice(AwsFixture aws) {
        Resources resources = aws.provision();
        Clock clock = Clock.fixed(T, ZoneId.of("UTC"));
        String table = resources.tableName();
        Keys.Key repo = Keys.repository(7);

        // GIVEN writer A has applied op (repo, 0, counted) to the totals but not yet moved the repository's flag
        new EntityStore(aws.dynamoDb(), table, clock).upsertRepository(StoreQueriesTest.repository(7), T, T);
        aws.dynamoDb().updateItem(b -> b.tableName(table).key(Av.key(repo))
                .updateExpression("SET #c = :f, #v = :z")
                .expressionAttributeNames(Map.of("#c", Attr.COUNTED, "#v", Attr.COUNT_VERSION))
                .expressionAttributeValues(Map.of(":f", Av.bool(false), ":z", Av.n(0))));
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stats = aws.dynamoDb()
                .getItem(b -> b.tableName(table).key(Av.key(Keys.stats())).consistentRead(true)).item();
        assertEquals(1, Av.num(stats, Attr.TOTAL_REPOSITORIES));
        assertTrue(stats.containsKey(Contributions.lane(repo)), "the lane names A's op");

        // WHEN a duplicate delivery B reads the totals and the repository, and A moves the flag just before B's
        // own attempt to move it (so B's attempt fails)
        AtomicBoolean fired = new AtomicBoolean();
        DynamoDbClient raw = aws.dynamoDb();
        DynamoDbClient hooked = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateItem") && args != null && args.length == 1
                            && args[0] instanceof UpdateItemRequest request
                            && request.key().equals(Av.key(repo)) && !fired.getAndSet(true)) {
                        raw.updateItem(b -> b.tableName(table).key(Av.key(repo))
                                .updateExpression("SET #c = :t, #v = :one")
                                .expressionAttributeNames(Map.of("#c", Attr.COUNTED, "#v", Attr.COUNT_VERSION))
                                .expressionAttributeValues(Map.of(":t", Av.bool(true), ":one", Av.n(1))));
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new EntityStore(hooked, table, clock).upsertRepository(StoreQueriesTest.repository(7), T, T);

        // THEN the repository is counted once
        assertTrue(fired.get(), "the interleaving was forced");
        stats = raw.getItem(b -> b.tableName(table).key(Av.key(Keys.stats())).consistentRead(true)).item();
        assertEquals(1, Av.num(stats, Attr.TOTAL_REPOSITORIES));
    }
}
