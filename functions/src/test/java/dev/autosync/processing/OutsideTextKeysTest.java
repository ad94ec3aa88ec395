package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.CommitFilter;
import dev.autosync.store.Contributor;
import dev.autosync.store.PageRequest;
import dev.autosync.store.TableSchema;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Keys built from payload text stay inside DynamoDB's limits (2,048 bytes for a partition key, 1,024 for a
 * sort key, GSI keys included), counted in UTF-8 bytes. Protects against a poison push: a key AWS refuses
 * fails the write as "store unavailable", the delivery retries into the DLQ, and every later push carrying
 * that commit fails the same way. dynalite counts table keys in characters and checks no GSI key, so this
 * test measures every key itself.
 */
@ExtendWith(AwsStandIns.class)
class OutsideTextKeysTest {

    /** 700 characters, 1,400 bytes: passes dynalite's character count, fails AWS's byte count. */
    private static final String LONG_EMAIL = "é".repeat(700) + "@example.com";
    /** Shares the first 1,400 bytes: must still be another contributor. */
    private static final String OTHER_LONG_EMAIL = "é".repeat(700) + "@example.org";
    /** 300 four-byte characters: 1,200 bytes (GitHub caps ref names at 255 bytes; the payload is not checked). */
    private static final String EMOJI_BRANCH = "🌿".repeat(300);

    @Test
    void pushWithLongMultiByteAuthorAndBranch_isStored_withEveryKeyInsideDynamoDbsLimits(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        List<History.Delivery> deliveries = new History().installationCreated(1)
                .push(1, EMOJI_BRANCH, false, "a1", null, LONG_EMAIL, "a2", null, OTHER_LONG_EMAIL)
                .push(1, EMOJI_BRANCH, true, "a1", null, LONG_EMAIL)
                .deliveries();

        for (History.Delivery delivery : deliveries) {
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()), delivery.id());
        }

        List<Contributor> contributors = rig.queries.contributors(1, PageRequest.first(10)).items();
        assertEquals(Set.of("email:" + LONG_EMAIL, "email:" + OTHER_LONG_EMAIL),
                Set.copyOf(contributors.stream().map(Contributor::key).toList()), "two contributors, each whole");
        assertTrue(contributors.stream().allMatch(c -> c.commitCount() == 1), contributors.toString());
        assertEquals(2, rig.queries.repository(1).orElseThrow().contributorCount());
        assertEquals(Set.of("a1", "a2"), Set.copyOf(rig.queries.commits(1, CommitFilter.none(), PageRequest.first(10))
                .items().stream().map(c -> c.sha()).toList()));
        assertEquals(List.of(), oversizedKeys(rig));
    }

    /** Every key attribute of every item over DynamoDB's limit in UTF-8 bytes, as {@code pk sk attribute=bytes}. */
    private static List<String> oversizedKeys(ProcessorRig rig) {
        Map<String, Integer> limits = new java.util.HashMap<>(Map.of(TableSchema.PK, 2048, TableSchema.SK, 1024));
        TableSchema.GSIS.forEach(gsi -> {
            limits.put(gsi.partitionKey(), 2048);
            limits.put(gsi.sortKey(), 1024);
        });
        List<String> oversized = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = rig.aws.dynamoDb().scan(b -> b.tableName(rig.resources.tableName()).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                limits.forEach((attribute, limit) -> {
                    AttributeValue value = item.get(attribute);
                    int bytes = value == null || value.s() == null ? 0 : value.s().getBytes(StandardCharsets.UTF_8).length;
                    if (bytes > limit) {
                        String pk = item.get(TableSchema.PK).s();
                        oversized.add(pk.substring(0, Math.min(12, pk.length())) + " " + attribute + "=" + bytes);
                    }
                });
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return oversized;
    }
}
