package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.Delegating;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-hour delivery totals: one update per delivery, summed over the shards, hours zero-filled, exact
 * under concurrent writers, bounded in what they accept and in what a read costs.
 */
@ExtendWith(AwsStandIns.class)
class DeliveryHoursTest {

    private static final Instant T = Instant.parse("2026-05-04T10:15:00Z");

    @Test
    void deliveriesAreSummedPerHour_byEventAndOutcome_withEmptyHoursAsZeros(AwsFixture aws) {
        DeliveryHours hours = new DeliveryHours(aws.dynamoDb(), aws.provision().tableName());
        hours.record("a", "push", "processed", T);
        hours.record("b", "push", "processed", T.plusSeconds(2_000)); // 10:48: the same hour
        hours.record("c", "issues", "stale", T.minusSeconds(20)); // 10:14
        hours.record("d", "other", "rejected", T.minus(Duration.ofHours(2)));
        hours.record("e", "pull_request", "ignored", T.plus(Duration.ofHours(1))); // after the window

        List<DeliveryHours.Hour> read = hours.hours(T.minus(Duration.ofHours(3)), T);

        assertEquals(List.of(Instant.parse("2026-05-04T07:00:00Z"), Instant.parse("2026-05-04T08:00:00Z"),
                Instant.parse("2026-05-04T09:00:00Z"), Instant.parse("2026-05-04T10:00:00Z")),
                read.stream().map(DeliveryHours.Hour::start).toList());
        assertEquals(List.of(0L, 1L, 0L, 3L), read.stream().map(DeliveryHours.Hour::deliveries).toList());
        assertEquals(Map.of("issues", 1L, "push", 2L), read.get(3).byEvent());
        assertEquals(Map.of("processed", 2L, "stale", 1L), read.get(3).byOutcome());
        assertEquals(Map.of("other", 1L), read.get(1).byEvent());
        assertEquals(Map.of("rejected", 1L), read.get(1).byOutcome());
        assertEquals(Map.of(), read.get(0).byEvent());
    }

    @Test
    void concurrentWriters_loseNoCount_andTheHourIsSpreadOverItsShards(AwsFixture aws) throws Exception {
        String table = aws.provision().tableName();
        AtomicInteger updates = new AtomicInteger();
        DynamoDbClient counting = Delegating.around(DynamoDbClient.class, aws.dynamoDb(), method -> {
            if (method.getName().equals("updateItem")) {
                updates.incrementAndGet();
            }
        });
        DeliveryHours hours = new DeliveryHours(counting, table);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "delivery-" + i;
                writes.add(pool.submit(() -> hours.record(id, i(id) % 2 == 0 ? "push" : "issues", "processed", T)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        DeliveryHours.Hour hour = hours.hours(T, T).get(0);
        assertEquals(200, hour.deliveries());
        assertEquals(200L, hour.byEvent().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of("processed", 200L), hour.byOutcome());
        // The cost: exactly one write per delivery, nothing read first.
        assertEquals(200, updates.get());
        Set<String> partitions = new HashSet<>();
        aws.dynamoDb().scan(b -> b.tableName(table)).items().forEach(item -> {
            partitions.add(item.get(TableSchema.PK).s());
            assertEquals(Keys.hour(T), item.get(TableSchema.SK).s());
            // Expires with the hour, a week on (DynamoDB's TTL).
            assertEquals(Instant.parse("2026-05-11T10:00:00Z").getEpochSecond(), Long.parseLong(item.get("expires_at").n()));
            assertTrue(item.entrySet().stream().mapToInt(e -> e.getKey().length() + size(e.getValue())).sum() < 1_000,
                    "one WRU per update");
        });
        assertEquals(DeliveryHours.SHARDS, partitions.size(), "200 delivery ids land on every shard: " + partitions);
    }

    @Test
    void aReadOf48Hours_isOneQueryPerShard(AwsFixture aws) {
        String table = aws.provision().tableName();
        new DeliveryHours(aws.dynamoDb(), table).record("a", "push", "processed", T);
        AtomicInteger queries = new AtomicInteger();
        DynamoDbClient counting = Delegating.around(DynamoDbClient.class, aws.dynamoDb(), method -> {
            if (!method.getName().equals("close") && !method.getName().equals("serviceName")) {
                assertEquals("query", method.getName());
                queries.incrementAndGet();
            }
        });

        List<DeliveryHours.Hour> read = new DeliveryHours(counting, table).hours(T.minus(Duration.ofHours(47)), T);

        assertEquals(48, read.size());
        assertEquals(1, read.get(47).deliveries());
        assertEquals(DeliveryHours.SHARDS, queries.get());
    }

    @Test
    void namesThatAreNotShortLowerCaseWords_areRefused(AwsFixture aws) {
        DeliveryHours hours = new DeliveryHours(aws.dynamoDb(), aws.provision().tableName());
        assertThrows(IllegalArgumentException.class, () -> hours.record("a", "Push", "processed", T));
        assertThrows(IllegalArgumentException.class, () -> hours.record("a", "push", "done; DROP", T));
        assertThrows(IllegalArgumentException.class, () -> hours.record("a", "x".repeat(41), "processed", T));
        assertEquals(0, hours.hours(T, T).get(0).deliveries());
    }

    private static int i(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    private static int size(AttributeValue value) {
        return value.s() != null ? value.s().length() : value.n() != null ? value.n().length() : 8;
    }
}
