package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.Delegating;
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

    // Protects against a writer that decided a change on a child read just before another writer changed the
    // child back: the other writer found the child counting as it should (the flag not yet moved) and left,
    // so the first writer must look at the child again as its own move left it.
    @Test
    void issueClosedWhileItsOpeningIsCounted_leavesNoOpenIssue(AwsFixture aws) {
        Resources resources = aws.provision();
        Clock clock = Clock.fixed(T, ZoneId.of("UTC"));
        String table = resources.tableName();
        Keys.Key repo = Keys.repository(7);
        new EntityStore(aws.dynamoDb(), table, clock).upsertRepository(StoreQueriesTest.repository(7), T, T);

        // GIVEN writer A opens issue 1 and has decided to count it; just before A's counter write, writer B
        // closes the issue (a later change) and finishes
        AtomicBoolean fired = new AtomicBoolean();
        DynamoDbClient raw = aws.dynamoDb();
        DynamoDbClient hooked = Delegating.aroundCalls(DynamoDbClient.class, raw, (method, args) -> {
            if (method.getName().equals("updateItem") && args != null && args.length == 1
                    && args[0] instanceof UpdateItemRequest request && request.key().equals(Av.key(repo))
                    && request.updateExpression().contains("ADD") && !fired.getAndSet(true)) {
                new EntityStore(raw, table, clock).upsertIssue(issue(1, "closed", T.plusSeconds(10)), T.plusSeconds(10));
            }
        });
        new EntityStore(hooked, table, clock).upsertIssue(issue(1, "open", T.plusSeconds(5)), T.plusSeconds(5));

        // THEN the closed issue is not counted open
        assertTrue(fired.get(), "the interleaving was forced");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored = raw.getItem(b -> b
                .tableName(table).key(Av.key(repo)).consistentRead(true)).item();
        assertEquals(0, Av.num(stored, Attr.OPEN_ISSUES_COUNT));
    }

    // Protects against the no-read shortcut of presence counters (a repository in the totals) missing a
    // deletion that crashed after counting: the re-add that lifts the tombstone reconciles in full.
    @Test
    void deletionCrashedAfterCounting_thenReAdded_countsTheRepositoryOnce(AwsFixture aws) {
        Resources resources = aws.provision();
        Clock clock = Clock.fixed(T, ZoneId.of("UTC"));
        String table = resources.tableName();
        EntityStore store = new EntityStore(aws.dynamoDb(), table, clock);
        store.upsertRepository(StoreQueriesTest.repository(7), T, T);

        // GIVEN a deletion that took the repository off the totals and died before moving its flag
        EntityStore crashing = new EntityStore(dev.autosync.testing.CrashAfterWrites.client(aws.dynamoDb(), 2), table, clock);
        org.junit.jupiter.api.Assertions.assertThrows(StoreUnavailableException.class,
                () -> crashing.deleteRepository(7, T.plusSeconds(1)));
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> half = aws.dynamoDb().getItem(b -> b
                .tableName(table).key(Av.key(Keys.repository(7))).consistentRead(true)).item();
        assertTrue(Av.flag(half, Attr.COUNTED), "the flag still says counted");
        assertEquals(0, totalRepositories(aws, table));

        // WHEN it is added again and upserted (the upsert finds it "counted" and reads nothing more)
        store.reviveRepository(7, T.plusSeconds(2));
        store.upsertRepository(StoreQueriesTest.repository(7), T.plusSeconds(3), T.plusSeconds(3));

        // THEN it counts once
        assertEquals(1, totalRepositories(aws, table));
    }

    private static long totalRepositories(AwsFixture aws, String table) {
        return Av.num(aws.dynamoDb().getItem(b -> b.tableName(table).key(Av.key(Keys.stats())).consistentRead(true))
                .item(), Attr.TOTAL_REPOSITORIES);
    }

    private static Issue issue(long number, String state, Instant updatedAt) {
        return new Issue(7, number * 10, number, "t", "b", state, null, java.util.List.of(), java.util.List.of(), null,
                0, T, updatedAt, "open".equals(state) ? null : updatedAt);
    }

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
        DynamoDbClient hooked = Delegating.aroundCalls(DynamoDbClient.class, raw, (method, args) -> {
            if (method.getName().equals("updateItem") && args != null && args.length == 1
                    && args[0] instanceof UpdateItemRequest request
                    && request.key().equals(Av.key(repo)) && !fired.getAndSet(true)) {
                raw.updateItem(b -> b.tableName(table).key(Av.key(repo))
                        .updateExpression("SET #c = :t, #v = :one")
                        .expressionAttributeNames(Map.of("#c", Attr.COUNTED, "#v", Attr.COUNT_VERSION))
                        .expressionAttributeValues(Map.of(":t", Av.bool(true), ":one", Av.n(1))));
            }
        });
        new EntityStore(hooked, table, clock).upsertRepository(StoreQueriesTest.repository(7), T, T);

        // THEN the repository is counted once
        assertTrue(fired.get(), "the interleaving was forced");
        stats = raw.getItem(b -> b.tableName(table).key(Av.key(Keys.stats())).consistentRead(true)).item();
        assertEquals(1, Av.num(stats, Attr.TOTAL_REPOSITORIES));
    }
}
