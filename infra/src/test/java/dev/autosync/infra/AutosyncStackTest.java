package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The deployed resources must be the ones the code, the tests and local/ use: one definition, not two. */
class AutosyncStackTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(new AutosyncStack(new App(), "test", StackProps.builder().build()));
    }

    @Test
    void table_hasTheSchemasKeysIndexesAndTtl() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", TableSchema.PK, "KeyType", "HASH"),
                        Map.of("AttributeName", TableSchema.SK, "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", TableSchema.TTL_ATTRIBUTE, "Enabled", true),
                "GlobalSecondaryIndexes", TableSchema.GSIS.stream().map(gsi -> Match.objectLike(Map.of(
                        "IndexName", gsi.name(),
                        "KeySchema", List.of(
                                Map.of("AttributeName", gsi.partitionKey(), "KeyType", "HASH"),
                                Map.of("AttributeName", gsi.sortKey(), "KeyType", "RANGE"))))).toList()));
    }

    @Test
    void everyQueue_hasItsVisibilityTimeoutAndRedrive() {
        template.resourceCountIs("AWS::SQS::Queue", Queues.ALL.size() * 2);
        for (QueueDefinition definition : Queues.ALL) {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "VisibilityTimeout", (int) definition.visibilityTimeout().toSeconds(),
                    "MessageRetentionPeriod", (int) definition.retention().toSeconds(),
                    "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", definition.maxReceiveCount()))));
        }
        assertEquals(2, Queues.ALL.size());
    }
}
