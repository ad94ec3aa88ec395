package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.store.Keys;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import dev.autosync.store.TableSchema;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.ReadCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every api request's DynamoDB work is bounded whatever the table holds: with several times the per-request
 * read budget in one partition, a filter that matches nothing answers a short (even empty) page with a
 * cursor instead of walking the partition, and following the cursors still finds exactly the matches.
 * Reads are counted by observing the real client ({@link ReadCounter}), on dynalite.
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedReadsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    /** Several times the item budget (1,000) in one partition: as many commits of a repository, and jobs. */
    private static final int COMMITS = 3_000;
    /** Bytes a request may read: the 2 MB budget plus the one Query (at most 1 MB) that may overshoot it. */
    private static final long MAX_BYTES = 3L * 1024 * 1024;
    private static final long MAX_ITEMS = 1_000 + 10;
    private static final Set<Integer> RARE = Set.of(7, 1_777, 2_901);

    private final ReadCounter reads = new ReadCounter();
    private ApiTestbed api;
    private AwsFixture aws;
    private String table;

    @BeforeAll
    void seed(AwsFixture aws) {
        this.aws = aws;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DynamoDbClient counted = reads.client(aws.backend().dynamoDbEndpoint());
        api = new ApiTestbed(counted, aws.sqs(), aws.provision(), clock);
        table = api.resources.tableName();
        ApiSeed seed = new ApiSeed(aws, table, clock);
        seed.installation(100, "octo-org", "Organization");
        Repository repo = seed.repository(1001, 100, "octo-org/api");
        seed.commit(repo, "c-template", "alice", "Alice", "alice@example.com", NOW.minus(Duration.ofDays(400)), "main");
        cloneCommits();
        seed.job("j-template", SyncJob.Type.MANUAL_SYNC, SyncJob.Status.COMPLETED, 7L, NOW.minus(Duration.ofDays(6)));
        seed.job("j-nine-a", SyncJob.Type.MANUAL_SYNC, SyncJob.Status.COMPLETED, 9L, NOW.minus(Duration.ofDays(6)));
        seed.job("j-nine-b", SyncJob.Type.PERIODIC_SYNC, SyncJob.Status.FAILED, 9L, NOW.minus(Duration.ofHours(5)));
        cloneJobs();
    }

    /**
     * {@code jobs?installation_id=<none>} used to walk every job, and every list call re-read the 7 days of
     * jobs (here 3,000) for its statistics.
     */
    @Test
    void aJobFilterMatchingNothing_andTheStatistics_readWithinTheBudget() {
        int requests = follow("/api/sync/jobs", Map.of("installation_id", "12345", "limit", "50"), "jobs",
                body -> assertEquals(0, body.get("jobs").size()));

        assertTrue(requests > 1, "the walk was split over several requests");
    }

    @Test
    void aSparseJobFilter_followedThroughCursors_findsExactlyItsMatches_withTheirStatistics() {
        List<String> ids = new ArrayList<>();
        List<JsonNode> stats = new ArrayList<>();
        follow("/api/sync/jobs", Map.of("installation_id", "9", "limit", "1"), "jobs", body -> {
            body.get("jobs").forEach(j -> ids.add(j.get("job_id").asText()));
            stats.add(body.get("stats"));
        });

        assertEquals(List.of("j-nine-b", "j-nine-a"), ids);
        JsonNode first = stats.get(0);
        assertEquals(2, first.get("total").asInt());
        assertEquals(1, first.get("by_status").get("completed").asInt());
        assertEquals(1, first.get("by_status").get("failed").asInt());
        assertEquals(0.5, first.get("success_rate").asDouble());
        assertEquals(42.0, first.get("avg_duration_seconds").asDouble());
        stats.forEach(page -> assertEquals(first, page));
    }

    /** {@code commits?branch=<none>} used to read all 3,000 commits (about 7 MB) in one request. */
    @Test
    void aCommitFilterMatchingNothing_readsWithinTheBudget_andAnswersACursor() {
        List<String> shas = new ArrayList<>();
        int requests = follow("/api/repositories/1001/commits", Map.of("branch", "nowhere", "limit", "100"), "commits",
                body -> body.get("commits").forEach(c -> shas.add(c.get("sha").asText())));

        assertEquals(List.of(), shas);
        assertTrue(requests > 1, "the walk was split over several requests");
    }

    @Test
    void aSparseCommitFilter_followedThroughCursors_findsExactlyItsMatches_newestFirst() {
        List<String> shas = new ArrayList<>();
        follow("/api/repositories/1001/commits", Map.of("branch", "rare", "limit", "2"), "commits",
                body -> body.get("commits").forEach(c -> shas.add(c.get("sha").asText())));

        assertEquals(List.of(sha(7), sha(1_777), sha(2_901)), shas);
    }

    @Test
    void anUnfilteredList_ofLargeItems_isCutByBytes_andStillWalksEveryItemOnce() {
        List<String> shas = new ArrayList<>();
        follow("/api/repositories/1001/commits", Map.of("limit", "100"), "commits",
                body -> body.get("commits").forEach(c -> shas.add(c.get("sha").asText())));

        assertEquals(COMMITS + 1, shas.size());
        assertEquals(COMMITS + 1, Set.copyOf(shas).size());
        assertEquals(sha(0), shas.get(0));
    }

    /**
     * Calls {@code path} and follows every next_cursor, checking each request's reads against the budget.
     *
     * @return how many requests it took
     */
    private int follow(String path, Map<String, String> query, String list, java.util.function.Consumer<JsonNode> page) {
        String cursor = null;
        int requests = 0;
        do {
            Map<String, String> parameters = new HashMap<>(query);
            if (cursor != null) {
                parameters.put("cursor", cursor);
            }
            reads.reset();
            ApiTestbed.Reply reply = api.get(path, parameters);
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reads.items() <= MAX_ITEMS, "request " + requests + " read " + reads.items() + " items");
            assertTrue(reads.bytes() <= MAX_BYTES, "request " + requests + " read " + reads.bytes() + " bytes");
            JsonNode body = reply.json();
            assertTrue(body.get(list).isArray());
            page.accept(body);
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
            requests++;
        } while (cursor != null && requests < 100);
        assertTrue(cursor == null, "the walk ended");
        return requests;
    }

    /** 3,000 commits of about 2.5 KB each (long file lists), a minute apart, newest first = c0; three on "rare". */
    private void cloneCommits() {
        Map<String, AttributeValue> template = aws.dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of(TableSchema.PK, AttributeValue.fromS(Keys.commit(1001, "c-template").pk()),
                        TableSchema.SK, AttributeValue.fromS(Keys.commit(1001, "c-template").sk())))).item();
        List<AttributeValue> files = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            files.add(AttributeValue.fromS("src/main/java/dev/autosync/some/deep/package/File" + f + ".java"));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < COMMITS; i++) {
            int n = i;
            Instant at = NOW.minus(Duration.ofMinutes(i + 1));
            String sha = sha(i);
            UnaryOperator<Map<String, AttributeValue>> edit = item -> {
                item.put(TableSchema.SK, AttributeValue.fromS(Keys.commit(1001, sha).sk()));
                item.put("sha", AttributeValue.fromS(sha));
                item.put("committed_at", AttributeValue.fromS(at.toString()));
                item.put(TableSchema.GSI1.sortKey(), AttributeValue.fromS(Keys.commitTimeSortKey(at, sha)));
                item.put(TableSchema.GSI2.sortKey(), AttributeValue.fromS(Keys.commitTimeSortKey(at, sha)));
                item.put("modified", AttributeValue.fromL(files));
                item.put("branches", AttributeValue.fromSs(RARE.contains(n) ? List.of("main", "rare") : List.of("main")));
                return item;
            };
            items.add(edit.apply(new HashMap<>(template)));
        }
        batchPut(items);
    }

    /** 3,000 jobs of installation 7 in the last 7 days, a few minutes apart (their hourly totals are not written). */
    private void cloneJobs() {
        Map<String, AttributeValue> template = aws.dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of(TableSchema.PK, AttributeValue.fromS(Keys.job("j-template").pk()),
                        TableSchema.SK, AttributeValue.fromS(Keys.job("j-template").sk())))).item();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < COMMITS; i++) {
            String id = "j-" + i;
            Instant at = NOW.minus(Duration.ofMinutes(3L * i + 1));
            Map<String, AttributeValue> item = new HashMap<>(template);
            item.put(TableSchema.PK, AttributeValue.fromS(Keys.job(id).pk()));
            item.put("job_id", AttributeValue.fromS(id));
            item.put("created_at", AttributeValue.fromS(at.toString()));
            item.put(TableSchema.GSI1.sortKey(), AttributeValue.fromS(Keys.jobSortKey(at, id)));
            item.put(TableSchema.GSI2.sortKey(), AttributeValue.fromS(Keys.jobSortKey(at, id)));
            items.add(item);
        }
        batchPut(items);
    }

    private void batchPut(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            var response = aws.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            assertTrue(response.unprocessedItems().isEmpty());
        }
    }

    private static String sha(int i) {
        return String.format("%040x", 0xc0ffee00L + i);
    }
}
