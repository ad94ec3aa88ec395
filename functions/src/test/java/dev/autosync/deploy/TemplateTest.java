package dev.autosync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.autosync.common.EnvVars;
import dev.autosync.common.MetricNames;
import dev.autosync.common.SyncInterval;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import dev.autosync.standins.ProjectRoot;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml (SAM) must deploy what the code defines: the table of {@link TableSchema}, the queues of
 * {@link Queues}, handlers that exist and environment variables the code reads — as infra's
 * AutosyncStackTest checks the CDK stack. Short-form intrinsics ({@code !Ref X}, {@code !GetAtt X.Arn})
 * read as their argument text.
 */
class TemplateTest {

    private static final String SYNC_SCHEDULE = "dev.autosync.sync.SyncScheduleHandler::handleRequest";
    private static final String SYNC_TASKS = "dev.autosync.sync.SyncTaskHandler::handleRequest";

    private static JsonNode parameters;
    private static JsonNode resources;
    private static JsonNode globals;

    @BeforeAll
    static void read() throws Exception {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(ProjectRoot.find().resolve("template.yaml").toFile());
        parameters = template.path("Parameters");
        resources = template.path("Resources");
        globals = template.path("Globals").path("Function");
    }

    @Test
    void table_hasTheSchemasKeysIndexesAndTtl() {
        JsonNode table = ofType("AWS::DynamoDB::Table").get(0).path("Properties");
        // Named after the stack: two stacks (staging, production) coexist in one account.
        assertEquals("${AWS::StackName}-" + TableSchema.DEFAULT_TABLE_NAME, table.path("TableName").asText());
        assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
        assertEquals(List.of(TableSchema.PK + " HASH", TableSchema.SK + " RANGE"), keys(table.path("KeySchema")));
        Set<String> attributes = new HashSet<>(List.of(TableSchema.PK, TableSchema.SK));
        List<String> indexes = new ArrayList<>();
        for (JsonNode index : table.path("GlobalSecondaryIndexes")) {
            indexes.add(index.path("IndexName").asText() + ": " + keys(index.path("KeySchema"))
                    + " " + index.path("Projection").path("ProjectionType").asText());
        }
        List<String> expected = new ArrayList<>();
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            expected.add(gsi.name() + ": " + List.of(gsi.partitionKey() + " HASH", gsi.sortKey() + " RANGE") + " ALL");
            attributes.add(gsi.partitionKey());
            attributes.add(gsi.sortKey());
        }
        assertEquals(expected, indexes);
        Set<String> defined = new HashSet<>();
        table.path("AttributeDefinitions").forEach(a -> defined.add(a.path("AttributeName").asText()));
        assertEquals(attributes, defined, "CloudFormation refuses an attribute definition no key uses");
        assertEquals(TableSchema.TTL_ATTRIBUTE, table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
    }

    // A failed first deploy deletes the table it created (the retry must not stop on "already exists"); a
    // deployed stack's deletion or a replacing update keeps it. Deletion protection would block that delete.
    @Test
    void table_isKeptExceptWhenItsOwnCreationFails() {
        JsonNode table = resources.path("Table");
        assertEquals("RetainExceptOnCreate", table.path("DeletionPolicy").asText());
        assertEquals("Retain", table.path("UpdateReplacePolicy").asText());
        assertTrue(table.path("Properties").path("DeletionProtectionEnabled").isMissingNode());
    }

    @Test
    void everyQueue_hasItsDefinitionsSettingsAndDeadLetterQueue() {
        // Each work queue and its DLQ, plus the periodic schedule's DLQ.
        assertEquals(Queues.ALL.size() * 2 + 1, ofType("AWS::SQS::Queue").size());
        for (QueueDefinition definition : Queues.ALL) {
            Map.Entry<String, JsonNode> queue = queueNamed(definition.name());
            JsonNode properties = queue.getValue().path("Properties");
            assertEquals(definition.visibilityTimeout().toSeconds(), properties.path("VisibilityTimeout").asLong());
            assertEquals(definition.retention().toSeconds(), properties.path("MessageRetentionPeriod").asLong());
            JsonNode redrive = properties.path("RedrivePolicy");
            assertEquals(definition.maxReceiveCount(), redrive.path("maxReceiveCount").asInt());
            String deadLetter = queueNamed(definition.deadLetterName()).getKey();
            assertEquals(deadLetter + ".Arn", redrive.path("deadLetterTargetArn").asText(), definition.name());
            assertEquals(definition.retention().toSeconds(),
                    resources.path(deadLetter).path("Properties").path("MessageRetentionPeriod").asLong());
        }
    }

    // No fixed names (two stacks coexist; CloudFormation derives them from the stack), encrypted, and every
    // queue refuses requests made without TLS.
    @Test
    void everyQueue_isUnnamedEncryptedAndTlsOnly() {
        Set<String> queues = new HashSet<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                JsonNode properties = resource.getValue().path("Properties");
                assertTrue(properties.path("QueueName").isMissingNode(), resource.getKey());
                assertTrue(properties.path("SqsManagedSseEnabled").asBoolean(), resource.getKey());
                queues.add(resource.getKey());
            }
        });
        Set<String> tlsOnly = new HashSet<>();
        for (JsonNode policy : ofType("AWS::SQS::QueuePolicy")) {
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (statement.path("Effect").asText().equals("Deny") && statement.path("Action").asText().equals("sqs:*")
                        && statement.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false")) {
                    String queue = policy.path("Properties").path("Queues").path(0).asText();
                    assertEquals(queue + ".Arn", statement.path("Resource").asText());
                    tlsOnly.add(queue);
                }
            }
        }
        assertEquals(queues, tlsOnly);
    }

    // The event source mapping contract the processor is written for: without ReportBatchItemFailures one
    // failed delivery retries the whole batch; a timeout above a sixth of the visibility timeout lets a
    // retry overlap a slow run.
    @Test
    void processor_consumesTheEventsQueueWithPartialBatchFailures() {
        JsonNode processor = function("dev.autosync.processing.ProcessorHandler::handleRequest");
        JsonNode mapping = mappingFrom(queueNamed(Queues.EVENTS.name()).getKey());
        assertEquals("${ProcessorFunction.Alias}", mapping.path("FunctionName").asText(), "the SnapStart alias");
        assertEquals(10, mapping.path("BatchSize").asInt());
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").path(0).asText());
        assertTrue(mapping.path("MaximumBatchingWindowInSeconds").asInt() <= 5);
        assertEquals(Queues.EVENTS.visibilityTimeout().toSeconds(), processor.path("Timeout").asLong() * 6);
        assertEquals("ProcessorMaxConcurrency", mapping.path("ScalingConfig").path("MaximumConcurrency").asText());
        JsonNode concurrency = parameters.path("ProcessorMaxConcurrency");
        assertTrue(concurrency.path("MinValue").asInt() >= 2 && concurrency.path("MaxValue").asInt() <= 1000);
    }

    // Protects the processor's init check (its delivery lease must outlive its timeout): the variable it reads
    // is the number Lambda stops the function at (its Timeout, or the Globals' one), not a copy that drifts.
    @Test
    void processor_isToldItsOwnTimeout_andEveryFunctionToldOneIsToldTheTruth() {
        int told = 0;
        for (JsonNode function : ofType("AWS::Serverless::Function")) {
            JsonNode properties = function.path("Properties");
            JsonNode timeout = properties.path("Environment").path("Variables").path(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS);
            if (!timeout.isMissingNode()) {
                JsonNode deployed = properties.has("Timeout") ? properties.path("Timeout") : globals.path("Timeout");
                assertEquals(deployed.asText(), timeout.asText(), properties.path("Handler").asText());
                told++;
            }
        }
        assertTrue(environment("dev.autosync.processing.ProcessorHandler::handleRequest")
                .has(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS));
        assertEquals(1, told, "only the processor has a lease to check");
    }

    // Explicit mappings, not SAM's `Events: SQS`, whose managed policy grants the queue actions on "*".
    @Test
    void noFunction_usesSamsSqsEvent_orAnyResourceWildcard() {
        for (JsonNode function : ofType("AWS::Serverless::Function")) {
            JsonNode properties = function.path("Properties");
            String handler = properties.path("Handler").asText();
            properties.path("Events").forEach(event -> assertTrue(!event.path("Type").asText().equals("SQS"), handler));
            for (JsonNode statement : statements(properties.path("Policies"))) {
                // Every text in Resource: a single one, a list, or the parts of an !If.
                JsonNode resource = statement.path("Resource");
                for (JsonNode r : resource.isArray() ? resource : List.of(resource)) {
                    assertTrue(!r.asText().equals("*") && !r.asText().endsWith("/*"), handler + ": " + statement);
                }
            }
            assertTrue(!properties.toString().contains("Policy\""), handler + " uses a SAM policy template");
        }
    }

    // GitHub's documented path and the seed system's trailing-slash form, every method: a POST-only route
    // let other methods fall through to the api's /api/{proxy+} route instead of the webhook's 405.
    @Test
    void webhook_ownsBothPathsForEveryMethod() {
        JsonNode webhook = function("dev.autosync.webhook.WebhookHandler::handleRequest");
        Set<String> routes = new HashSet<>();
        webhook.path("Events").forEach(event -> routes.add(event.path("Type").asText() + " "
                + event.path("Properties").path("Method").asText() + " " + event.path("Properties").path("Path").asText()));
        assertEquals(Set.of("HttpApi ANY /api/github/webhook", "HttpApi ANY /api/github/webhook/"), routes);
    }

    @Test
    void everyFunction_hasAnExistingHandler_knownEnvironmentNames_andSnapStart() throws Exception {
        Set<String> known = new HashSet<>();
        for (Field field : EnvVars.class.getFields()) {
            known.add((String) field.get(null));
        }
        List<JsonNode> functions = ofType("AWS::Serverless::Function");
        assertTrue(functions.size() >= 5, "webhook, processor, api, sync schedule and sync tasks");
        // arm64 as the CDK stack (infra/ asserts the same): one architecture whichever way it is deployed.
        assertEquals("[\"arm64\"]", globals.path("Architectures").toString());
        for (JsonNode function : functions) {
            String handler = function.path("Properties").path("Handler").asText();
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(RequestHandler.class.isAssignableFrom(type), handler);
            String method = handler.substring(handler.indexOf("::") + 2);
            assertTrue(Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(method::equals), handler);
            type.getConstructor(); // Lambda instantiates the handler through its public no-arg constructor
            function.path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(
                    name -> assertTrue(known.contains(name), handler + " sets " + name + ", which no code reads"));
        }
        // Every function: fast start (a JVM option, not an EnvVars name) and the metrics namespace (the stack's).
        JsonNode common = globals.path("Environment").path("Variables");
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", common.path("JAVA_TOOL_OPTIONS").asText());
        assertEquals("AWS::StackName", common.path(EnvVars.AUTOSYNC_METRICS_NAMESPACE).asText());
        assertEquals(Set.of("JAVA_TOOL_OPTIONS", EnvVars.AUTOSYNC_METRICS_NAMESPACE), fieldNames(common));
        // Structured logs to the function's own log group, kept LogRetentionDays.
        for (JsonNode function : functions) {
            JsonNode logging = function.path("Properties").path("LoggingConfig");
            assertEquals("JSON", logging.path("LogFormat").asText());
            JsonNode group = resources.path(logging.path("LogGroup").asText());
            assertEquals("AWS::Logs::LogGroup", group.path("Type").asText());
            assertEquals("LogRetentionDays", group.path("Properties").path("RetentionInDays").asText());
            // `sam build` cannot build the Maven multi-module project: the shaded jar is the code.
            assertTrue(function.path("Metadata").path("SkipBuild").asBoolean());
        }
        assertTrue(globals.path("CodeUri").asText().endsWith("-lambda.jar"));
        assertEquals("java21", globals.path("Runtime").asText());
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        assertTrue(globals.hasNonNull("AutoPublishAlias"), "SnapStart only applies to published versions");
    }

    // The contract the sync-task consumer is written for: one task per invocation (a task may use most of
    // the timeout), partial batch failures, and a timeout of a sixth of the queue's visibility timeout so a
    // retry never overlaps a live attempt.
    @Test
    void syncTasks_consumesTheSyncTasksQueue_oneTaskAtATime_withBoundedConcurrency() {
        JsonNode function = function(SYNC_TASKS);
        JsonNode mapping = mappingFrom(queueNamed(Queues.SYNC_TASKS.name()).getKey());
        assertEquals("${SyncTasksFunction.Alias}", mapping.path("FunctionName").asText(), "the SnapStart alias");
        assertEquals(1, mapping.path("BatchSize").asInt());
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").path(0).asText());
        assertEquals(Queues.SYNC_TASKS.visibilityTimeout().toSeconds(), function.path("Timeout").asLong() * 6);
        // Lambda accepts 2..1000; the default is what the secondary-limit reasoning in the template assumes.
        JsonNode concurrency = parameters.path(mapping.path("ScalingConfig").path("MaximumConcurrency").asText());
        assertEquals(5, concurrency.path("Default").asInt());
        assertTrue(concurrency.path("MinValue").asInt() >= 2 && concurrency.path("MaxValue").asInt() <= 1000);
    }

    @Test
    void syncSchedule_runsAtTheIntervalParameter_withRetries_andTellsEveryReaderTheInterval() {
        JsonNode function = function(SYNC_SCHEDULE);
        assertEquals(60, function.path("Timeout").asLong());
        List<JsonNode> rules = ofType("AWS::Events::Rule");
        assertEquals(1, rules.size());
        JsonNode rule = rules.get(0).path("Properties");
        // !If [SyncEveryMinute, rate(1 minute), !Sub rate(${SyncIntervalMinutes} minutes)]: EventBridge refuses "rate(1 minutes)".
        List<String> expression = new ArrayList<>();
        rule.path("ScheduleExpression").forEach(part -> expression.add(part.asText()));
        assertEquals(List.of("SyncEveryMinute", "rate(1 minute)", "rate(${SyncIntervalMinutes} minutes)"), expression);
        JsonNode target = rule.path("Targets").path(0);
        assertEquals("${SyncFunction.Alias}", target.path("Arn").asText(), "the SnapStart alias");
        assertTrue(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0);
        assertEquals("ScheduleDeadLetterQueue.Arn", target.path("DeadLetterConfig").path("Arn").asText());
        JsonNode permission = ofType("AWS::Lambda::Permission").get(0).path("Properties");
        assertEquals("${SyncFunction.Alias}", permission.path("FunctionName").asText());
        assertEquals("events.amazonaws.com", permission.path("Principal").asText());
        JsonNode interval = parameters.path("SyncIntervalMinutes");
        assertEquals(SyncInterval.DEFAULT.toMinutes(), interval.path("Default").asLong());
        assertEquals(SyncInterval.MINIMUM.toMinutes(), interval.path("MinValue").asLong());
        // PeriodicSyncMissingAlarm expects a completed periodic run every hour.
        assertEquals(60, interval.path("MaxValue").asLong());
        // Health judges coverage by the same interval the schedule runs at.
        for (String handler : List.of(SYNC_SCHEDULE, SYNC_TASKS, "dev.autosync.api.ApiHandler::handleRequest")) {
            assertEquals("SyncIntervalMinutes", environment(handler).path(EnvVars.AUTOSYNC_SYNC_INTERVAL).asText(), handler);
        }
    }

    @Test
    void syncFunctions_shareOneConfiguration_andLeastPrivilege() {
        JsonNode environment = environment(SYNC_TASKS);
        assertEquals(environment, environment(SYNC_SCHEDULE), "one SyncWiring reads one configuration");
        // The same statements, and the consumer's on its own queue besides.
        List<JsonNode> tasksStatements = statements(function(SYNC_TASKS).path("Policies"));
        List<JsonNode> scheduleStatements = statements(function(SYNC_SCHEDULE).path("Policies"));
        assertEquals(scheduleStatements, tasksStatements.subList(0, scheduleStatements.size()));
        assertEquals(scheduleStatements.size() + 1, tasksStatements.size());
        JsonNode consume = tasksStatements.get(tasksStatements.size() - 1);
        assertEquals("SyncTasksQueue.Arn", consume.path("Resource").asText());
        assertTrue(consume.path("Action").toString().contains("sqs:ReceiveMessage"));
        Map<String, String> expected = Map.ofEntries(
                Map.entry(EnvVars.TABLE_NAME, "Table"),
                Map.entry(EnvVars.EVENTS_QUEUE_URL, "EventsQueue"),
                Map.entry(EnvVars.EVENTS_DLQ_URL, "EventsDeadLetterQueue"),
                Map.entry(EnvVars.SYNC_TASKS_QUEUE_URL, "SyncTasksQueue"),
                Map.entry(EnvVars.SYNC_TASKS_DLQ_URL, "SyncTasksDeadLetterQueue"),
                Map.entry(EnvVars.GITHUB_API_URL, "GitHubApiUrl"),
                Map.entry(EnvVars.GITHUB_APP_ID, "GitHubAppId"),
                Map.entry(EnvVars.GITHUB_APP_CLIENT_ID, "GitHubAppClientId"),
                // The stack's own secret unless an ARN was given.
                Map.entry(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN,
                        "[\"CreatePrivateKeySecret\",\"PrivateKeySecret\",\"GitHubAppPrivateKeyArn\"]"),
                Map.entry(EnvVars.AUTOSYNC_SYNC_INTERVAL, "SyncIntervalMinutes"),
                Map.entry(EnvVars.AUTOSYNC_FULL_SYNC_HOURS, "FullSyncHours"),
                Map.entry(EnvVars.SYNC_BRANCHES, "SyncBranches"),
                Map.entry(EnvVars.SYNC_LOOKBACK_DAYS, "SyncLookbackDays"),
                Map.entry(EnvVars.SYNC_TASK_CONCURRENCY, "SyncTasksMaxConcurrency"),
                Map.entry(EnvVars.SYNC_START_DATE, "SyncStartDate"),
                Map.entry(EnvVars.RETAIN_DATA_ON_UNINSTALL, "RetainDataOnUninstall"));
        Map<String, String> actual = new HashMap<>();
        environment.properties().forEach(e -> actual.put(e.getKey(),
                e.getValue().isArray() ? e.getValue().toString() : e.getValue().asText()));
        assertEquals(expected, actual);
        assertEquals("RetainDataOnUninstall", environment("dev.autosync.processing.ProcessorHandler::handleRequest")
                .path(EnvVars.RETAIN_DATA_ON_UNINSTALL).asText(), "uninstalls from webhooks and from sync must agree");
        assertEquals("https://api.github.com", parameters.path("GitHubApiUrl").path("Default").asText());
        assertEquals(24, parameters.path("FullSyncHours").path("Default").asInt());
        assertEquals(90, parameters.path("SyncLookbackDays").path("Default").asInt());
        assertEquals("", parameters.path("SyncBranches").path("Default").asText());

        JsonNode policies = function(SYNC_TASKS).path("Policies");
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"), tableActions(policies));
        // Its own queue (continuations), and the events queue: replay jobs queue archived deliveries there.
        assertEquals(List.of("SyncTasksQueue.Arn", "EventsQueue.Arn"), resourcesOf(policies, "sqs:SendMessage"));
        assertEquals(List.of("[\"CreatePrivateKeySecret\",\"PrivateKeySecret\",\"GitHubAppPrivateKeyArn\"]"),
                resourcesOf(policies, "secretsmanager:GetSecretValue"));
    }

    // A leaked webhook or api function must not be able to read the App's key (and mint installation tokens).
    @Test
    void onlyTheSyncFunctions_readTheAppsPrivateKey_andNoFunctionScans() {
        for (JsonNode function : ofType("AWS::Serverless::Function")) {
            JsonNode properties = function.path("Properties");
            String handler = properties.path("Handler").asText();
            boolean sync = handler.equals(SYNC_SCHEDULE) || handler.equals(SYNC_TASKS);
            assertEquals(sync, properties.toString().contains("GitHubAppPrivateKeyArn"), handler);
            assertTrue(!tableActions(properties.path("Policies")).contains("dynamodb:Scan"), handler);
        }
    }

    /** The event source mapping that reads the queue with this logical id. */
    private static JsonNode mappingFrom(String queue) {
        return ofType("AWS::Lambda::EventSourceMapping").stream().map(m -> m.path("Properties"))
                .filter(p -> p.path("EventSourceArn").asText().equals(queue + ".Arn")).findFirst()
                .orElseThrow(() -> new AssertionError("no event source mapping reads " + queue));
    }

    /** A function's inline statements, in order; a conditional one ({@code !If [c, statement, NoValue]}) as its statement. */
    private static List<JsonNode> statements(JsonNode policies) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode statement : policies.findValues("Statement")) {
            statement.forEach(s -> statements.add(s.isArray() ? s.path(1) : s));
        }
        return statements;
    }

    /** The resources of the statements granting {@code action}, as text (an {@code !If} as its JSON). */
    private static List<String> resourcesOf(JsonNode policies, String action) {
        List<String> resources = new ArrayList<>();
        for (JsonNode statement : statements(policies)) {
            if (statement.path("Action").asText().equals(action)) {
                JsonNode resource = statement.path("Resource");
                resources.add(resource.isArray() ? resource.toString() : resource.asText());
            }
        }
        return resources;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // The alarms watch metrics the functions emit (MetricNames), with dimensions they emit, and notify the topic.
    @Test
    void everyAlarm_watchesAnEmittedMetric_andNotifiesTheAlarmTopic() {
        List<JsonNode> alarms = ofType("AWS::CloudWatch::Alarm");
        assertEquals(19, alarms.size());
        Set<String> dimensionNames = Set.of(MetricNames.EVENT, MetricNames.OUTCOME, MetricNames.TYPE,
                MetricNames.STATUS, MetricNames.RESOURCE, MetricNames.ROUTE);
        for (JsonNode alarm : alarms) {
            JsonNode properties = alarm.path("Properties");
            if (properties.path("Namespace").asText().equals("AWS::StackName")) {
                assertTrue(MetricNames.ALL.contains(properties.path("MetricName").asText()), properties.toString());
                properties.path("Dimensions").forEach(d -> assertTrue(dimensionNames.contains(d.path("Name").asText()),
                        properties.toString()));
            }
            assertEquals("[\"AlarmTopic\"]", properties.path("AlarmActions").toString());
            assertEquals("[\"AlarmTopic\"]", properties.path("OKActions").toString());
            assertTrue(properties.path("AlarmDescription").asText().length() > 40, "say what to do: " + properties);
        }
    }

    private static JsonNode environment(String handler) {
        return function(handler).path("Environment").path("Variables");
    }

    /** Every DynamoDB action in a function's inline statements. */
    private static Set<String> tableActions(JsonNode policies) {
        Set<String> actions = new HashSet<>();
        for (JsonNode statement : statements(policies)) {
            statement.path("Action").forEach(a -> {
                if (a.asText().startsWith("dynamodb:")) {
                    actions.add(a.asText());
                }
            });
        }
        return actions;
    }

    private static JsonNode function(String handler) {
        return ofType("AWS::Serverless::Function").stream().map(f -> f.path("Properties"))
                .filter(p -> p.path("Handler").asText().equals(handler)).findFirst()
                .orElseThrow(() -> new AssertionError("no function with handler " + handler));
    }

    /**
     * The queue for a {@link Queues} name. Queues carry no QueueName (CloudFormation names them after the stack),
     * so the logical id stands for the name: EventsQueue for autosync-events, EventsDeadLetterQueue for its DLQ.
     */
    private static Map.Entry<String, JsonNode> queueNamed(String name) {
        String logicalId = QUEUE_IDS.get(name);
        JsonNode queue = logicalId == null ? null : resources.get(logicalId);
        if (queue == null || !queue.path("Type").asText().equals("AWS::SQS::Queue")) {
            throw new AssertionError("no queue for " + name + " (logical id " + logicalId + ")");
        }
        return Map.entry(logicalId, queue);
    }

    private static final Map<String, String> QUEUE_IDS = Map.of(
            Queues.EVENTS.name(), "EventsQueue",
            Queues.EVENTS.deadLetterName(), "EventsDeadLetterQueue",
            Queues.SYNC_TASKS.name(), "SyncTasksQueue",
            Queues.SYNC_TASKS.deadLetterName(), "SyncTasksDeadLetterQueue");

    private static List<JsonNode> ofType(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        return found;
    }

    private static List<String> keys(JsonNode keySchema) {
        List<String> keys = new ArrayList<>();
        keySchema.forEach(key -> keys.add(key.path("AttributeName").asText() + " " + key.path("KeyType").asText()));
        return keys;
    }
}
