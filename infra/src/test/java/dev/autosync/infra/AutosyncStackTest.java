package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.EnvVars;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.Code;

/** The deployed resources must be the ones the code, the tests and local/ use: one definition, not two. */
class AutosyncStackTest {

    private static Template template;

    /** Any code will do for synthesis (Java runtimes take no inline code): the shaded jar is only needed to deploy. */
    static Code placeholderCode() {
        return Code.fromAsset(Path.of("src/test/resources/placeholder-code").toAbsolutePath().toString());
    }

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(new AutosyncStack(new App(), "test", StackProps.builder().build(),
                placeholderCode()));
    }

    @Test
    void theApp_writesACloudAssembly(@TempDir Path out) throws Exception {
        CloudAssembly assembly = AutosyncApp.synth(new App(AppProps.builder().outdir(out.toString())
                .context(Map.of("stackName", "autosync-staging")).build()), placeholderCode());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(out.resolve("autosync-staging.template.json")));
        assertEquals("autosync-staging", assembly.getStacks().get(0).getStackName());
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
    void table_isKeptAndRecoverableAndNamedAfterTheStack() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "RetainExceptOnCreate",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "TableName", "test-" + TableSchema.DEFAULT_TABLE_NAME,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)))));
    }

    @Test
    void everyQueue_hasItsVisibilityTimeoutAndRedrive() {
        // Each work queue and its DLQ, plus the schedule's DLQ.
        template.resourceCountIs("AWS::SQS::Queue", Queues.ALL.size() * 2 + 1);
        for (QueueDefinition definition : Queues.ALL) {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "VisibilityTimeout", (int) definition.visibilityTimeout().toSeconds(),
                    "MessageRetentionPeriod", (int) definition.retention().toSeconds(),
                    "SqsManagedSseEnabled", true,
                    "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", definition.maxReceiveCount()))));
        }
        assertEquals(2, Queues.ALL.size());
    }
}
