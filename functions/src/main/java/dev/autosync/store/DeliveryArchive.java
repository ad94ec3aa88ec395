package dev.autosync.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Every accepted delivery's payload, gzip-compressed, kept {@code AUTOSYNC_ARCHIVE_DAYS} (DynamoDB's TTL), in an
 * item beside the delivery's ledger record ({@link Keys#deliveryArchive}), so one Query on the delivery's
 * partition answers "what happened to delivery X" with its payload. The list of deliveries reads the ledger's
 * records only (gsi2, by day and shard): the payloads never enter an index.
 *
 * <p>Written by the processor after it claims a delivery, off the webhook's acknowledgement path: the archive
 * costs GitHub's 10 s nothing, and a delivery the processor never sees was never accepted.
 *
 * <p>Why no other store (S3) for payloads that do not fit an item: the events queue carries at most 1 MiB, and
 * JSON compresses five to ten times, so a payload that reaches the processor and does not fit 400 KB compressed
 * is one built to be incompressible; one more bucket, its permissions, lifecycle and a second read path in every
 * template for that case is not worth it. Such a payload is archived as metadata ({@code payload_archived:
 * false}) naming the sync that re-reads what it said ({@code covered_by}), which is also what a replay of it
 * must do instead. (Larger payloads never reach the queue: the webhook queues that sync in their place.)
 */
public final class DeliveryArchive {

    /** Default of {@code AUTOSYNC_ARCHIVE_DAYS}. */
    public static final int DEFAULT_DAYS = 30;
    /**
     * The largest compressed payload an item takes: DynamoDB's 400 KB item limit (names and values), less room
     * for the entry's other attributes. dynalite does not enforce the limit, so this does.
     */
    static final int MAX_ARCHIVED_BYTES = 400 * 1024 - 2 * 1024;
    private static final String TYPE_ARCHIVE = "delivery_archive";
    /** A list cursor: the list partition's day, and the sort key only keys below follow. */
    static final String CURSOR_DAY = "day";
    static final String CURSOR_BEFORE = "before";

    private final Table table;
    private final Duration keep;

    /** @param keep how long payloads are kept; zero keeps none (and writes no entry) */
    public DeliveryArchive(DynamoDbClient dynamoDb, String tableName, Duration keep) {
        this.table = new Table(dynamoDb, tableName);
        this.keep = keep;
    }

    /**
     * Archives a delivery's payload once: a later attempt, a redelivery or a replay leaves the first entry as
     * it is.
     *
     * @param coveredBy the sync that re-reads what the payload said, named in the entry if it cannot be archived
     * @return whether this call wrote the entry
     */
    public boolean archive(String deliveryId, Instant receivedAt, String payload, Optional<String> coveredBy) {
        if (keep.isZero()) {
            return false;
        }
        byte[] compressed = compress(payload);
        boolean fits = compressed.length <= MAX_ARCHIVED_BYTES;
        Map<String, AttributeValue> item = archiveItem(deliveryId, receivedAt, payload.getBytes(StandardCharsets.UTF_8).length,
                keep, fits);
        if (fits) {
            item.put(Attr.PAYLOAD, AttributeValue.fromB(SdkBytes.fromByteArray(compressed)));
        } else {
            coveredBy.ifPresent(sync -> item.put(Attr.COVERED_BY, Av.s(sync)));
        }
        return putOnce(item);
    }

    /**
     * Archives, as metadata only ({@code payload_archived: false}), a delivery whose payload never reached the
     * queue (over SQS's 1 MiB): its size and the sync that re-reads what it said in its place. Once, as
     * {@link #archive}; kept as long as an archived payload would be, and kept with archiving off too (it holds no
     * payload).
     */
    public boolean archiveMetadata(String deliveryId, Instant receivedAt, long sizeBytes, String coveredBy) {
        Map<String, AttributeValue> item = archiveItem(deliveryId, receivedAt, sizeBytes,
                keep.isZero() ? Duration.ofDays(DEFAULT_DAYS) : keep, false);
        item.put(Attr.COVERED_BY, Av.s(coveredBy));
        return putOnce(item);
    }

    /** An archive entry's item without its payload, expiring {@code kept} after the delivery was received. */
    private static Map<String, AttributeValue> archiveItem(String deliveryId, Instant receivedAt, long sizeBytes,
                                                           Duration kept, boolean payloadArchived) {
        Map<String, AttributeValue> item = new HashMap<>(Av.key(Keys.deliveryArchive(deliveryId)));
        item.put(Attr.TYPE, Av.s(TYPE_ARCHIVE));
        item.put(Attr.DELIVERY_ID, Av.s(deliveryId));
        item.put(Attr.RECEIVED_AT, Av.time(receivedAt));
        item.put(Attr.SIZE_BYTES, Av.n(sizeBytes));
        item.put(Attr.EXPIRES_AT, Av.n(receivedAt.plus(kept).getEpochSecond()));
        item.put(Attr.PAYLOAD_ARCHIVED, Av.bool(payloadArchived));
        return item;
    }

    /** Writes the entry unless the delivery has one: the first archive of a delivery stays. */
    private boolean putOnce(Map<String, AttributeValue> item) {
        Expression e = Expression.create();
        e.condition("attribute_not_exists(" + e.name(TableSchema.SK) + ")");
        return table.put(e.apply(PutItemRequest.builder().item(item)));
    }

    /** The delivery's record and archive entry (one Query); empty when neither exists. */
    public Optional<DeliveryEntry> entry(String deliveryId) {
        Expression e = Expression.create();
        String key = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.deliveryPartition(deliveryId)));
        List<Map<String, AttributeValue>> items = table.queryAll(e.applyQuery(QueryRequest.builder()
                .keyConditionExpression(key).consistentRead(true)));
        Map<String, AttributeValue> record = null;
        Map<String, AttributeValue> archived = null;
        for (Map<String, AttributeValue> item : items) {
            String sk = Av.str(item, TableSchema.SK);
            if (Keys.DELIVERY_SK.equals(sk)) {
                record = item;
            } else if (Keys.DELIVERY_ARCHIVE_SK.equals(sk)) {
                archived = item;
            }
        }
        if (record == null && archived == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> ledger = record != null ? record : Map.of(Attr.DELIVERY_ID, Av.s(deliveryId));
        return Optional.of(entry(ledger, Optional.ofNullable(archived).map(DeliveryArchive::archived)));
    }

    /**
     * Deliveries newest first (by time of receipt), filtered. Each day's list is {@link Keys#DELIVERY_SHARDS}
     * partitions: each is read newest first and the shards are merged, so a page is in time order across them.
     * Reads are bounded by a {@link ReadBudget}: when it is spent before the page fills, the page holds what was
     * found and its cursor resumes where the reading stopped.
     *
     * <p>A cursor is {@code day} (the list partition's day) and {@code before} (only sort keys below it follow).
     */
    public Page<DeliveryEntry> list(DeliveryFilter filter, PageRequest page) {
        ReadBudget budget = new ReadBudget();
        String lowest = Keys.sortableMillis(filter.since());
        LocalDate firstDay = day(filter.since());
        LocalDate day = page.start().map(s -> LocalDate.parse(s.attributes().get(CURSOR_DAY))).orElse(day(filter.until()));
        // Exclusive upper bound within the day: "~" sorts after every delivery id at the same millisecond.
        String before = page.start().map(s -> s.attributes().get(CURSOR_BEFORE))
                .orElse(Keys.deliveryListSort(filter.until(), "~"));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        while (!day.isBefore(firstDay)) {
            DayRead read = readDay(day, before, lowest, filter, page.limit() + 1 - found.size(), budget);
            found.addAll(read.matches());
            if (found.size() > page.limit()) {
                List<Map<String, AttributeValue>> items = found.subList(0, page.limit());
                Map<String, AttributeValue> last = items.get(items.size() - 1);
                return page(items, Optional.of(cursor(dayOf(last), Av.str(last, Attr.GSI2SK))));
            }
            if (read.stoppedAt().isPresent()) {
                return page(found, Optional.of(cursor(day, read.stoppedAt().get())));
            }
            day = day.minusDays(1);
            before = Keys.deliveryListSort(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), "");
            if (budget.spent() && !day.isBefore(firstDay)) {
                return page(found, Optional.of(cursor(day, before)));
            }
        }
        return page(found, Optional.empty());
    }

    /**
     * One day's matches below {@code before}, newest first, at most {@code wanted} (each shard's first
     * {@code wanted} matches hold the day's first {@code wanted}). The shards are read in turns, a Query each, so
     * that when the budget runs out they have all moved on: then only the matches at or above the highest
     * position a shard stopped at are kept, and {@code stoppedAt} is that position (the next page reads below it).
     * The first turn reads every shard (four Queries of at most {@code wanted} items fit any fresh budget), so a
     * page that starts on a day always gets past its start.
     */
    private record DayRead(List<Map<String, AttributeValue>> matches, Optional<String> stoppedAt) {
    }

    private DayRead readDay(LocalDate day, String before, String lowest, DeliveryFilter filter, int wanted,
                            ReadBudget budget) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        String dayStart = Keys.deliveryListSort(start, "");
        String from = dayStart.compareTo(lowest) > 0 ? dayStart : lowest;
        List<List<Map<String, AttributeValue>>> shardMatches = new ArrayList<>();
        List<Map<String, AttributeValue>> resume = new ArrayList<>();
        boolean[] done = new boolean[Keys.DELIVERY_SHARDS];
        for (int shard = 0; shard < Keys.DELIVERY_SHARDS; shard++) {
            shardMatches.add(new ArrayList<>());
            resume.add(null);
        }
        String stoppedAt = null;
        for (int turn = 0; stoppedAt == null; turn++) {
            boolean anyRead = false;
            for (int shard = 0; shard < Keys.DELIVERY_SHARDS; shard++) {
                List<Map<String, AttributeValue>> mine = shardMatches.get(shard);
                if (done[shard] || mine.size() >= wanted) {
                    continue;
                }
                if (budget.spent()) {
                    stoppedAt = highestUnread(resume, done, shardMatches, wanted, before);
                    break;
                }
                QueryRequest.Builder query = query(Keys.deliveryListPartition(start, shard), from, before, filter);
                if (resume.get(shard) != null) {
                    query.exclusiveStartKey(resume.get(shard));
                }
                int limit = budget.limit((wanted - mine.size()) << Math.min(turn, 10));
                QueryResponse response = table.query(query.limit(Math.max(1, limit)));
                budget.charge(response, false);
                anyRead = true;
                for (Map<String, AttributeValue> item : response.items()) {
                    // BETWEEN is inclusive: the cursor's own item was on the previous page.
                    if (Av.str(item, Attr.GSI2SK).compareTo(before) < 0) {
                        mine.add(item);
                    }
                }
                boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
                resume.set(shard, more ? response.lastEvaluatedKey() : null);
                done[shard] = !more;
            }
            if (!anyRead) {
                break;
            }
        }
        List<Map<String, AttributeValue>> matches = new ArrayList<>();
        shardMatches.forEach(matches::addAll);
        matches.sort(Comparator.comparing((Map<String, AttributeValue> item) -> Av.str(item, Attr.GSI2SK)).reversed());
        if (stoppedAt != null) {
            String stop = stoppedAt;
            matches.removeIf(item -> Av.str(item, Attr.GSI2SK).compareTo(stop) < 0);
        }
        return new DayRead(matches.size() > wanted ? new ArrayList<>(matches.subList(0, wanted)) : matches,
                Optional.ofNullable(stoppedAt));
    }

    /** Where reading stopped: the highest position of a shard that still has items to read ({@code before} if unread). */
    private static String highestUnread(List<Map<String, AttributeValue>> resume, boolean[] done,
                                        List<List<Map<String, AttributeValue>>> shardMatches, int wanted, String before) {
        String highest = null;
        for (int shard = 0; shard < done.length; shard++) {
            if (done[shard] || shardMatches.get(shard).size() >= wanted) {
                continue;
            }
            String position = resume.get(shard) == null ? before : Av.str(resume.get(shard), Attr.GSI2SK);
            highest = highest == null || position.compareTo(highest) > 0 ? position : highest;
        }
        return highest;
    }

    private static QueryRequest.Builder query(String partition, String lowest, String before, DeliveryFilter filter) {
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.GSI2.partitionKey()) + " = " + e.value(Av.s(partition)) + " AND "
                + e.name(TableSchema.GSI2.sortKey()) + " BETWEEN " + e.value(Av.s(lowest)) + " AND " + e.value(Av.s(before));
        filter.event().ifPresent(event -> e.condition(e.name(Attr.EVENT) + " = " + e.value(Av.s(event))));
        filter.installationId().ifPresent(id -> e.condition(e.name(Attr.INSTALLATION_ID) + " = " + e.value(Av.n(id))));
        filter.repositoryId().ifPresent(id -> e.condition(e.name(Attr.REPOSITORY_ID) + " = " + e.value(Av.n(id))));
        filter.status().ifPresent(status -> statusCondition(e, status));
        return e.applyQuery(QueryRequest.builder().indexName(TableSchema.GSI2.name())
                .keyConditionExpression(keyCondition).scanIndexForward(false)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    private static void statusCondition(Expression e, DeliveryFilter.Status status) {
        switch (status) {
            case IN_PROGRESS, FAILED, REJECTED -> e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(status.wireName())));
            case DUPLICATE -> e.condition(e.name(Attr.DUPLICATES) + " > " + e.value(Av.n(0)));
            case PROCESSED, STALE, IGNORED -> {
                e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(Delivery.Status.COMPLETED.wireName())));
                String result = e.name(Attr.RESULT) + " = " + e.value(Av.s(status.wireName()));
                // Records completed before results were kept count as processed.
                e.condition(status == DeliveryFilter.Status.PROCESSED
                        ? "attribute_not_exists(" + e.name(Attr.RESULT) + ") OR " + result : result);
            }
            default -> throw new IllegalStateException("unknown status " + status);
        }
    }

    private static PageKey cursor(LocalDate day, String before) {
        return new PageKey(Map.of(CURSOR_DAY, day.toString(), CURSOR_BEFORE, before));
    }

    private static LocalDate dayOf(Map<String, AttributeValue> item) {
        return LocalDate.parse(Av.str(item, Attr.GSI2SK).substring(0, 10));
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Page<DeliveryEntry> page(List<Map<String, AttributeValue>> items, Optional<PageKey> next) {
        return new Page<>(items.stream().map(item -> entry(item, Optional.empty())).toList(), next);
    }

    private static DeliveryEntry entry(Map<String, AttributeValue> record, Optional<DeliveryEntry.Archived> archive) {
        Delivery delivery = DeliveryCodec.delivery(record);
        Long size = Av.optNum(record, Attr.SIZE_BYTES);
        Long duplicates = Av.optNum(record, Attr.DUPLICATES);
        String replayJob = Av.str(record, Attr.LAST_REPLAY_JOB);
        Optional<DeliveryEntry.Replay> replay = replayJob == null ? Optional.empty()
                : Optional.of(new DeliveryEntry.Replay(replayJob, result(Av.str(record, Attr.LAST_REPLAY_RESULT)).orElseThrow(),
                        Av.instant(record, Attr.LAST_REPLAY_AT)));
        DeliveryEntry.Progress progress = new DeliveryEntry.Progress(result(Av.str(record, Attr.RESULT)),
                Optional.ofNullable(Av.instant(record, Attr.FIRST_ATTEMPT_AT)),
                Optional.ofNullable(Av.instant(record, Attr.LAST_ATTEMPT_AT)),
                duplicates == null ? 0 : duplicates.intValue(), replay);
        return new DeliveryEntry(delivery,
                new DeliveryEntry.Subject(Optional.ofNullable(Av.optNum(record, Attr.INSTALLATION_ID)),
                        Optional.ofNullable(Av.optNum(record, Attr.REPOSITORY_ID))),
                progress, size == null ? 0 : size, archive);
    }

    private static Optional<Delivery.Result> result(String stored) {
        return Optional.ofNullable(stored).map(r -> Delivery.Result.valueOf(r.toUpperCase(java.util.Locale.ROOT)));
    }

    private static DeliveryEntry.Archived archived(Map<String, AttributeValue> item) {
        AttributeValue payload = item.get(Attr.PAYLOAD);
        return new DeliveryEntry.Archived(Av.flag(item, Attr.PAYLOAD_ARCHIVED),
                Optional.ofNullable(Av.str(item, Attr.COVERED_BY)),
                Instant.ofEpochSecond(Av.num(item, Attr.EXPIRES_AT)),
                Optional.ofNullable(payload).map(p -> p.b().asByteArray()));
    }

    static byte[] compress(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    static String decompress(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("an archived payload is not gzip", e);
        }
    }
}
