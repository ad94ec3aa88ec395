package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.api.analytics.AnalyticsCalculator;
import dev.autosync.api.analytics.Facts.IssueFact;
import dev.autosync.api.analytics.Facts.PullFact;
import dev.autosync.common.Json;
import dev.autosync.store.Keys;
import dev.autosync.store.SyncState;
import dev.autosync.store.TableSchema;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.ReadCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue and pull request analytics in bounded work: with more closed and open issues than the read budget,
 * stored before analytics indexed them by time (so the first requests index them), the answer completes over
 * a few bounded requests and equals the calculator's on every issue and pull request; then a repeated request
 * reads only the stored days and months. Closing an issue changes the median time to close, reopening it
 * changes it back, and a merge shows in the median time to merge.
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsIssueRollupsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final long BIG = 5001;
    private static final int CLOSED = 1_500;
    private static final int OPEN = 1_300;
    private static final int MERGED = 400;
    /** The budget (1,000), two kinds of day items (2 × 402), the months' totals and a few GetItems. */
    private static final long MAX_ITEMS = 1_000 + 804 + 40;

    private final ReadCounter reads = new ReadCounter();
    private final ManualClock clock = new ManualClock(NOW.minus(Duration.ofHours(1)));
    private final List<IssueFact> issues = new ArrayList<>();
    private final List<PullFact> pulls = new ArrayList<>();
    private AwsFixture aws;
    private String table;
    private ApiTestbed api;
    private ApiSeed seed;

    @BeforeAll
    void seed(AwsFixture aws) {
        this.aws = aws;
        DynamoDbClient counted = reads.client(aws.backend().dynamoDbEndpoint());
        api = new ApiTestbed(counted, aws.sqs(), aws.provision(), clock);
        table = api.resources.tableName();
        seed = new ApiSeed(aws, table, clock);
        seed.installation(500, "issue-org", "Organization");
        seed.repository(BIG, 500, "issue-org/tracker");
        seed.issue(BIG, 1, NOW.minus(Duration.ofDays(500)), NOW.minus(Duration.ofDays(400)));
        seed.pull(BIG, 1, NOW.minus(Duration.ofDays(500)), NOW.minus(Duration.ofDays(400)));
        cloneIssuesAndPulls();
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void moreIssuesThanTheBudget_storedBeforeTheIndex_areAnsweredExactly_inBoundedRequests() {
        AnalyticsWalk walk = AnalyticsWalk.follow(api, reads, BIG, MAX_ITEMS, 40, expected());

        assertTrue(walk.again() < 400, "a repeated request reads the stored days and months: " + walk.again());
        System.out.printf("analytics of %d issues and %d pulls: requests until complete %s items; then %d items, %d bytes%n",
                CLOSED + OPEN, MERGED, walk.items(), walk.again(), walk.againBytes());
    }

    @Test
    void closingAnIssue_changesTheMedianTimeToClose_andReopeningItChangesItBack() {
        long id = 5002;
        seed.repository(id, 500, "issue-org/small");
        seed.issue(id, 1, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(5))); // 120 hours
        seed.issue(id, 2, NOW.minus(Duration.ofDays(8)), null);
        clock.advance(Duration.ofMinutes(1));
        JsonNode before = analytics(id);
        assertEquals(120.0, before.get("median_hours_to_close_issues").asDouble());
        assertEquals(1, before.get("open_issues").get("count").asInt());
        assertEquals(8.0, before.get("open_issues").get("median_age_days").asDouble());

        seed.issue(id, 2, NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(2))); // 144 hours
        clock.advance(Duration.ofMinutes(1));
        JsonNode closed = analytics(id);
        assertEquals(132.0, closed.get("median_hours_to_close_issues").asDouble());
        assertEquals(0, closed.get("open_issues").get("count").asInt());
        assertTrue(closed.get("open_issues").get("median_age_days").isNull());

        seed.reopen(id, 2, NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(1)));
        clock.advance(Duration.ofMinutes(1));
        JsonNode reopened = analytics(id);
        assertEquals(120.0, reopened.get("median_hours_to_close_issues").asDouble());
        assertEquals(1, reopened.get("open_issues").get("count").asInt());
    }

    /**
     * An issue the sync engine writes already closed flips no counter, so nothing on the repository item says
     * its day changed: the sync's write of its page's cursor bumps the day (on the sync-state item).
     */
    @Test
    void anIssueSyncedAlreadyClosed_changesItsComputedDay_throughTheSyncCursorWrite() {
        long id = 5004;
        seed.repository(id, 500, "issue-org/synced");
        seed.issue(id, 1, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(5))); // 120 hours
        clock.advance(Duration.ofMinutes(1));
        assertEquals(120.0, analytics(id).get("median_hours_to_close_issues").asDouble());

        SyncState state = new SyncState(aws.dynamoDb(), table);
        assertTrue(state.lease(id, "sync-task", clock.instant().plus(Duration.ofMinutes(5)), clock.instant()));
        Instant closed = NOW.minus(Duration.ofDays(5)).plusSeconds(3_600);
        seed.issue(id, 2, closed.minus(Duration.ofHours(24)), closed); // 24 hours, the same day
        assertTrue(state.issueCursor(id, "sync-task", closed, List.of(closed), clock.instant()));
        clock.advance(Duration.ofMinutes(1));

        assertEquals(72.0, analytics(id).get("median_hours_to_close_issues").asDouble());
    }

    @Test
    void aMerge_showsInTheMedianTimeToMerge() {
        long id = 5003;
        seed.repository(id, 500, "issue-org/merges");
        seed.pull(id, 1, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))); // 24 hours
        seed.pull(id, 2, NOW.minus(Duration.ofDays(3)), null);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(24.0, analytics(id).get("median_hours_to_merge_pulls").asDouble());

        seed.pull(id, 2, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1))); // 48 hours
        clock.advance(Duration.ofMinutes(1));
        assertEquals(36.0, analytics(id).get("median_hours_to_merge_pulls").asDouble());
    }

    private JsonNode analytics(long id) {
        JsonNode body = api.get("/api/repositories/" + id + "/analytics", Map.of("days", "30")).json();
        assertTrue(body.get("complete").asBoolean(), body.toString());
        return body;
    }

    private JsonNode expected() {
        return Json.mapper().valueToTree(AnalyticsCalculator.compute(clock.instant(), 90, List.of(), issues, pulls));
    }

    /**
     * Copies of the template issue and pull request as items stored before analytics indexed them (no gsi3
     * keys, no {@code done_at}): closed issues every 73 minutes back from 3 days ago, each closed 1 to 50
     * hours after it was created; open issues every 5 hours back over 9 months; merged pulls every 6 hours.
     */
    private void cloneIssuesAndPulls() {
        Map<String, AttributeValue> issue = item(Keys.issue(BIG, 1));
        Map<String, AttributeValue> pull = item(Keys.pull(BIG, 1));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < CLOSED + OPEN; i++) {
            long number = 10 + i;
            boolean open = i >= CLOSED;
            Instant created = open ? NOW.minus(Duration.ofHours(5L * (i - CLOSED) + 1))
                    : NOW.minus(Duration.ofDays(3)).minus(Duration.ofMinutes(73L * i));
            Instant closed = open ? null : created.plus(Duration.ofHours(1 + i % 50));
            Map<String, AttributeValue> copy = legacy(issue, Keys.issue(BIG, number).sk(), number, created);
            copy.put("state", AttributeValue.fromS(open ? "open" : "closed"));
            copy.put(TableSchema.GSI1.partitionKey(), AttributeValue.fromS(Keys.issuesByState(BIG, open ? "open" : "closed")));
            copy.put(TableSchema.GSI1.sortKey(), AttributeValue.fromS(Keys.issue(BIG, number).sk()));
            if (closed != null) {
                copy.put("closed_at", AttributeValue.fromS(closed.toString()));
            } else {
                copy.remove("closed_at");
            }
            items.add(copy);
            issues.add(new IssueFact(created, Optional.ofNullable(closed), open));
        }
        for (int i = 0; i < MERGED; i++) {
            long number = 10 + i;
            Instant created = NOW.minus(Duration.ofHours(6L * i + 30));
            Instant merged = created.plus(Duration.ofHours(1 + i % 30));
            Map<String, AttributeValue> copy = legacy(pull, Keys.pull(BIG, number).sk(), number, created);
            copy.put("merged_at", AttributeValue.fromS(merged.toString()));
            copy.put("closed_at", AttributeValue.fromS(merged.toString()));
            copy.put(TableSchema.GSI1.sortKey(), AttributeValue.fromS(Keys.pull(BIG, number).sk()));
            copy.put(TableSchema.GSI2.sortKey(), AttributeValue.fromS(Keys.pull(BIG, number).sk()));
            items.add(copy);
            pulls.add(new PullFact(created, Optional.of(merged), false));
        }
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            assertTrue(aws.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table, writes))).unprocessedItems().isEmpty());
        }
        // The counters the clones would have moved: the api takes the open count from the repository.
        aws.dynamoDb().updateItem(b -> b.tableName(table).key(key(Keys.repository(BIG)))
                .updateExpression("SET open_issues_count = :n").expressionAttributeValues(Map.of(":n",
                        AttributeValue.fromN(Integer.toString(OPEN)))));
    }

    private Map<String, AttributeValue> legacy(Map<String, AttributeValue> template, String sortKey, long number,
                                               Instant created) {
        Map<String, AttributeValue> copy = new HashMap<>(template);
        copy.keySet().removeAll(List.of(TableSchema.GSI3.partitionKey(), TableSchema.GSI3.sortKey(), "done_at"));
        copy.put(TableSchema.SK, AttributeValue.fromS(sortKey));
        copy.put("number", AttributeValue.fromN(Long.toString(number)));
        copy.put("github_id", AttributeValue.fromN(Long.toString(BIG * 100_000 + number)));
        copy.put("created_at", AttributeValue.fromS(created.toString()));
        copy.put("body", AttributeValue.fromS("a body of some length ".repeat(40)));
        return copy;
    }

    private Map<String, AttributeValue> item(Keys.Key key) {
        return aws.dynamoDb().getItem(b -> b.tableName(table).key(key(key))).item();
    }

    private static Map<String, AttributeValue> key(Keys.Key key) {
        return Map.of(TableSchema.PK, AttributeValue.fromS(key.pk()), TableSchema.SK, AttributeValue.fromS(key.sk()));
    }
}
