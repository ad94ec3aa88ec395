package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.store.StoreQueries;
import dev.autosync.testing.AwsFixture;
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

    final AwsFixture aws;
    final Resources resources;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
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
                new SqsSyncTaskQueue(aws.sqs(), resources.syncTasksQueueUrl()),
                new ProcessorWiring.Settings(retainDataOnUninstall, LEASE), clock);
    }

    static Map<String, String> attributes(String event, String deliveryId) {
        Map<String, String> attributes = new HashMap<>();
        EventMessageCodec.attributes(new EventMessage(new DeliveryId(deliveryId), event, Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z"), "")).forEach((k, v) -> attributes.put(k, v.stringValue()));
        return attributes;
    }

    static boolean deliver(EventProcessor processor, String event, String deliveryId, JsonNode payload) {
        return processor.processMessage("m-" + deliveryId, payload.toString(), attributes(event, deliveryId));
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
                if (pk.startsWith("DELIVERY#") || pk.startsWith("JOB#")) {
                    continue;
                }
                Map<String, AttributeValue> kept = new TreeMap<>(item);
                kept.keySet().removeIf(a -> a.startsWith("ap#") || a.equals("count_version") || a.equals("version")
                        || a.equals("created_by") || a.equals("deleted_at") || a.equals("expires_at"));
                items.put(pk + " " + item.get("sk").s(), kept);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
