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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
