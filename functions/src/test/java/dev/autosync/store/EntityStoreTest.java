package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

@ExtendWith(AwsStandIns.class)
class EntityStoreTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    // Protects against a revival that can never be written: a repository whose earlier life left hundreds of
    // counter markers (a bot closing many issues) needs more removals than one 4 KB expression holds, and
    // the re-add would fail on every attempt. dynalite does not enforce that limit, so the client does.
    @Test
    void revivingATombstoneWithHundredsOfMarkers_dropsThemAllWithinTheExpressionLimit(AwsFixture aws) {
        Resources resources = aws.provision();
        Map<String, AttributeValue> tombstone = new HashMap<>(Av.key(Keys.repository(7)));
        tombstone.put(Attr.DELETED_AT, Av.time(T));
        tombstone.put(Attr.DELETED_VERSION, Av.n(T.toEpochMilli()));
        for (int number = 1; number <= 700; number++) {
            tombstone.put(Markers.contribution(Keys.issue(7, number), Attr.OPEN_ISSUES_COUNT, 0), Av.bool(true));
        }
        aws.dynamoDb().putItem(b -> b.tableName(resources.tableName()).item(tombstone));
        EntityStore entities = new EntityStore(new ExpressionLimit(aws.dynamoDb()), resources.tableName(),
                Clock.fixed(T, ZoneOffset.UTC));

        entities.reviveRepository(7, T.plusSeconds(1));

        Map<String, AttributeValue> revived = entities.raw(Keys.repository(7)).orElseThrow();
        assertTrue(revived.keySet().stream().noneMatch(Markers::isMarker), "markers left: " + revived.size());
        assertEquals(false, revived.containsKey(Attr.DELETED_AT));
    }

    // Protects against equal times decided two ways: GitHub's times are whole seconds, so two changes in one
    // second carry one updated_at. Issues kept the last write and repositories the first, so a repository
    // edited in the second its stored snapshot was read kept the old one even after a sync read the new one.
    // One rule now: an equal time is not older, the later write wins (the sync engine, which reads after
    // both deliveries, settles a pair applied out of order).
    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"A tool", "A tool, documented"})
    void twoWritesWithOneUpdatedAt_leaveTheLaterWrite_forRepositoriesAsForIssues(String first, AwsFixture aws) {
        String second = first.equals("A tool") ? "A tool, documented" : "A tool";
        Resources resources = aws.provision();
        EntityStore entities = new EntityStore(aws.dynamoDb(), resources.tableName(), Clock.fixed(T, ZoneOffset.UTC));

        entities.upsertRepository(repository(first), T);
        entities.upsertRepository(repository(second), T);
        entities.upsertIssue(issue(first));
        entities.upsertIssue(issue(second));

        StoreQueries queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
        assertEquals(second, queries.repository(7).orElseThrow().description());
        assertEquals(second, ItemCodec.issue(entities.raw(Keys.issue(7, 3)).orElseThrow()).title());
    }

    private static Issue issue(String title) {
        return new Issue(7, 7003, 3, title, null, "open", null, List.of(), List.of(), "erin", 0,
                T.minusSeconds(3600), T, null);
    }

    private static Repository repository(String description) {
        return new Repository(7, 42L, "tool", "acme/tool", "acme", "https://github.com/acme/tool", false, "main",
                "Java", description, false, false, T.minusSeconds(86400), T, T, null, true, true, 0, 0, 0, 0);
    }

    /** Passes calls to dynalite, refusing an update expression over 4 KB as DynamoDB does. */
    private record ExpressionLimit(DynamoDbClient delegate) implements DynamoDbClient {

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return delegate.getItem(request);
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            if (request.updateExpression().length() > 4096) {
                throw DynamoDbException.builder().message("Invalid UpdateExpression: Expression size has exceeded "
                        + "the maximum allowed size").statusCode(400).build();
            }
            return delegate.updateItem(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            // the delegate belongs to the fixture
        }
    }
}
