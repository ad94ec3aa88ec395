package dev.autosync.store;

import dev.autosync.common.Log;
import dev.autosync.github.EtagStore;
import dev.autosync.github.InstallationId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * ETags of GitHub listing pages in the single table, so they outlive a Lambda container: items
 * {@link Keys#etag}, expiring after {@value #TTL_DAYS} days.
 * ETags only save rate limit, so a DynamoDB failure here is logged and the request goes out
 * unconditional rather than failing the sync.
 */
public final class DynamoEtagStore implements EtagStore {

    static final int TTL_DAYS = 30;
    private static final String ETAG = "etag";
    private static final String NEXT = "next_url";
    private static final Log LOG = Log.of(DynamoEtagStore.class);

    private final Table table;
    private final Clock clock;

    public DynamoEtagStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.table = new Table(dynamoDb, table);
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(InstallationId installation, String url) {
        try {
            Optional<Map<String, AttributeValue>> item = table.get(Keys.etag(installation.value(), url));
            if (item.isEmpty() || !item.get().containsKey(ETAG)) {
                return Optional.empty();
            }
            return Optional.of(new Entry(Av.str(item.get(), ETAG), Optional.ofNullable(Av.str(item.get(), NEXT))));
        } catch (StoreUnavailableException e) {
            LOG.warn("etag lookup failed; requesting unconditionally", Map.of("installation", installation.value(),
                    "error", e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    @Override
    public void put(InstallationId installation, String url, Entry entry) {
        Map<String, AttributeValue> item = Av.key(Keys.etag(installation.value(), url));
        item.put(ETAG, AttributeValue.fromS(entry.etag()));
        entry.nextUrl().ifPresent(next -> item.put(NEXT, AttributeValue.fromS(next)));
        long expires = clock.instant().plus(Duration.ofDays(TTL_DAYS)).getEpochSecond();
        item.put(TableSchema.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expires)));
        try {
            table.put(PutItemRequest.builder().item(item));
        } catch (StoreUnavailableException e) {
            LOG.warn("etag not saved; the page will be fetched in full next time", Map.of(
                    "installation", installation.value(), "error", e.getClass().getSimpleName()));
        }
    }
}
