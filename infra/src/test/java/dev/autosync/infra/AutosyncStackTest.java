package dev.autosync.infra;

import static dev.autosync.infra.TemplateQueries.allow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autosync.common.EnvVars;
import dev.autosync.common.MetricNames;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.Queue;

/** The deployed resources must be the ones the code, the tests and local/ use: one definition, not two. */
class AutosyncStackTest {

    private static AutosyncStack stack;
    private static Template template;
    private static TemplateQueries q;

    /** Handler, timeout (s) and environment keys of each function, as template.yaml has them. */
    private record Expected(String handler, int timeout, List<String> environment) {
    }

    private static final List<String> SYNC_ENV = List.of(EnvVars.TABLE_NAME, EnvVars.EVENTS_QUEUE_URL,
            EnvVars.EVENTS_DLQ_URL, EnvVars.SYNC_TASKS_QUEUE_URL, EnvVars.SYNC_TASKS_DLQ_URL, EnvVars.GITHUB_API_URL, EnvVars.GITHUB_APP_ID, EnvVars.GITHUB_APP_CLIENT_ID,
            EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, EnvVars.AUTOSYNC_SYNC_INTERVAL, EnvVars.AUTOSYNC_FULL_SYNC_HOURS,
            EnvVars.SYNC_BRANCHES, EnvVars.SYNC_LOOKBACK_DAYS, EnvVars.SYNC_TASK_CONCURRENCY, EnvVars.SYNC_START_DATE,
            EnvVars.RETAIN_DATA_ON_UNINSTALL);

    private static final Map<String, Expected> FUNCTIONS = Map.of(
            "Webhook", new Expected("dev.autosync.webhook.WebhookHandler::handleRequest", 10, List.of(
                    EnvVars.EVENTS_QUEUE_URL, EnvVars.SYNC_TASKS_QUEUE_URL, EnvVars.GITHUB_WEBHOOK_SECRET_ARN)),
            "Processor", new Expected("dev.autosync.processing.ProcessorHandler::handleRequest", 60, List.of(
                    EnvVars.TABLE_NAME, EnvVars.EVENTS_QUEUE_URL, EnvVars.SYNC_TASKS_QUEUE_URL,
                    EnvVars.RETAIN_DATA_ON_UNINSTALL, EnvVars.AUTOSYNC_ARCHIVE_DAYS, EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS)),
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
        q = new TemplateQueries(stack, template);
    }

    @Test
    void theApp_writesACloudAssembly(@TempDir Path out) throws Exception {
        CloudAssembly assembly = AutosyncApp.synth(new App(AppProps.builder().outdir(out.toString())
                .context(Map.of("stackName", "autosync-staging")).build()), placeholderCode());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(out.resolve("autosync-staging.template.json")));
        assertEquals("autosync-staging", assembly.getStacks().get(0).getStackName());
        // aws-cdk-lib's own CloudFormation Validate runs in every synth: nothing it reports is left unexplained
        // (acknowledgements, with their reasons, sit beside the cause).
        Path report = out.resolve("validation-report.json");
        if (Files.isRegularFile(report)) {
            for (var plugin : new ObjectMapper().readTree(report.toFile()).get("pluginReports")) {
                assertEquals(0, plugin.get("violations").size(), plugin.toString());
            }
        }
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
    void everyQueue_refusesPlainHttp_andOnlyThePeriodicSyncRuleMaySendToTheScheduleDlq() {
        List<Queue> all = new ArrayList<>(List.of(stack.scheduleDeadLetterQueue()));
        Queues.ALL.forEach(definition -> all.addAll(List.of(stack.queue(definition), stack.deadLetterQueue(definition))));
        Map<String, Map<String, Object>> policies = template.findResources("AWS::SQS::QueuePolicy");
        assertEquals(all.size(), policies.size());
        for (Queue queue : all) {
            Object arn = q.resolve(queue.getQueueArn());
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(q.resolve(queue.getQueueUrl())),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                            "Effect", "Deny", "Action", "sqs:*", "Principal", Map.of("AWS", "*"), "Resource", arn,
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }
        String rule = template.findResources("AWS::Events::Rule").keySet().iterator().next();
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(q.resolve(stack.scheduleDeadLetterQueue().getQueueUrl())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow", "Action", "sqs:SendMessage",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn",
                                Map.of("Fn::GetAtt", List.of(rule, "Arn"))))))))))));
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

    // Protects the processor's init check (its delivery lease must outlive its timeout): the variable it reads
    // is the number Lambda stops the function at, not a copy that drifts from it.
    @Test
    void processor_isToldItsOwnTimeout_andEveryFunctionToldOneIsToldTheTruth() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        int told = 0;
        for (String id : FUNCTIONS.keySet()) {
            Map<String, Object> properties = properties(functions.get(logicalId(stack.aliases().get(id).getVersion()
                    .getLambda())));
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties.get("Environment"))
                    .get("Variables");
            Object timeout = variables.get(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS);
            if (timeout != null) {
                assertEquals(properties.get("Timeout").toString(), timeout, id);
                told++;
            }
            if (id.equals("Processor")) {
                assertNotNull(timeout, id);
            }
        }
        assertEquals(1, told, "only the processor has a lease to check");
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
    void eventSources_haveTheSpecsIds_reportItemFailures_withTheirBatchesAndMaximumConcurrency() {
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        assertEquals(Map.of(
                "FunctionName", aliasQualifiedName(stack.aliases().get("Processor")),
                "BatchSize", 10,
                "MaximumBatchingWindowInSeconds", 1,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ScalingConfig", Map.of("MaximumConcurrency", Map.of("Ref", "ProcessorMaxConcurrency")),
                "EventSourceArn", q.resolve(stack.queue(Queues.EVENTS).getQueueArn())),
                q.properties("ProcessorEvents"));
        assertEquals(Map.of(
                "FunctionName", aliasQualifiedName(stack.aliases().get("SyncTasks")),
                "BatchSize", 1,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ScalingConfig", Map.of("MaximumConcurrency", Map.of("Ref", "SyncTasksMaxConcurrency")),
                "EventSourceArn", q.resolve(stack.queue(Queues.SYNC_TASKS).getQueueArn())),
                q.properties("SyncTasksEvents"));
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

    // ---- Issue 9's spec (notes/i9-spec.md): one group per bullet.

    @Test
    void parameters_haveTheSpecsTypesDefaultsAndConstraints() {
        for (String name : List.of("GitHubAppId", "GitHubAppClientId", "GitHubApiUrl", "FullSyncHours", "SyncBranches",
                "SyncLookbackDays", "SyncStartDate", "SyncTasksMaxConcurrency", "RetainDataOnUninstall")) {
            template.hasParameter(name, Match.anyValue());
        }
        for (String secret : List.of("WebhookSecretArn", "ApiTokensSecretArn", "GitHubAppPrivateKeyArn")) {
            assertParameter(secret, Map.of("Type", "String", "Default", "",
                    "AllowedPattern", "^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:"
                            + "[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6})?$"));
        }
        assertParameter("SecretsKmsKeyArn", Map.of("Type", "String", "Default", "",
                "AllowedPattern", "^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)?$"));
        assertParameter("SyncIntervalMinutes", Map.of("Type", "Number", "MinValue", 1, "MaxValue", 60));
        assertParameter("ProcessorMaxConcurrency", Map.of("Type", "Number", "Default", 10, "MinValue", 2,
                "MaxValue", 1000));
        assertParameter("ApiThrottleRateLimit", Map.of("Type", "Number", "Default", 50, "MinValue", 1));
        assertParameter("ApiThrottleBurstLimit", Map.of("Type", "Number", "Default", 100, "MinValue", 1));
        assertParameter("LogRetentionDays", Map.of("Type", "Number", "Default", "30", "AllowedValues", List.of(
                "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545", "731", "1096",
                "1827", "2192", "2557", "2922", "3288", "3653")));
        assertParameter("AlarmEmail", Map.of("Type", "String", "Default", "",
                "AllowedPattern", "^([^@\\s]+@[^@\\s]+\\.[^@\\s]+)?$"));
        // The patterns accept what they must and refuse a partial secret ARN (no suffix: the IAM grant misses).
        String secretPattern = Parameters.SECRET_ARN_PATTERN;
        assertTrue("arn:aws:secretsmanager:eu-west-1:123456789012:secret:autosync/webhook-AbC123".matches(secretPattern));
        assertTrue("".matches(secretPattern));
        assertFalse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:autosync/webhook".matches(secretPattern));
        assertTrue("ops@example.com".matches(Parameters.EMAIL_PATTERN));
        assertFalse("ops@example".matches(Parameters.EMAIL_PATTERN));
    }

    @Test
    void conditions_createASecretWhenItsArnIsEmpty_useTheKeyOrEmailWhenSet() {
        Map<String, String> create = Map.of("CreateWebhookSecret", "WebhookSecretArn",
                "CreateApiTokensSecret", "ApiTokensSecretArn", "CreatePrivateKeySecret", "GitHubAppPrivateKeyArn");
        create.forEach((condition, parameter) -> template.hasCondition(condition,
                Map.of("Fn::Equals", List.of(Map.of("Ref", parameter), ""))));
        Map.of("UseSecretsKmsKey", "SecretsKmsKeyArn", "SubscribeAlarmEmail", "AlarmEmail").forEach(
                (condition, parameter) -> template.hasCondition(condition, Map.of("Fn::Not", List.of(
                        Map.of("Fn::Equals", List.of(Map.of("Ref", parameter), "")))))); 
    }

    @Test
    void secrets_areCreatedUnderTheirConditions_withTheKeyIfNamed_andEveryUserGetsTheArnInUse() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 3);
        Object kmsKeyId = Map.of("Fn::If", List.of("UseSecretsKmsKey", Map.of("Ref", "SecretsKmsKeyArn"),
                Map.of("Ref", "AWS::NoValue")));
        assertSecret("WebhookSecret", "CreateWebhookSecret", "GenerateSecretString",
                Map.of("PasswordLength", 40, "ExcludePunctuation", true), kmsKeyId);
        assertSecret("ApiTokensSecret", "CreateApiTokensSecret", "GenerateSecretString",
                Map.of("PasswordLength", 48, "ExcludePunctuation", true), kmsKeyId);
        assertSecret("PrivateKeySecret", "CreatePrivateKeySecret", "SecretString",
                "REPLACE_WITH_THE_GITHUB_APP_PRIVATE_KEY_PEM", kmsKeyId);
        // The ARN in use reaches each reader's environment and the outputs.
        Map<String, Object> webhook = secretInUse("CreateWebhookSecret", "WebhookSecret", "WebhookSecretArn");
        Map<String, Object> tokens = secretInUse("CreateApiTokensSecret", "ApiTokensSecret", "ApiTokensSecretArn");
        Map<String, Object> key = secretInUse("CreatePrivateKeySecret", "PrivateKeySecret", "GitHubAppPrivateKeyArn");
        assertEquals(webhook, environment("Webhook").get(EnvVars.GITHUB_WEBHOOK_SECRET_ARN));
        assertEquals(tokens, environment("Api").get(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN));
        assertEquals(key, environment("Sync").get(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN));
        assertEquals(key, environment("SyncTasks").get(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN));
        Map.of("WebhookSecret", webhook, "ApiTokensSecret", tokens, "PrivateKeySecret", key).forEach((output, value) ->
                assertEquals(value, template.findOutputs(output).get(output).get("Value"), output));
    }

    @Test
    void kmsDecrypt_onlyWhenAKeyIsNamed_onThatKeyThroughSecretsManager_forTheFunctionsReadingSecrets() {
        Map<String, Object> policy = q.resource(Secrets.KMS_POLICY_ID);
        assertEquals("UseSecretsKmsKey", policy.get("Condition"));
        TemplateQueries.Statement decrypt = new TemplateQueries.Statement("Allow", Set.of("kms:Decrypt"),
                Set.of(Map.of("Ref", "SecretsKmsKeyArn")), Map.of("StringEquals", Map.of("kms:ViaService",
                        Map.of("Fn::Sub", "secretsmanager.${AWS::Region}.amazonaws.com"))));
        for (String id : FUNCTIONS.keySet()) {
            Set<TemplateQueries.Statement> expected = id.equals("Processor") ? Set.of() : Set.of(decrypt);
            assertEquals(expected, q.conditionalStatementsOf(stack.functions().get(id)), id);
        }
    }

    @Test
    void everyFunction_startsFast_andEmitsMetricsUnderTheStacksName() {
        for (String id : FUNCTIONS.keySet()) {
            Map<String, Object> variables = environment(id);
            assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", variables.get("JAVA_TOOL_OPTIONS"), id);
            assertEquals(Map.of("Ref", "AWS::StackName"), variables.get(EnvVars.AUTOSYNC_METRICS_NAMESPACE), id);
        }
    }

    @Test
    void everyFunction_logsJsonToItsOwnLogGroup_keptLogRetentionDays_asAreTheAccessLogs() {
        template.resourceCountIs("AWS::Logs::LogGroup", FUNCTIONS.size() + 1);
        for (String id : FUNCTIONS.keySet()) {
            assertEquals(Map.of("LogFormat", "JSON", "LogGroup", Map.of("Ref", id + "LogGroup")),
                    functionProperties(id).get("LoggingConfig"), id);
            assertLogGroup(id + "LogGroup");
        }
        assertLogGroup("HttpApiAccessLogs");
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("AccessLogSettings", Match.objectLike(Map.of(
                "DestinationArn", Map.of("Fn::GetAtt", List.of("HttpApiAccessLogs", "Arn"))))));
    }

    @Test
    void tracing_isActiveOnTheSynchronousWebhookAndApiOnly() {
        for (String id : FUNCTIONS.keySet()) {
            Object expected = Set.of("Webhook", "Api").contains(id) ? Map.of("Mode", "Active") : null;
            assertEquals(expected, functionProperties(id).get("TracingConfig"), id);
        }
    }

    @Test
    void iam_eachFunctionHasExactlyTheSpecsStatements() {
        Object events = q.resolve(stack.queue(Queues.EVENTS).getQueueArn());
        Object tasks = q.resolve(stack.queue(Queues.SYNC_TASKS).getQueueArn());
        Object eventsDlq = q.resolve(stack.deadLetterQueue(Queues.EVENTS).getQueueArn());
        Object tasksDlq = q.resolve(stack.deadLetterQueue(Queues.SYNC_TASKS).getQueueArn());
        List<Object> tableAndIndexes = new ArrayList<>();
        tableAndIndexes.add(q.resolve(stack.table().getTableArn()));
        TableSchema.GSIS.forEach(gsi ->
                tableAndIndexes.add(q.resolve(stack.table().getTableArn() + "/index/" + gsi.name())));
        List<String> storeActions = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
        List<String> consume = List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl",
                "sqs:DeleteMessage", "sqs:GetQueueAttributes");
        var xray = allow(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), List.of("*"));
        var sendTasks = allow(List.of("sqs:SendMessage"), List.of(tasks));
        // Replay jobs queue archived deliveries; redrive jobs move dead letters back to their source.
        var sendEvents = allow(List.of("sqs:SendMessage"), List.of(events));
        var redrive = allow(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"),
                List.of(eventsDlq, tasksDlq));
        var store = allow(storeActions, tableAndIndexes);
        var privateKey = getSecret(secretInUse("CreatePrivateKeySecret", "PrivateKeySecret", "GitHubAppPrivateKeyArn"));
        Map<String, Set<TemplateQueries.Statement>> expected = Map.of(
                "Webhook", Set.of(xray, allow(List.of("sqs:SendMessage"), List.of(events)), sendTasks,
                        getSecret(secretInUse("CreateWebhookSecret", "WebhookSecret", "WebhookSecretArn"))),
                "Processor", Set.of(store, sendTasks, allow(consume, List.of(events))),
                "Api", Set.of(xray, allow(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                                "dynamodb:UpdateItem"), tableAndIndexes), sendTasks,
                        allow(List.of("sqs:GetQueueAttributes"), List.of(events, eventsDlq, tasksDlq)),
                        // The dead-letter listing: receive, then show again at once; never delete.
                        allow(List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility"), List.of(eventsDlq, tasksDlq)),
                        getSecret(secretInUse("CreateApiTokensSecret", "ApiTokensSecret", "ApiTokensSecretArn"))),
                "Sync", Set.of(store, sendTasks, privateKey, sendEvents, redrive),
                "SyncTasks", Set.of(store, sendTasks, privateKey, sendEvents, redrive, allow(consume, List.of(tasks))));
        assertEquals(FUNCTIONS.keySet(), expected.keySet());
        expected.forEach((id, statements) -> assertEquals(statements, q.statementsOf(stack.functions().get(id)), id));
        // Logs through the AWS-maintained minimum only; no other managed policy (no SQS or DynamoDB "*").
        stack.functions().values().forEach(function -> assertEquals(List.of(Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")))),
                q.properties(q.logicalId(function.getRole())).get("ManagedPolicyArns")));
    }

    @Test
    void noStatementAnywhere_grantsOnEveryResource_exceptXRaysTwoActions() {
        List<TemplateQueries.Statement> wildcards = q.allStatements().stream()
                .filter(s -> s.resources().stream().anyMatch(r -> r.toString().contains("*"))).toList();
        assertFalse(wildcards.isEmpty(), "the X-Ray statements are expected");
        wildcards.forEach(s -> assertEquals(Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                s.actions(), s.toString()));
    }

    @Test
    void stage_throttlesEveryRoute_fromTheParameters() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "DefaultRouteSettings", Map.of(
                        "ThrottlingRateLimit", Map.of("Ref", "ApiThrottleRateLimit"),
                        "ThrottlingBurstLimit", Map.of("Ref", "ApiThrottleBurstLimit"))));
    }

    @Test
    void alarmTopic_unencryptedForCloudWatch_tlsOnly_publishableByThisAccountsAlarms_emailWhenGiven() {
        template.resourceCountIs("AWS::SNS::Topic", 1);
        assertFalse(q.properties("AlarmTopic").containsKey("KmsMasterKeyId"));
        assertEquals(List.of(ref("AlarmTopic")), q.properties("AlarmTopicPolicy").get("Topics"));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Version", "2012-10-17",
                "Statement", List.of(
                        Match.objectLike(Map.of("Effect", "Deny", "Action", "sns:Publish", "Principal", "*",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of("Effect", "Allow", "Action", "sns:Publish",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Resource", ref("AlarmTopic"),
                                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount",
                                        ref("AWS::AccountId")))))))));
        Map<String, Object> subscription = q.resource("AlarmEmailSubscription");
        assertEquals("SubscribeAlarmEmail", subscription.get("Condition"));
        assertEquals(Map.of("Protocol", "email", "Endpoint", ref("AlarmEmail"), "TopicArn", ref("AlarmTopic")),
                properties(subscription));
    }

    @Test
    void alarms_areTheSpecsNineteen_eachNotifyingTheTopic() {
        List<ExpectedAlarm> expected = expectedAlarms();
        assertEquals(19, expected.size());
        template.resourceCountIs("AWS::CloudWatch::Alarm", expected.size());
        assertEquals(expected.stream().map(ExpectedAlarm::id).collect(Collectors.toSet()),
                stack.operations().alarms().keySet());
        for (ExpectedAlarm alarm : expected) {
            Map<String, Object> actual = new HashMap<>(q.properties(alarm.id()));
            Object description = actual.remove("AlarmDescription");
            assertTrue(description instanceof String text && text.length() > 60, alarm.id() + " says what to do");
            Map<String, Object> want = new HashMap<>(Map.of(
                    "Namespace", alarm.namespace(), "MetricName", alarm.metric(),
                    "Statistic", alarm.statistic(), "Period", alarm.period(), "EvaluationPeriods", 1,
                    "Threshold", alarm.threshold(), "ComparisonOperator", alarm.comparison(),
                    "TreatMissingData", alarm.missingData(),
                    "AlarmActions", List.of(ref("AlarmTopic")), "OKActions", List.of(ref("AlarmTopic"))));
            if (!alarm.dimensions().isEmpty()) {
                want.put("Dimensions", alarm.dimensions());
            }
            assertEquals(want, actual, alarm.id());
        }
    }

    @Test
    void dashboard_isTheResourceFile_withEveryPlaceholderFilled() throws Exception {
        Map<String, Object> dashboard = q.properties("Dashboard");
        assertEquals(ref("AWS::StackName"), dashboard.get("DashboardName"));
        List<?> sub = (List<?>) ((Map<?, ?>) dashboard.get("DashboardBody")).get("Fn::Sub");
        String file = Files.readString(Path.of("src/main/resources/dashboard.json"));
        assertEquals(file, sub.get(0), "the body is dashboard.json unchanged (template.yaml embeds the same text)");
        Map<?, ?> variables = (Map<?, ?>) sub.get(1);
        // Every ${Var} has its variable, every variable is used, and each is what the spec names.
        assertEquals(DashboardFile.placeholders(file), variables.keySet());
        Map<String, Object> expected = new HashMap<>(Map.of(
                "Namespace", ref("AWS::StackName"), "Region", ref("AWS::Region"),
                "ApiId", q.resolve(stack.httpApi().getApiId()),
                "EventsQueueName", q.resolve(stack.queue(Queues.EVENTS).getQueueName()),
                "EventsDlqName", q.resolve(stack.deadLetterQueue(Queues.EVENTS).getQueueName()),
                "SyncTasksQueueName", q.resolve(stack.queue(Queues.SYNC_TASKS).getQueueName()),
                "SyncTasksDlqName", q.resolve(stack.deadLetterQueue(Queues.SYNC_TASKS).getQueueName()),
                "ScheduleDlqName", q.resolve(stack.scheduleDeadLetterQueue().getQueueName())));
        FUNCTIONS.keySet().forEach(id -> expected.put(id + "FunctionName", ref(q.logicalId(stack.functions().get(id)))));
        expectedAlarms().forEach(a -> expected.put(a.id() + "Arn", Map.of("Fn::GetAtt", List.of(a.id(), "Arn"))));
        assertEquals(expected, variables);
        // Valid JSON once filled in, and its alarm widget shows every alarm.
        var body = DashboardFile.parse(file);
        assertEquals(expectedAlarms().stream().map(a -> "${" + a.id() + "Arn}").collect(Collectors.toSet()),
                DashboardFile.alarmWidgetArns(body));
    }

    @Test
    void dashboard_namesOnlyMetricsThatExist_andShowsEveryMetricTheFunctionsEmit() throws Exception {
        var body = DashboardFile.parse(Files.readString(Path.of("src/main/resources/dashboard.json")));
        Map<String, Set<String>> byNamespace = DashboardFile.metricNames(body);
        Set<String> custom = byNamespace.remove("${Namespace}");
        assertEquals(Set.copyOf(MetricNames.ALL), custom, "custom metrics on the dashboard");
        Queue queue = stack.queue(Queues.EVENTS);
        Function function = stack.functions().get("Webhook");
        Map<String, Set<String>> aws = new HashMap<>();
        for (Metric metric : List.of(queue.metricApproximateNumberOfMessagesVisible(),
                queue.metricApproximateAgeOfOldestMessage(), function.metricErrors(), function.metricThrottles(),
                function.metricDuration(), Function.metricAllConcurrentExecutions(), stack.httpApi().metricClientError(),
                stack.httpApi().metricServerError(), stack.httpApi().metricLatency())) {
            aws.computeIfAbsent(metric.getNamespace(), n -> new HashSet<>()).add(metric.getMetricName());
        }
        assertEquals(aws, byNamespace, "AWS metrics on the dashboard");
    }

    @Test
    void outputs_theUrls_theDashboard_theTopic_andTheSecretsInUse() {
        assertEquals(Set.of("WebhookUrl", "ApiBaseUrl", "DashboardUrl", "CloudWatchDashboardUrl", "AlarmTopicArn",
                "WebhookSecret", "ApiTokensSecret", "PrivateKeySecret"), template.findOutputs("*").keySet());
        assertEquals(Map.of("Fn::Sub", "https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home"
                        + "?region=${AWS::Region}#dashboards:name=${AWS::StackName}"),
                template.findOutputs("CloudWatchDashboardUrl").get("CloudWatchDashboardUrl").get("Value"));
        assertEquals(ref("AlarmTopic"), template.findOutputs("AlarmTopicArn").get("AlarmTopicArn").get("Value"));
        template.findOutputs("*").forEach((name, output) ->
                assertTrue(output.get("Description").toString().length() > 10, name));
    }

    /** One row of the spec's alarm table. */
    private record ExpectedAlarm(String id, Object namespace, String metric, List<Map<String, Object>> dimensions,
            String statistic, int period, int threshold, String comparison, String missingData) {
    }

    private static List<ExpectedAlarm> expectedAlarms() {
        Object ns = ref("AWS::StackName");
        Metric visible = stack.queue(Queues.EVENTS).metricApproximateNumberOfMessagesVisible();
        Metric age = stack.queue(Queues.EVENTS).metricApproximateAgeOfOldestMessage();
        String ge = "GreaterThanOrEqualToThreshold";
        String gt = "GreaterThanThreshold";
        String lt = "LessThanThreshold";
        String notBreaching = "notBreaching";
        List<ExpectedAlarm> alarms = new ArrayList<>(List.of(
                new ExpectedAlarm("EventsDeadLetterAlarm", visible.getNamespace(), visible.getMetricName(),
                        queueName(stack.deadLetterQueue(Queues.EVENTS)), "Maximum", 60, 1, ge, notBreaching),
                new ExpectedAlarm("SyncTasksDeadLetterAlarm", visible.getNamespace(), visible.getMetricName(),
                        queueName(stack.deadLetterQueue(Queues.SYNC_TASKS)), "Maximum", 60, 1, ge, notBreaching),
                new ExpectedAlarm("ScheduleDeadLetterAlarm", visible.getNamespace(), visible.getMetricName(),
                        queueName(stack.scheduleDeadLetterQueue()), "Maximum", 60, 1, ge, notBreaching),
                new ExpectedAlarm("EventsQueueAgeAlarm", age.getNamespace(), age.getMetricName(),
                        queueName(stack.queue(Queues.EVENTS)), "Maximum", 60, 300, gt, notBreaching),
                new ExpectedAlarm("SyncTasksOverdueAlarm", ns, MetricNames.SYNC_TASK_DELAY, List.of(),
                        "Maximum", 300, 900, gt, notBreaching),
                new ExpectedAlarm("SyncJobFailedAlarm", ns, MetricNames.SYNC_JOBS,
                        dimension(MetricNames.STATUS, MetricNames.STATUS_FAILED), "Sum", 300, 1, ge, notBreaching),
                new ExpectedAlarm("PeriodicSyncMissingAlarm", ns, MetricNames.SYNC_JOBS,
                        dimension(MetricNames.TYPE, MetricNames.TYPE_PERIODIC_SYNC), "Sum", 3600, 1, lt, "breaching"),
                new ExpectedAlarm("SignatureFailuresAlarm", ns, MetricNames.SIGNATURE_FAILURES, List.of(),
                        "Sum", 300, 10, ge, notBreaching),
                new ExpectedAlarm("GitHubRateLimitLowAlarm", ns, MetricNames.GITHUB_RATE_LIMIT_REMAINING_PERCENT,
                        dimension(MetricNames.RESOURCE, MetricNames.RESOURCE_CORE), "Minimum", 300, 10, lt,
                        notBreaching)));
        for (String id : FUNCTIONS.keySet()) {
            Function function = stack.functions().get(id);
            List<Map<String, Object>> name = List.of(Map.of("Name", "FunctionName", "Value", ref(q.logicalId(function))));
            for (Metric metric : List.of(function.metricErrors(), function.metricThrottles())) {
                alarms.add(new ExpectedAlarm(id + metric.getMetricName() + "Alarm", metric.getNamespace(),
                        metric.getMetricName(), name, "Sum", 300, 1, ge, notBreaching));
            }
        }
        return alarms;
    }

    private static List<Map<String, Object>> queueName(Queue queue) {
        return List.of(Map.of("Name", "QueueName", "Value", q.resolve(queue.getQueueName())));
    }

    private static List<Map<String, Object>> dimension(String name, String value) {
        return List.of(Map.of("Name", name, "Value", value));
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

    private static String logicalId(software.amazon.awscdk.services.lambda.IFunction function) {
        return stack.getLogicalId((software.amazon.awscdk.CfnElement) function.getNode().getDefaultChild());
    }

    private static Map<String, Object> ref(String logicalId) {
        return TemplateQueries.ref(logicalId);
    }

    private static Map<String, Object> ref(software.amazon.awscdk.services.lambda.Alias alias) {
        return Map.of("Ref", stack.getLogicalId((software.amazon.awscdk.CfnElement) alias.getNode().getDefaultChild()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static void assertParameter(String name, Map<String, Object> expected) {
        Map<String, Object> actual = new HashMap<>(template.findParameters(name).get(name));
        actual.remove("Description");
        assertTrue(template.findParameters(name).get(name).get("Description").toString().length() > 20, name);
        Map<String, Object> want = new HashMap<>(expected);
        if (!want.containsKey("Default")) {
            want.put("Default", actual.get("Default"));
        }
        assertEquals(want, actual, name);
    }

    private static void assertSecret(String logicalId, String condition, String valueKey, Object value, Object kmsKeyId) {
        Map<String, Object> secret = q.resource(logicalId);
        assertEquals(condition, secret.get("Condition"), logicalId);
        assertEquals(value, properties(secret).get(valueKey), logicalId);
        assertEquals(kmsKeyId, properties(secret).get("KmsKeyId"), logicalId);
        assertFalse(properties(secret).containsKey("Name"), "name left to CloudFormation: " + logicalId);
        // Delete, CloudFormation's default: the stack's own generated value or placeholder.
        assertFalse(secret.containsKey("DeletionPolicy"), logicalId);
    }

    private static void assertLogGroup(String logicalId) {
        Map<String, Object> group = q.resource(logicalId);
        assertEquals(Map.of("RetentionInDays", Map.of("Ref", "LogRetentionDays")), properties(group), logicalId);
        assertEquals("Delete", group.get("DeletionPolicy"), logicalId);
    }

    private static Map<String, Object> secretInUse(String condition, String secret, String parameter) {
        return Map.of("Fn::If", List.of(condition, Map.of("Ref", secret), Map.of("Ref", parameter)));
    }

    private static TemplateQueries.Statement getSecret(Object arn) {
        return allow(List.of("secretsmanager:GetSecretValue"), List.of(arn));
    }

    private static Map<String, Object> functionProperties(String id) {
        return q.properties(q.logicalId(stack.functions().get(id)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String id) {
        return (Map<String, Object>) ((Map<String, Object>) functionProperties(id).get("Environment")).get("Variables");
    }
}
