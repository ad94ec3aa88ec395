package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Hot counter parents (the global totals, a busy repository) keep the same size whatever the burst of
 * changes, and their counts stay exact under concurrent writers and duplicates.
 */
@ExtendWith(AwsStandIns.class)
class HotCounterTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    private static final int WRITERS = 8;

    /**
     * The bound: {@value Contributions#LANES} lanes of at most ~100 bytes each (a lane's name, its count and
     * the op text naming a child key) on top of the entity's own attributes (a repository's fields here are
     * under 1 KB). Before lanes each change left a ~70-byte marker for 15 minutes: 6,000 changes in a minute
     * made one repository item ~400 KB.
     */
    private static final long BOUND = 4_096;

    // Protects against counters whose bookkeeping grows with the number of changes: a bot closing 3,000 issues
    // within a minute must not push its repository's item towards the 400 KB limit.
    @Test
    void threeThousandIssuesClosedInAMinute_leaveTheRepositoryItemSmall_andTheCountExact(AwsFixture aws)
            throws Exception {
        Resources resources = aws.provision();
        AtomicLong millis = new AtomicLong(T.toEpochMilli());
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), new TickingClock(millis));
        int issues = 3_000;
        // GIVEN a repository with 3,000 open issues, each counted (stored as the store itself leaves them)
        entities.upsertRepository(StoreQueriesTest.repository(7), T, T);
        aws.dynamoDb().updateItem(b -> b.tableName(resources.tableName()).key(Av.key(Keys.repository(7)))
                .updateExpression("SET open_issues_count = :n").expressionAttributeValues(Map.of(":n", Av.n(issues))));
        seedOpenIssues(aws, resources.tableName(), issues);

        // WHEN all are closed within a minute, a tenth of the closes delivered twice
        parallel(issues + issues / 10, i -> {
            millis.addAndGet(15);
            entities.upsertIssue(issue(i % issues + 1, "closed", T.plusSeconds(2)), T);
        });

        // THEN the count is exact and the repository item stays within the lanes' bound
        assertTrue(millis.get() - T.toEpochMilli() <= 60_000, "the burst fits in a minute of fake time");
        Map<String, AttributeValue> repository = entities.raw(Keys.repository(7)).orElseThrow();
        assertEquals(0, Av.num(repository, Attr.OPEN_ISSUES_COUNT));
        assertTrue(ItemBytes.of(repository) <= BOUND, "repository item of " + ItemBytes.of(repository) + " bytes");
    }

    // Protects against the global totals item growing with every repository an installation brings.
    @Test
    void twoThousandRepositoriesAdded_leaveTheStatsItemSmall_andTheTotalExact(AwsFixture aws) throws Exception {
        Resources resources = aws.provision();
        AtomicLong millis = new AtomicLong(T.toEpochMilli());
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), new TickingClock(millis));
        int repositories = 2_000;

        // WHEN one installation brings 2,000 repositories, a tenth delivered twice, and 100 are deleted
        parallel(repositories + repositories / 10, i -> {
            millis.addAndGet(10);
            entities.upsertRepository(StoreQueriesTest.repository(i % repositories + 1), T, T);
        });
        parallel(100, i -> entities.deleteRepository(i + 1, T.plusSeconds(5)));

        // THEN
        Map<String, AttributeValue> stats = entities.raw(Keys.stats()).orElseThrow();
        assertEquals(repositories - 100, Av.num(stats, Attr.TOTAL_REPOSITORIES));
        assertTrue(ItemBytes.of(stats) <= BOUND, "stats item of " + ItemBytes.of(stats) + " bytes");
    }

    private static void parallel(int count, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(pool.submit(() -> work.accept(index)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void seedOpenIssues(AwsFixture aws, String table, int count) {
        for (int from = 1; from <= count; from += 25) {
            List<WriteRequest> puts = new ArrayList<>();
            for (int number = from; number < from + 25 && number <= count; number++) {
                Map<String, AttributeValue> item = new HashMap<>(ItemCodec.issueFields(issue(number, "open", T.plusSeconds(1))));
                item.putAll(Av.key(Keys.issue(7, number)));
                item.put(Attr.SOURCE_TIME, Av.n(T.plusSeconds(1).toEpochMilli()));
                item.put(Attr.COUNTED, Av.bool(true));
                item.put(Attr.COUNT_VERSION, Av.n(1));
                puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            aws.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table, puts)));
        }
    }

    private static Issue issue(long number, String state, Instant updatedAt) {
        return new Issue(7, number * 10, number, "t", "b", state, null, List.of(), List.of(), null, 0, T, updatedAt,
                "open".equals(state) ? null : updatedAt);
    }

    /** Fake time the writers move forward. */
    private static final class TickingClock extends Clock {

        private final AtomicLong millis;

        TickingClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
