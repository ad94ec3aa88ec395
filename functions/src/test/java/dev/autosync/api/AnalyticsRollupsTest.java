package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.api.analytics.AnalyticsCalculator;
import dev.autosync.api.analytics.Facts.CommitFact;
import dev.autosync.common.Json;
import dev.autosync.store.Commit;
import dev.autosync.store.CommitStore;
import dev.autosync.store.Contributor;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Keys;
import dev.autosync.store.Repository;
import dev.autosync.store.TableSchema;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.testing.ReadCounter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Analytics read bounded work whatever the repository's size, from per-day counts that stay exact: a
 * repository with several times the read budget of commits is answered over a few requests ({@code
 * complete} false until the days are computed), each within the bound, with exactly the figures the
 * calculator gives on every commit; a day's counts follow a push, a redelivery, and a push racing their
 * computation; the repository's purge removes them. Reads are counted on the real client ({@link ReadCounter}).
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsRollupsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final long BIG = 4001;
    /** Commits every 40 minutes for 83 days, and a day with 1,200 (more than one request's budget). */
    private static final int SPREAD = 3_000;
    private static final int BURST = 1_200;
    private static final LocalDate BURST_DAY = LocalDate.parse("2026-10-31");
    /** Items one request may read: the budget (1,000), the window's day items (at most 402), a few GetItems. */
    private static final long MAX_ITEMS = 1_000 + 402 + 10;

    private final ReadCounter reads = new ReadCounter();
    private final ManualClock clock = new ManualClock(NOW.minus(Duration.ofHours(1)));
    private AwsFixture aws;
    private String table;
    private ApiTestbed api;
    private ApiSeed seed;
    private final List<CommitFact> bigFacts = new ArrayList<>();

    @BeforeAll
    void seed(AwsFixture aws) {
        this.aws = aws;
        DynamoDbClient counted = reads.client(aws.backend().dynamoDbEndpoint());
        api = new ApiTestbed(counted, aws.sqs(), aws.provision(), clock);
        table = api.resources.tableName();
        seed = new ApiSeed(aws, table, clock);
        seed.installation(400, "big-org", "Organization");
        Repository repository = seed.repository(BIG, 400, "big-org/monorepo");
        seed.commit(repository, "t-template", "dev0", "Dev", "dev0@example.com", NOW.minus(Duration.ofDays(200)), "main");
        cloneCommits();
        clock.advance(Duration.ofHours(1)); // the seed's bump is long settled when the api reads
    }

    /**
     * The window held 4,200 commit items (about 2.5 KB each, with their file lists), all read by every request
     * before. Now every request stays within the bound, the answer is complete after a few, exactly the
     * calculator's on every commit, and a repeated request reads the day items and the cut days only.
     */
    @Test
    void moreCommitsThanTheBudget_areAnsweredExactly_inBoundedRequests() {
        AnalyticsWalk walk = AnalyticsWalk.follow(api, reads, BIG, MAX_ITEMS, 20, expected(bigFacts, 90));

        assertTrue(walk.again() < 300, "a repeated request reads the stored days and the cut days: " + walk.again());
        System.out.printf("analytics of %d commits: requests until complete %s items; then %d items, %d bytes%n",
                SPREAD + BURST, walk.items(), walk.again(), walk.againBytes());
    }

    /**
     * A day of small commits spends the budget's items (not its bytes) before the request gets to the issues:
     * what comes after must then read nothing (a Query's Limit cannot be zero), and the next requests go on.
     */
    @Test
    void aDayOfManySmallCommits_spendsTheItemBudget_andLaterRequestsGoOn() {
        Repository repository = small(4006);
        Instant day = NOW.minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        seed.commit(repository, "s-template", "gail", "Gail", "gail@example.com", day, "main");
        cloneCommits(4006, "s-template", 1_100, i -> day.plusSeconds(60L * i), i -> "login:gail", List.of());
        clock.advance(Duration.ofMinutes(1));

        JsonNode body = null;
        for (int request = 0; request < 5 && (body == null || !body.get("complete").asBoolean()); request++) {
            ApiTestbed.Reply reply = api.get("/api/repositories/4006/analytics", Map.of("days", "30"));
            assertEquals(200, reply.status(), reply.body());
            body = reply.json();
        }
        assertTrue(body.get("complete").asBoolean());
        assertEquals(1_101, body.get("total_commits").asInt()); // the copies and their template
    }

    @Test
    void aPushIntoAComputedDay_changesTheNextAnswer() {
        Repository repository = small(4002);
        Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
        seed.commit(repository, "a1", "alice", "Alice", "alice@example.com", tenDaysAgo, "main");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, total(4002));
        assertEquals(1, dayCount(4002, tenDaysAgo, "alice"), "the day is computed and stored");

        seed.commit(repository, "a2", "bob", "Bob", "bob@example.com", tenDaysAgo.plusSeconds(60), "main");
        clock.advance(Duration.ofMinutes(1));

        assertEquals(2, total(4002));
        assertEquals(1, dayCount(4002, tenDaysAgo, "bob"));
    }

    /** A redelivered push, and the same commit pushed to another branch by another delivery, count once. */
    @Test
    void duplicateDeliveries_doNotCountTwice() {
        Repository repository = small(4003);
        Instant at = NOW.minus(Duration.ofDays(5));
        Commit commit = commit(repository, "d1", "carol", at, "main");
        CommitStore commits = new CommitStore(aws.dynamoDb(), table, clock);
        commits.recordPush(repository, NOW, NOW, List.of(commit), "delivery-1");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, total(4003));

        commits.recordPush(repository, NOW, NOW, List.of(commit), "delivery-1");
        commits.recordPush(repository, NOW, NOW, List.of(commit(repository, "d1", "carol", at, "feature")), "delivery-2");
        clock.advance(Duration.ofMinutes(1));

        assertEquals(1, total(4003));
        assertEquals(1, dayCount(4003, at, "carol"));
    }

    /**
     * A push that lands after a request read a day's commits and before it stored the day must leave the day
     * stale: the request stores the generation it read before the commits, so the next one computes it again.
     * (Storing a generation read after the commits would keep the day at one commit for good.)
     */
    @Test
    void aPushDuringTheComputationOfItsDay_leavesTheDayStale() {
        Repository repository = small(4004);
        Instant at = NOW.minus(Duration.ofDays(3));
        seed.commit(repository, "r1", "dave", "Dave", "dave@example.com", at, "main");
        clock.advance(Duration.ofMinutes(1));
        String daySk = Keys.commitDay(4004, day(at)).sk();
        AtomicBoolean pushed = new AtomicBoolean();
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateItem") && args[0] instanceof UpdateItemRequest update
                            && daySk.equals(update.key().get(TableSchema.SK).s()) && pushed.compareAndSet(false, true)) {
                        seed.commit(repository, "r2", "erin", "Erin", "erin@example.com", at.plusSeconds(5), "main");
                    }
                    try {
                        return method.invoke(aws.dynamoDb(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ApiTestbed raced = new ApiTestbed(racing, aws.sqs(), api.resources, clock);

        JsonNode during = raced.get("/api/repositories/4004/analytics", Map.of("days", "30")).json();
        assertTrue(pushed.get());
        assertEquals(1, during.get("total_commits").asInt(), "read before the push");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, total(4004));
        assertEquals(1, dayCount(4004, at, "erin"));
    }

    @Test
    void theRepositorysPurge_removesItsDays() {
        Repository repository = small(4005);
        seed.commit(repository, "p1", "frank", "Frank", "frank@example.com", NOW.minus(Duration.ofDays(2)), "main");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, total(4005));
        assertFalse(days(4005).isEmpty(), "days were stored");

        new EntityStore(aws.dynamoDb(), table, clock).deleteRepository(4005, clock.instant());

        assertEquals(List.of(), days(4005));
    }

    private Repository small(long id) {
        return seed.repository(id, 400, "big-org/small-" + id);
    }

    private int total(long repositoryId) {
        JsonNode body = api.get("/api/repositories/" + repositoryId + "/analytics", Map.of("days", "30")).json();
        assertTrue(body.get("complete").asBoolean(), body.toString());
        return body.get("total_commits").asInt();
    }

    /** The commits of {@code author} the stored day of {@code at} holds. */
    private long dayCount(long repositoryId, Instant at, String login) {
        Keys.Key key = Keys.commitDay(repositoryId, day(at));
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(TableSchema.PK, AttributeValue.fromS(key.pk()), TableSchema.SK, AttributeValue.fromS(key.sk()))))
                .item();
        AttributeValue count = item.getOrDefault("entries", AttributeValue.fromM(Map.of())).m()
                .get(Contributor.keyFor(login, null, null));
        return count == null ? 0 : Long.parseLong(count.n());
    }

    private List<String> days(long repositoryId) {
        return aws.dynamoDb().query(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :d)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(Keys.repositoryPartition(repositoryId)),
                                ":d", AttributeValue.fromS("DAY#"))))
                .items().stream().map(item -> item.get(TableSchema.SK).s()).toList();
    }

    private static Commit commit(Repository repository, String sha, String login, Instant at, String branch) {
        return new Commit(repository.githubId(), sha, "change " + sha, Contributor.keyFor(login, null, null), login,
                login, null, login, login, at, repository.htmlUrl() + "/commit/" + sha, Set.of(branch), List.of(),
                List.of(), List.of("README.md"));
    }

    private JsonNode expected(List<CommitFact> commits, int days) {
        return Json.mapper().valueToTree(AnalyticsCalculator.compute(clock.instant(), days, commits, List.of(), List.of()));
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Copies of the template commit: {@link #SPREAD} every 40 minutes, {@link #BURST} on one day, six authors. */
    private void cloneCommits() {
        List<AttributeValue> files = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            files.add(AttributeValue.fromS("src/main/java/dev/autosync/some/deep/package/File" + f + ".java"));
        }
        // Uneven: half by one author, so the bus factor depends on the counts being right.
        bigFacts.addAll(cloneCommits(BIG, "t-template", SPREAD + BURST, i -> i < SPREAD
                ? NOW.minus(Duration.ofMinutes(40L * i + 7))
                : BURST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * (i - SPREAD)),
                i -> "login:dev" + (i % 2 == 0 ? 0 : 1 + i % 5), files));
    }

    /** {@code count} copies of a stored commit, the i-th at {@code at(i)} by {@code author(i)}, with {@code files}. */
    private List<CommitFact> cloneCommits(long repositoryId, String templateSha, int count, IntFunction<Instant> at,
                                          IntFunction<String> author, List<AttributeValue> files) {
        Keys.Key templateKey = Keys.commit(repositoryId, templateSha);
        Map<String, AttributeValue> template = aws.dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of(TableSchema.PK, AttributeValue.fromS(templateKey.pk()),
                        TableSchema.SK, AttributeValue.fromS(templateKey.sk())))).item();
        List<CommitFact> facts = new ArrayList<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sha = String.format("%040x", 0xbadc0deL + i);
            Map<String, AttributeValue> item = new HashMap<>(template);
            item.put(TableSchema.SK, AttributeValue.fromS(Keys.commit(repositoryId, sha).sk()));
            item.put("sha", AttributeValue.fromS(sha));
            item.put("author_key", AttributeValue.fromS(author.apply(i)));
            item.put("committed_at", AttributeValue.fromS(at.apply(i).toString()));
            item.put(TableSchema.GSI1.sortKey(), AttributeValue.fromS(Keys.commitTimeSortKey(at.apply(i), sha)));
            item.put(TableSchema.GSI2.sortKey(), AttributeValue.fromS(Keys.commitTimeSortKey(at.apply(i), sha)));
            item.put("modified", AttributeValue.fromL(files));
            items.add(item);
            facts.add(new CommitFact(author.apply(i), at.apply(i)));
        }
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            var response = aws.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            assertTrue(response.unprocessedItems().isEmpty());
        }
        return facts;
    }
}
