package dev.autosync.processing;

import dev.autosync.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.store.StoreQueries;
import dev.autosync.testing.AwsFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** A processor over a fresh table and queues, plus ways to feed it deliveries and read the table back. */
final class ProcessorRig {

    static final Duration LEASE = Duration.ofSeconds(120);

    /** Attributes that record how and when the state was reached, not what it is. */
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("count_version", "version", "counted",
            "created_by", "deleted_at", "expires_at", "done_at");
    /**
     * The api's per-day generations and their bump times ({@code rg<kind>#…}, see {@code AnalyticsDays}): only
     * whether they moved matters (a retried write may bump again), so their values depend on the history.
     */
    private static final java.util.regex.Pattern GENERATION = java.util.regex.Pattern.compile("rg[a-z]#.*");
    private static final java.util.Set<String> COUNTERS = java.util.Set.of("commit_count", "contributor_count",
            "open_issues_count", "open_pull_count", "total_installations", "total_repositories");

    final AwsFixture aws;
    final Resources resources;
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final StoreQueries queries;

    ProcessorRig(AwsFixture aws) {
        this.aws = aws;
        this.resources = aws.provision();
        this.queries = new StoreQueries(aws.dynamoDb(), resources.tableName());
    }

    EventProcessor processor(boolean retainDataOnUninstall) {
        return processor(aws.dynamoDb(), retainDataOnUninstall);
    }

    EventProcessor processor(DynamoDbClient dynamoDb, boolean retainDataOnUninstall) {
        return ProcessorWiring.create(dynamoDb, resources.tableName(),
                new SqsSyncTaskQueue(aws.sqs(), resources.syncTasksQueueUrl(), Clock.systemUTC()),
                new ProcessorWiring.Settings(retainDataOnUninstall, LEASE), clock);
    }

    static Map<String, String> attributes(String event, String deliveryId) {
        return attributes(event, deliveryId, Instant.parse("2026-01-01T00:00:00Z"));
    }

    static Map<String, String> attributes(String event, String deliveryId, Instant receivedAt) {
        Map<String, String> attributes = new HashMap<>();
        EventMessageCodec.attributes(new EventMessage(new DeliveryId(deliveryId), event, Optional.empty(),
                receivedAt, "")).forEach((k, v) -> attributes.put(k, v.stringValue()));
        return attributes;
    }

    static boolean deliver(EventProcessor processor, String event, String deliveryId, JsonNode payload) {
        return processor.processMessage("m-" + deliveryId, payload.toString(), attributes(event, deliveryId));
    }

    /** A delivery as the webhook stamped it on arrival. */
    static boolean deliver(EventProcessor processor, History.Delivery delivery, Instant receivedAt) {
        return processor.processMessage("m-" + delivery.id(), delivery.payload().toString(),
                attributes(delivery.event(), delivery.id(), receivedAt));
    }

    /** The differences between two dumps, one line per differing item (readable where a map dump is not). */
    static String differences(Map<String, Map<String, AttributeValue>> expected,
                              Map<String, Map<String, AttributeValue>> actual) {
        StringBuilder text = new StringBuilder();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            Map<String, AttributeValue> want = expected.getOrDefault(key, Map.of());
            Map<String, AttributeValue> got = actual.getOrDefault(key, Map.of());
            if (!want.equals(got)) {
                java.util.TreeSet<String> attributes = new java.util.TreeSet<>(want.keySet());
                attributes.addAll(got.keySet());
                text.append(key).append(':');
                attributes.stream().filter(a -> !java.util.Objects.equals(want.get(a), got.get(a)))
                        .forEach(a -> text.append(' ').append(a).append(" expected ").append(want.get(a))
                                .append(" got ").append(got.get(a)).append(';'));
                text.append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Every item but delivery bookkeeping, without what depends on when or by whom it was processed
     * (markers, versions, creators, processing times): what must be identical whatever the delivery order.
     */
    TreeMap<String, Map<String, AttributeValue>> dump() {
        TreeMap<String, Map<String, AttributeValue>> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = aws.dynamoDb().scan(b -> b.tableName(resources.tableName()).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String pk = item.get("pk").s();
                if (pk.startsWith("DELIVERY#") || pk.startsWith("DELIVERYHOURS#") || pk.startsWith("JOB#")) {
                    continue;
                }
                Map<String, AttributeValue> kept = new TreeMap<>(item);
                kept.keySet().removeIf(a -> a.startsWith("ap#") || BOOKKEEPING.contains(a) || GENERATION.matcher(a).matches());
                // A counter never touched and one back at zero read the same (0); a set has no order.
                kept.entrySet().removeIf(e -> COUNTERS.contains(e.getKey()) && "0".equals(e.getValue().n()));
                kept.replaceAll((a, v) -> v.hasSs() ? AttributeValue.fromSs(v.ss().stream().sorted().toList()) : v);
                items.put(pk + " " + item.get("sk").s(), kept);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
