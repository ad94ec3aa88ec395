package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.github.EtagStore;
import dev.autosync.github.InstallationId;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsStandIns.class)
class DynamoEtagStoreTest {

    private static final String URL = "https://api.github.com/installation/repositories?per_page=100";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));

    @Test
    void storedEtag_isFoundPerInstallationAndUrl_withItsNextLink(AwsFixture aws) {
        DynamoEtagStore store = new DynamoEtagStore(aws.dynamoDb(), aws.provision().tableName(), clock);
        InstallationId one = new InstallationId(1);

        store.put(one, URL, new EtagStore.Entry("W/\"abc\"", Optional.of(URL + "&page=2")));
        store.put(one, URL + "&page=2", new EtagStore.Entry("W/\"def\"", Optional.empty()));

        assertEquals(Optional.of(new EtagStore.Entry("W/\"abc\"", Optional.of(URL + "&page=2"))), store.find(one, URL));
        assertEquals(Optional.of(new EtagStore.Entry("W/\"def\"", Optional.empty())), store.find(one, URL + "&page=2"));
        assertTrue(store.find(new InstallationId(2), URL).isEmpty());
    }

    @Test
    void item_isKeyedByInstallation_andExpiresByTtl(AwsFixture aws) {
        String table = aws.provision().tableName();
        new DynamoEtagStore(aws.dynamoDb(), table, clock).put(new InstallationId(7), URL, new EtagStore.Entry("\"x\"", Optional.empty()));

        Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName(table).key(Map.of(
                TableSchema.PK, AttributeValue.fromS("ETAG#7"), TableSchema.SK, AttributeValue.fromS(URL)))).item();

        assertEquals(clock.instant().plus(Duration.ofDays(30)).getEpochSecond(),
                Long.parseLong(item.get(TableSchema.TTL_ATTRIBUTE).n()));
    }

    @Test
    void unreachableTable_degradesToUnconditionalRequests(AwsFixture aws) {
        DynamoEtagStore store = new DynamoEtagStore(aws.dynamoDb(), "no-such-table", clock);

        store.put(new InstallationId(1), URL, new EtagStore.Entry("\"x\"", Optional.empty()));

        assertTrue(store.find(new InstallationId(1), URL).isEmpty());
    }
}
