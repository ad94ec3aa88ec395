package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.EnvVars;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static AutosyncStack stack;
    private static Template template;

    /** Handler, timeout (s) and environment keys of each function, as template.yaml has them. */
    private record Expected(String handler, int timeout, List<String> environment) {
    }

    private static final List<String> SYNC_ENV = List.of(EnvVars.TABLE_NAME, EnvVars.EVENTS_QUEUE_URL,
            EnvVars.SYNC_TASKS_QUEUE_URL, EnvVars.GITHUB_API_URL, EnvVars.GITHUB_APP_ID, EnvVars.GITHUB_APP_CLIENT_ID,
            EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, EnvVars.AUTOSYNC_SYNC_INTERVAL, EnvVars.AUTOSYNC_FULL_SYNC_HOURS,
            EnvVars.SYNC_BRANCHES, EnvVars.SYNC_LOOKBACK_DAYS, EnvVars.SYNC_TASK_CONCURRENCY, EnvVars.SYNC_START_DATE,
            EnvVars.RETAIN_DATA_ON_UNINSTALL);

    private static final Map<String, Expected> FUNCTIONS = Map.of(
            "Webhook", new Expected("dev.autosync.webhook.WebhookHandler::handleRequest", 10, List.of(
                    EnvVars.EVENTS_QUEUE_URL, EnvVars.SYNC_TASKS_QUEUE_URL, EnvVars.GITHUB_WEBHOOK_SECRET_ARN)),
            "Processor", new Expected("dev.autosync.processing.ProcessorHandler::handleRequest", 60, List.of(
                    EnvVars.TABLE_NAME, EnvVars.EVENTS_QUEUE_URL, EnvVars.SYNC_TASKS_QUEUE_URL,
                    EnvVars.RETAIN_DATA_ON_UNINSTALL)),
            "Api", new Expected("dev.autosync.api.ApiHandler::handleRequest", 10, List.of(
                    EnvVars.TABLE_NAME, EnvVars.EVENTS_QUEUE_URL, EnvVars.EVENTS_DLQ_URL, EnvVars.SYNC_TASKS_QUEUE_URL,
                    EnvVars.SYNC_TASKS_DLQ_URL, EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, EnvVars.AUTOSYNC_SYNC_INTERVAL)),
            "Sync", new Expected("dev.autosync.sync.SyncScheduleHandler::handleRequest", 60, SYNC_ENV),
            "SyncTasks", new Expected("dev.autosync.sync.SyncTaskHandler::handleRequest", 300, SYNC_ENV));

    /** Any code will do for synthesis (Java runtimes take no inline code): the shaded jar is only needed to deploy. */
    static Code placeholderCode() {
        return Code.fromAsset(Path.of("src/test/resources/placeholder-code").toAbsolutePath().toString());
    }

    @BeforeAll
    static void synthesize() {
        stack = new AutosyncStack(new App(), "test", StackProps.builder().build(), placeholderCode());
        template = Template.fromStack(stack);
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

    @Test
    void fiveFunctions_fromOneCode_java21Arm64SnapStart_withTheirHandlersTimeoutsAndEnvironment() {
        template.resourceCountIs("AWS::Lambda::Function", FUNCTIONS.size());
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        Set<Object> code = new HashSet<>();
        for (Map<String, Object> function : functions.values()) {
            code.add(properties(function).get("Code"));
        }
        assertEquals(1, code.size(), "every function runs the one jar");
        for (Map.Entry<String, Expected> entry : FUNCTIONS.entrySet()) {
            Expected expected = entry.getValue();
            Map<String, Object> function = functions.get(logicalId(stack.aliases().get(entry.getKey()).getVersion()
                    .getLambda()));
            assertNotNull(function, entry.getKey());
            Map<String, Object> properties = properties(function);
            assertEquals(expected.handler(), properties.get("Handler"), entry.getKey());
            assertEquals("java21", properties.get("Runtime"), entry.getKey());
            assertEquals(List.of("arm64"), properties.get("Architectures"), entry.getKey());
            assertEquals(1024, ((Number) properties.get("MemorySize")).intValue(), entry.getKey());
            assertEquals(expected.timeout(), ((Number) properties.get("Timeout")).intValue(), entry.getKey());
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties.get("SnapStart"), entry.getKey());
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties.get("Environment"))
                    .get("Variables");
            Set<String> keys = new HashSet<>(expected.environment());
            keys.add(Functions.JAVA_TOOL_OPTIONS);
            keys.add(EnvVars.AUTOSYNC_METRICS_NAMESPACE);
            assertEquals(keys, variables.keySet(), entry.getKey());
        }
    }

    @Test
    void everyFunction_hasALiveAliasOnAPublishedVersion() {
        template.resourceCountIs("AWS::Lambda::Alias", FUNCTIONS.size());
        template.resourceCountIs("AWS::Lambda::Version", FUNCTIONS.size());
        template.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", AutosyncStack.ALIAS));
    }

    @Test
    void everyInvoker_targetsAnAlias_neverAFunctionOrLatest() {
        Set<Object> aliasRefs = new HashSet<>();
        stack.aliases().values().forEach(alias -> aliasRefs.add(ref(alias)));
        // Event source mappings.
        Map<String, Map<String, Object>> mappings = template.findResources("AWS::Lambda::EventSourceMapping");
        assertEquals(2, mappings.size());
        mappings.values().forEach(m -> assertTrue(qualifiedByAlias(properties(m).get("FunctionName")), m.toString()));
        // Every invoke permission (API routes, schedule) is on an alias.
        Map<String, Map<String, Object>> permissions = template.findResources("AWS::Lambda::Permission");
        assertFalse(permissions.isEmpty());
        permissions.values().forEach(p -> assertTrue(aliasRefs.contains(properties(p).get("FunctionName")),
                p.toString()));
        // API integrations and the schedule's target.
        template.allResourcesProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationUri", Match.anyValue(), "PayloadFormatVersion", "2.0"));
        template.findResources("AWS::ApiGatewayV2::Integration").values().forEach(i ->
                assertTrue(aliasRefs.contains(properties(i).get("IntegrationUri")), i.toString()));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "Targets", List.of(Match.objectLike(Map.of("Arn", ref(stack.aliases().get("Sync")))))));
    }

    @Test
    void eventSources_reportItemFailures_withTheirBatchesAndConcurrency() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "FunctionName", aliasQualifiedName(stack.aliases().get("Processor")),
                "BatchSize", 10,
                "MaximumBatchingWindowInSeconds", 1,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "EventSourceArn", Match.objectLike(Map.of("Fn::GetAtt", List.of(
                        queueId(Queues.EVENTS.name()), "Arn")))));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "FunctionName", aliasQualifiedName(stack.aliases().get("SyncTasks")),
                "BatchSize", 1,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ScalingConfig", Map.of("MaximumConcurrency", Map.of("Ref", "SyncTasksMaxConcurrency")),
                "EventSourceArn", Match.objectLike(Map.of("Fn::GetAtt", List.of(
                        queueId(Queues.SYNC_TASKS.name()), "Arn")))));
    }

    @Test
    void schedule_runsAtTheParametersRate_withRetriesAndADeadLetterQueue() {
        template.resourceCountIs("AWS::Events::Rule", 1);
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", Map.of("Fn::If", List.of("SyncEveryMinute", "rate(1 minute)",
                        Map.of("Fn::Sub", "rate(${SyncIntervalMinutes} minutes)"))),
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 4, "MaximumEventAgeInSeconds", 600),
                        "DeadLetterConfig", Map.of("Arn", Match.anyValue()))))));
        template.hasCondition("SyncEveryMinute", Match.anyValue());
    }

    @Test
    void httpApi_routesTheWebhookApiAndDashboard_andOutputsTheirUrls() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        Set<Object> routeKeys = new HashSet<>();
        template.findResources("AWS::ApiGatewayV2::Route").values()
                .forEach(r -> routeKeys.add(properties(r).get("RouteKey")));
        assertEquals(Set.of("ANY " + AutosyncStack.WEBHOOK_PATH, "ANY " + AutosyncStack.WEBHOOK_PATH + "/",
                "GET /", "ANY /api/{proxy+}"), routeKeys);
        String apiId = template.findResources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
        Map<String, String> suffixes = Map.of("WebhookUrl", AutosyncStack.WEBHOOK_PATH, "ApiBaseUrl", "/api",
                "DashboardUrl", "/");
        suffixes.forEach((output, suffix) -> {
            String value = template.findOutputs(output).get(output).get("Value").toString();
            assertTrue(value.contains(apiId) && value.contains(suffix + "]"), output + ": " + value);
        });
    }

    @Test
    void parameters_matchTemplateYamls() {
        for (String name : List.of("WebhookSecretArn", "ApiTokensSecretArn", "GitHubAppId", "GitHubAppClientId",
                "GitHubAppPrivateKeyArn", "GitHubApiUrl", "SyncIntervalMinutes", "FullSyncHours", "SyncBranches",
                "SyncLookbackDays", "SyncStartDate", "SyncTasksMaxConcurrency", "RetainDataOnUninstall")) {
            template.hasParameter(name, Match.anyValue());
        }
    }

    /** An event source mapping names its function as {@code <function name>:live}, taken from the alias's ARN. */
    private static Map<String, Object> aliasQualifiedName(software.amazon.awscdk.services.lambda.Alias alias) {
        return Map.of("Fn::Join", List.of("", List.of(
                Map.of("Fn::Select", List.of(6, Map.of("Fn::Split", List.of(":", ref(alias))))),
                ":" + AutosyncStack.ALIAS)));
    }

    private static boolean qualifiedByAlias(Object functionName) {
        return stack.aliases().values().stream().anyMatch(alias -> aliasQualifiedName(alias).equals(functionName));
    }

    private static String queueId(String name) {
        return template.findResources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.startsWith(name.replace("-", "")) && !id.contains("dlq"))
                .findFirst().orElseThrow();
    }

    private static String logicalId(software.amazon.awscdk.services.lambda.IFunction function) {
        return stack.getLogicalId((software.amazon.awscdk.CfnElement) function.getNode().getDefaultChild());
    }

    private static Map<String, Object> ref(software.amazon.awscdk.services.lambda.Alias alias) {
        return Map.of("Ref", stack.getLogicalId((software.amazon.awscdk.CfnElement) alias.getNode().getDefaultChild()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
