package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Per-hour totals of the webhook deliveries the processor settled, for the dashboard's chart: per hour (UTC,
 * the hour the gateway received the delivery), how many ({@code deliveries}), by event ({@code event#<name>})
 * and by outcome ({@code outcome#<processed|stale|ignored|rejected>}).
 *
 * <p>Cost: exactly one UpdateItem per settled delivery, a single {@code ADD} of three counters (and the TTL),
 * unconditional and never read first: under 1 KB, so 1 WRU, no index. It cannot piggyback on the ledger's
 * completion write, which is one item per delivery (a count needs one item shared by the hour), and a
 * transaction joining the two would double both writes' cost. Counting is at most once: the processor
 * records a delivery only after its ledger settled it (a completion succeeds once per delivery, so SQS's
 * duplicates and GitHub's redeliveries of a completed delivery are never counted), and when this write
 * fails the message's retry finds the delivery settled and counts nothing (a chart may lose one delivery
 * in a crash, never gain one).
 *
 * <p>Hot key: every delivery of an hour updates the same hour, at up to a few hundred a second at the
 * capacity model's peak, and one key takes at most 1,000 WCU a second. So the hour is split over
 * {@value #SHARDS} items ({@code DELIVERYHOURS#<shard>}, the shard from the delivery id): a quarter of the
 * rate each, and a read of 48 hours is {@value #SHARDS} Queries of at most 48 small items.
 */
public final class DeliveryHours {

    /** How long an hour's totals are kept (TTL): the api serves at most 48 hours; the rest is for debugging. */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** Items one hour is split over (see the class comment). */
    public static final int SHARDS = 4;

    /** The outcome of a delivery whose writes were applied (or, resynced, re-read by a sync). */
    public static final String PROCESSED = "processed";

    static final String DELIVERIES = "deliveries";
    static final String EVENT = "event#";
    static final String OUTCOME = "outcome#";
    /**
     * Event and outcome names become attribute names: only short lower-case words, so a caller can never make
     * an item grow with arbitrary names (the processor passes allow-listed event names, anything else as
     * {@code other}).
     */
    private static final Pattern NAME = Pattern.compile("[a-z_]{1,40}");

    private final Table table;

    public DeliveryHours(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
    }

    /** One hour's totals: zeros for an hour without deliveries. Maps are by name, in name order. */
    public record Hour(Instant start, long deliveries, Map<String, Long> byEvent, Map<String, Long> byOutcome) {
    }

    /**
     * Counts one settled delivery in the hour of {@code receivedAt}: one unconditional UpdateItem.
     *
     * @param event   an allow-listed event name (or {@code other})
     * @param outcome what became of it: {@code processed}, {@code stale}, {@code ignored} or {@code rejected}
     */
    public void record(String deliveryId, String event, String outcome, Instant receivedAt) {
        Expression e = Expression.create()
                .add(DELIVERIES, Av.n(1))
                .add(EVENT + checked(event), Av.n(1))
                .add(OUTCOME + checked(outcome), Av.n(1))
                .set(Attr.EXPIRES_AT, Av.n(receivedAt.truncatedTo(ChronoUnit.HOURS).plus(RETENTION).getEpochSecond()));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.deliveryHour(shard(deliveryId), receivedAt))))
                .returnValues(ReturnValue.NONE));
    }

    /**
     * Every hour from {@code from}'s to {@code to}'s (both included), oldest first, zeros included: one Query
     * per shard, each reading at most one item per hour.
     */
    public List<Hour> hours(Instant from, Instant to) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        Instant last = to.truncatedTo(ChronoUnit.HOURS);
        Map<String, long[]> deliveries = new TreeMap<>();
        Map<String, Map<String, Long>> events = new TreeMap<>();
        Map<String, Map<String, Long>> outcomes = new TreeMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Expression e = Expression.create();
            String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.deliveryHoursPartition(shard)))
                    + " AND " + e.name(TableSchema.SK) + " BETWEEN " + e.value(Av.s(Keys.hour(first)))
                    + " AND " + e.value(Av.s(Keys.hour(last)));
            for (Map<String, AttributeValue> item : table.queryAll(e.applyQuery(QueryRequest.builder()
                    .keyConditionExpression(keyCondition)))) {
                String hour = item.get(TableSchema.SK).s();
                deliveries.computeIfAbsent(hour, h -> new long[1])[0] += Av.num(item, DELIVERIES);
                item.forEach((name, value) -> {
                    if (name.startsWith(EVENT) && value.n() != null) {
                        events.computeIfAbsent(hour, h -> new TreeMap<>())
                                .merge(name.substring(EVENT.length()), Long.parseLong(value.n()), Long::sum);
                    } else if (name.startsWith(OUTCOME) && value.n() != null) {
                        outcomes.computeIfAbsent(hour, h -> new TreeMap<>())
                                .merge(name.substring(OUTCOME.length()), Long.parseLong(value.n()), Long::sum);
                    }
                });
            }
        }
        List<Hour> hours = new ArrayList<>();
        for (Instant hour = first; !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
            String key = Keys.hour(hour);
            hours.add(new Hour(hour, deliveries.getOrDefault(key, new long[1])[0],
                    java.util.Collections.unmodifiableMap(events.getOrDefault(key, new TreeMap<>())),
                    java.util.Collections.unmodifiableMap(outcomes.getOrDefault(key, new TreeMap<>()))));
        }
        return hours;
    }

    /** The shard of a delivery: fixed by its id, so SQS's copies of one message all go to one item. */
    static int shard(String deliveryId) {
        return Math.floorMod(deliveryId.hashCode(), SHARDS);
    }

    private static String checked(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a counter name: " + name);
        }
        return name;
    }
}
