package dev.autosync.store;

import dev.autosync.common.Log;
import dev.autosync.github.EtagStore;
import dev.autosync.github.InstallationId;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ETags of GitHub listing pages in the single table, so they outlive a Lambda container: items
 * {@code pk=ETAG#<installation>}, {@code sk=<page URL>}, expiring after {@value #TTL_DAYS} days.
 * ETags only save rate limit, so a DynamoDB failure here is logged and the request goes out
 * unconditional rather than failing the sync.
 */
public final class DynamoEtagStore implements EtagStore {

    static final String PREFIX = "ETAG#";
    static final int TTL_DAYS = 30;
    private static final String ETAG = "etag";
    private static final String NEXT = "next_url";
    private static final Log LOG = Log.of(DynamoEtagStore.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoEtagStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(InstallationId installation, String url) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(installation, url))).item();
            if (item == null || !item.containsKey(ETAG)) {
                return Optional.empty();
            }
            return Optional.of(new Entry(item.get(ETAG).s(), Optional.ofNullable(item.get(NEXT)).map(AttributeValue::s)));
        } catch (SdkException e) {
            LOG.warn("etag lookup failed; requesting unconditionally", Map.of("installation", installation.value(),
                    "error", e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    @Override
    public void put(InstallationId installation, String url, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(installation, url));
        item.put(ETAG, AttributeValue.fromS(entry.etag()));
        entry.nextUrl().ifPresent(next -> item.put(NEXT, AttributeValue.fromS(next)));
        long expires = clock.instant().plus(Duration.ofDays(TTL_DAYS)).getEpochSecond();
        item.put(TableSchema.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expires)));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            LOG.warn("etag not saved; the page will be fetched in full next time", Map.of(
                    "installation", installation.value(), "error", e.getClass().getSimpleName()));
        }
    }

    private static Map<String, AttributeValue> key(InstallationId installation, String url) {
        return Map.of(TableSchema.PK, AttributeValue.fromS(PREFIX + installation.value()),
                TableSchema.SK, AttributeValue.fromS(url));
    }
}
