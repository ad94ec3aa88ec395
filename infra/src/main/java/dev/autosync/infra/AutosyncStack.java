package dev.autosync.infra;

import dev.autosync.common.EnvVars;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.CfnRoute;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * The whole deployed system, the same one {@code template.yaml} describes: the table and queues (from
 * {@link TableSchema} and {@link Queues}), the five functions from the one shaded jar, each behind a
 * SnapStart alias that every route, event source and schedule targets, the HTTP API and the periodic sync
 * schedule. Environment variable names come from {@link EnvVars}; nothing is spelled twice.
 */
public final class AutosyncStack extends Stack {

    /** The alias SAM's {@code AutoPublishAlias} creates too: what runs is always a published (snapshotted) version. */
    public static final String ALIAS = "live";
    /** The webhook route GitHub is given; the trailing-slash twin is routed too. */
    public static final String WEBHOOK_PATH = "/api/github/webhook";

    private final Table table;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final HttpApi httpApi;

    /**
     * @param code the functions' code: the shaded jar in a deployment ({@link AutosyncApp}), any stand-in
     *             in tests — synthesis never needs the jar itself
     */
    public AutosyncStack(Construct scope, String id, StackProps props, Code code) {
        super(scope, id, props);

        // ---- Parameters: the same names, defaults and constraints as template.yaml's.
        CfnParameter webhookSecretArn = CfnParameter.Builder.create(this, "WebhookSecretArn").type("String")
                .description("Secrets Manager ARN of the GitHub webhook secret. SecretString is the secret itself, or "
                        + "{\"current\": \"<secret>\", \"previous\": \"<secret>\"} while a rotation is under way.")
                .build();
        CfnParameter apiTokensSecretArn = CfnParameter.Builder.create(this, "ApiTokensSecretArn").type("String")
                .description("Secrets Manager ARN of the api's bearer tokens and cursor key: JSON "
                        + "{\"tokens\": [\"<token>\", ...], \"cursor_key\": \"<at least 32 random characters>\"}.")
                .build();
        CfnParameter appId = CfnParameter.Builder.create(this, "GitHubAppId").type("String")
                .allowedPattern("^[0-9]+$")
                .description("The GitHub App's numeric App ID (its settings page, \"About\").").build();
        CfnParameter appClientId = CfnParameter.Builder.create(this, "GitHubAppClientId").type("String")
                .defaultValue("")
                .description("Optional: the App's client ID (Iv1... or Iv23...). When set it is the issuer of the "
                        + "App's JWTs, as GitHub recommends; otherwise the App ID is.").build();
        CfnParameter privateKeyArn = CfnParameter.Builder.create(this, "GitHubAppPrivateKeyArn").type("String")
                .description("Secrets Manager ARN of the GitHub App's private key: SecretString is the PEM text as "
                        + "GitHub downloads it. Only the sync functions may read it.").build();
        CfnParameter apiUrl = CfnParameter.Builder.create(this, "GitHubApiUrl").type("String")
                .defaultValue("https://api.github.com").allowedPattern("^https?://.+")
                .description("GitHub's REST API root; change it for GitHub Enterprise Server (https://<host>/api/v3).")
                .build();
        CfnParameter syncInterval = CfnParameter.Builder.create(this, "SyncIntervalMinutes").type("Number")
                .defaultValue(15).minValue(1).maxValue(1440)
                .description("Minutes between periodic sync runs: the schedule's rate, and the interval the api's "
                        + "health check judges coverage by (AUTOSYNC_SYNC_INTERVAL).").build();
        CfnParameter fullSyncHours = CfnParameter.Builder.create(this, "FullSyncHours").type("Number")
                .defaultValue(24).minValue(1)
                .description("Hours between full reconciliations, which re-read every repository.").build();
        CfnParameter syncBranches = CfnParameter.Builder.create(this, "SyncBranches").type("String")
                .defaultValue("")
                .description("Branches synced besides each repository's default branch, comma-separated (default none).")
                .build();
        CfnParameter lookbackDays = CfnParameter.Builder.create(this, "SyncLookbackDays").type("Number")
                .defaultValue(90).minValue(1)
                .description("How far back a repository's first import reads commits, issues and pull requests, in days.")
                .build();
        CfnParameter startDate = CfnParameter.Builder.create(this, "SyncStartDate").type("String")
                .defaultValue("").allowedPattern("^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
                .description("Optional fixed start date (yyyy-MM-dd, UTC) for first imports instead of SyncLookbackDays.")
                .build();
        CfnParameter tasksConcurrency = CfnParameter.Builder.create(this, "SyncTasksMaxConcurrency").type("Number")
                .defaultValue(5).minValue(2).maxValue(50)
                .description("Most sync tasks running at once (the sync-tasks event source's MaximumConcurrency).")
                .build();
        CfnParameter retainData = CfnParameter.Builder.create(this, "RetainDataOnUninstall").type("String")
                .defaultValue("false").allowedValues(List.of("true", "false"))
                .description("true keeps an uninstalled installation's data, marked uninstalled; false deletes it.")
                .build();

        // ---- Table. The physical name derives from the stack name, so two stacks (staging, production)
        // coexist in one account. RetainExceptOnCreate: a stack deletion or a replacing update keeps the
        // table (and PITR restores from a stray DeleteTable or bad writes), while a failed *first* deploy
        // deletes the table it just created, so the retry does not stop on "already exists". Deletion
        // protection is deliberately off: it would block that rollback delete (ROLLBACK_FAILED).
        this.table = new Table(this, "Table", TableProps.builder()
                .tableName(getStackName() + "-" + TableSchema.DEFAULT_TABLE_NAME)
                .partitionKey(string(TableSchema.PK))
                .sortKey(string(TableSchema.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TableSchema.TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .build());
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(gsi.name())
                    .partitionKey(string(gsi.partitionKey()))
                    .sortKey(string(gsi.sortKey()))
                    .build());
        }

        // ---- Queues (names left to CloudFormation: unique per stack).
        for (QueueDefinition definition : Queues.ALL) {
            queue(definition);
        }
        Queue events = queues.get(Queues.EVENTS.name());
        Queue eventsDlq = deadLetterQueues.get(Queues.EVENTS.name());
        Queue tasks = queues.get(Queues.SYNC_TASKS.name());
        Queue tasksDlq = deadLetterQueues.get(Queues.SYNC_TASKS.name());

        // ---- Functions. Memory 1,024 MB everywhere (template.yaml's Globals): the Java handlers spend
        // their time waiting on DynamoDB, SQS and GitHub, and 1 GB buys enough CPU for a quick restore
        // and JSON parsing. Timeouts as template.yaml: 10 s for the synchronous webhook and api (API
        // Gateway gives up at 30 s; GitHub at 10 s), 60 s for the processor's batch of 10 and the
        // schedule starter, 300 s for a sync task (it checkpoints before that).

        // Webhook: verify the signature, queue the delivery.
        Alias webhook = function("Webhook", "dev.autosync.webhook.WebhookHandler::handleRequest",
                "Verifies GitHub webhook deliveries and queues them on SQS.", 10, code, env(
                        EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                        EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                        EnvVars.GITHUB_WEBHOOK_SECRET_ARN, webhookSecretArn.getValueAsString()));
        sendTo(webhook, events);
        sendTo(webhook, tasks);
        readSecret(webhook, webhookSecretArn);

        // Processor: apply queued deliveries to the table.
        Alias processor = function("Processor", "dev.autosync.processing.ProcessorHandler::handleRequest",
                "Applies queued webhook deliveries to the table; failed ones retry, then go to the events DLQ.",
                60, code, env(
                        EnvVars.TABLE_NAME, table.getTableName(),
                        EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                        EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                        EnvVars.RETAIN_DATA_ON_UNINSTALL, retainData.getValueAsString()));
        tableAccess(processor, STORE_ACTIONS);
        sendTo(processor, tasks);
        processor.addEventSource(new SqsEventSource(events, SqsEventSourceProps.builder()
                .batchSize(10)
                .maxBatchingWindow(Duration.seconds(1))
                .reportBatchItemFailures(true)
                .build()));

        // Api: health, jobs, sync control, data, analytics, the dashboard page.
        Alias api = function("Api", "dev.autosync.api.ApiHandler::handleRequest",
                "Health, sync jobs, sync control, the synced data, analytics and the dashboard page.", 10, code, env(
                        EnvVars.TABLE_NAME, table.getTableName(),
                        EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                        EnvVars.EVENTS_DLQ_URL, eventsDlq.getQueueUrl(),
                        EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                        EnvVars.SYNC_TASKS_DLQ_URL, tasksDlq.getQueueUrl(),
                        EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, apiTokensSecretArn.getValueAsString(),
                        EnvVars.AUTOSYNC_SYNC_INTERVAL, syncInterval.getValueAsString()));
        tableAccess(api, List.of(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"));
        sendTo(api, tasks);
        api.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:GetQueueAttributes"))
                .resources(List.of(events.getQueueArn(), eventsDlq.getQueueArn(), tasksDlq.getQueueArn()))
                .build());
        readSecret(api, apiTokensSecretArn);

        // The sync engine: two thin handlers over the same wiring, hence the same environment and policies.
        Map<String, String> syncEnv = env(
                EnvVars.TABLE_NAME, table.getTableName(),
                EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                EnvVars.GITHUB_API_URL, apiUrl.getValueAsString(),
                EnvVars.GITHUB_APP_ID, appId.getValueAsString(),
                EnvVars.GITHUB_APP_CLIENT_ID, appClientId.getValueAsString(),
                EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, privateKeyArn.getValueAsString(),
                EnvVars.AUTOSYNC_SYNC_INTERVAL, syncInterval.getValueAsString(),
                EnvVars.AUTOSYNC_FULL_SYNC_HOURS, fullSyncHours.getValueAsString(),
                EnvVars.SYNC_BRANCHES, syncBranches.getValueAsString(),
                EnvVars.SYNC_LOOKBACK_DAYS, lookbackDays.getValueAsString(),
                EnvVars.SYNC_TASK_CONCURRENCY, tasksConcurrency.getValueAsString(),
                EnvVars.SYNC_START_DATE, startDate.getValueAsString(),
                EnvVars.RETAIN_DATA_ON_UNINSTALL, retainData.getValueAsString());
        Alias sync = function("Sync", "dev.autosync.sync.SyncScheduleHandler::handleRequest",
                "Starts each periodic sync run on the schedule - records its periodic_sync job and queues its task.",
                60, code, syncEnv);
        Alias syncTasks = function("SyncTasks", "dev.autosync.sync.SyncTaskHandler::handleRequest",
                "Runs sync tasks (imports, repository and installation syncs, periodic runs) from the sync-tasks queue.",
                300, code, syncEnv);
        for (Alias alias : List.of(sync, syncTasks)) {
            tableAccess(alias, STORE_ACTIONS);
            sendTo(alias, tasks);
            readSecret(alias, privateKeyArn);
        }
        // One task per invocation (a task may use most of its 300 s); at most SyncTasksMaxConcurrency at
        // once, bounded by GitHub's secondary rate limits. MaximumConcurrency, unlike reserved concurrency,
        // leaves excess messages unreceived (no receives counted towards the DLQ) and needs no quota.
        syncTasks.addEventSource(new SqsEventSource(tasks, SqsEventSourceProps.builder()
                .batchSize(1)
                .reportBatchItemFailures(true)
                .maxConcurrency(tasksConcurrency.getValueAsNumber())
                .build()));

        // ---- The periodic sync: EventBridge → the sync function's alias. EventBridge retries delivery
        // (throttling, service errors) up to 4 times within 10 minutes; what still fails lands in a DLQ.
        // A retry carries the same event time, from which the job id derives, so it never starts a second run.
        CfnCondition everyMinute = CfnCondition.Builder.create(this, "SyncEveryMinute")
                .expression(Fn.conditionEquals(syncInterval.getValueAsString(), "1")).build();
        String rate = Token.asString(Fn.conditionIf(everyMinute.getLogicalId(), "rate(1 minute)",
                Fn.sub("rate(${SyncIntervalMinutes} minutes)")));
        Queue scheduleDlq = new Queue(this, "ScheduleDeadLetterQueue", QueueProps.builder()
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build());
        Rule.Builder.create(this, "PeriodicSync")
                .description("The periodic sync (AUTOSYNC_SYNC_INTERVAL).")
                .schedule(Schedule.expression(rate))
                .targets(List.of(new LambdaFunction(sync, LambdaFunctionProps.builder()
                        .retryAttempts(4)
                        .maxEventAge(Duration.minutes(10))
                        .deadLetterQueue(scheduleDlq)
                        .build())))
                .build();
        suppress(scheduleDlq, "AwsSolutions-SQS3", "This queue is itself a dead-letter queue: the periodic-sync rule's"
                + " target DLQ (EventBridge DeadLetterConfig), which cdk-nag does not recognise as one (it only sees SQS"
                + " redrive policies). A DLQ of a DLQ would only move the same messages one step further.");

        // ---- HTTP API. ANY on the webhook path, not POST: the function answers other methods 405 itself;
        // with POST only they would fall through to the api's /api/{proxy+} route.
        this.httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName(getStackName())
                .description("autosync: GitHub webhooks, the api and the dashboard page")
                .build();
        HttpLambdaIntegration webhookIntegration = new HttpLambdaIntegration("Webhook", webhook);
        HttpLambdaIntegration apiIntegration = new HttpLambdaIntegration("Api", api);
        CfnRoute webhookRoute = (CfnRoute) route(WEBHOOK_PATH, HttpMethod.ANY, webhookIntegration)
                .getNode().getDefaultChild();
        // The L2 route refuses a trailing slash; the API itself routes it (GitHub may be given either form).
        CfnRoute webhookTrailingSlash = CfnRoute.Builder.create(this, "WebhookTrailingSlashRoute")
                .apiId(httpApi.getApiId())
                .routeKey("ANY " + WEBHOOK_PATH + "/")
                .target(webhookRoute.getTarget())
                .build();
        HttpRoute dashboardRoute = route("/", HttpMethod.GET, apiIntegration);
        HttpRoute apiRoute = route("/api/{proxy+}", HttpMethod.ANY, apiIntegration);
        String webhookAuth = "GitHub cannot present AWS credentials, a JWT or a custom header value to a webhook"
                + " URL; it signs each delivery. The webhook function verifies X-Hub-Signature-256 (HMAC-SHA256 with"
                + " the webhook secret from Secrets Manager, constant-time compare) before anything is queued, and"
                + " answers 401 otherwise; an authorizer could not check a signature over the body.";
        NagSuppressions.addResourceSuppressions(webhookRoute, List.of(nag("AwsSolutions-APIG4", webhookAuth)));
        NagSuppressions.addResourceSuppressions(webhookTrailingSlash, List.of(nag("AwsSolutions-APIG4", webhookAuth)));
        NagSuppressions.addResourceSuppressions(apiRoute, List.of(nag("AwsSolutions-APIG4", "Every /api/* request"
                + " except GET /api/sync/health's public summary is authenticated in the api function: a bearer token"
                + " compared in constant time against the token list in Secrets Manager (ApiTokensSecretArn), re-read"
                + " on a timer so rotation needs no redeploy; unauthenticated requests get 401 before any data is"
                + " read. A Lambda authorizer would duplicate that check and add a second cold start per request.")),
                true);
        NagSuppressions.addResourceSuppressions(dashboardRoute, List.of(nag("AwsSolutions-APIG4", "GET / returns"
                + " the dashboard's static HTML/JS page only, with no data in it; the page calls /api/* with the"
                + " operator's bearer token, which those routes check.")), true);

        // Access logs: one JSON line per request (no headers or bodies, so no tokens or signatures), kept a month.
        LogGroup accessLogs = new LogGroup(this, "HttpApiAccessLogs", LogGroupProps.builder()
                .retention(RetentionDays.ONE_MONTH)
                .build());
        CfnStage stage = (CfnStage) httpApi.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                        + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                        + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
                        + "\"integrationLatency\":\"$context.integrationLatency\","
                        + "\"integrationError\":\"$context.integrationErrorMessage\","
                        + "\"userAgent\":\"$context.identity.userAgent\"}")
                .build());

        String endpoint = httpApi.getApiEndpoint();
        CfnOutput.Builder.create(this, "WebhookUrl")
                .description("The URL to give the GitHub App as its webhook URL.")
                .value(endpoint + WEBHOOK_PATH).build();
        CfnOutput.Builder.create(this, "ApiBaseUrl")
                .description("The api's base URL (GET /api/sync/health, ...); bearer token from ApiTokensSecretArn.")
                .value(endpoint + "/api").build();
        CfnOutput.Builder.create(this, "DashboardUrl")
                .description("The dashboard page.")
                .value(endpoint + "/").build();
    }

    /** Everything the store code does except Scan (nothing scans) and transactions (none used). */
    private static final List<String> STORE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    public Table table() {
        return table;
    }

    /** The SnapStart alias of each function, by construct id (Webhook, Processor, Api, Sync, SyncTasks). */
    public Map<String, Alias> aliases() {
        return Map.copyOf(aliases);
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    private Alias function(String id, String handler, String description, int timeoutSeconds, Code code,
            Map<String, String> environment) {
        Function function = Function.Builder.create(this, id + "Function")
                .code(code)
                .handler(handler)
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .memorySize(1024)
                .timeout(Duration.seconds(timeoutSeconds))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();
        Alias alias = Alias.Builder.create(this, id + "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        // The alias publishes a version on every code or configuration change: SnapStart applies.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every function is invoked through its alias on a published version");
        NagSuppressions.addResourceSuppressions(function, List.of(nag("AwsSolutions-L1", "java21 is the newest"
                + " Java LTS the functions are built and tested for (the parent pom's release, template.yaml's Runtime);"
                + " it is a supported Lambda runtime with SnapStart on arm64 and no deprecation date announced. Moving"
                + " to a newer Java runtime is a deliberate upgrade of build, tests and both templates together.")));
        NagSuppressions.addResourceSuppressions(function.getRole(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason("AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup, logs:CreateLogStream and"
                        + " logs:PutLogEvents, which every function needs to write its own logs; it is the AWS-maintained"
                        + " minimum for Lambda, gives no data access, and is what SAM attaches to template.yaml's"
                        + " functions too.")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                .build()));
        aliases.put(id, alias);
        return alias;
    }

    private HttpRoute route(String path, HttpMethod method, HttpLambdaIntegration integration) {
        return httpApi.addRoutes(AddRoutesOptions.builder()
                .path(path).methods(List.of(method)).integration(integration).build()).get(0);
    }

    private void tableAccess(Alias alias, List<String> actions) {
        alias.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(tableAndIndexArns())
                .build());
    }

    /** The table and each of its indexes by name: no {@code index/*} wildcard (cdk-nag AwsSolutions-IAM5). */
    private List<String> tableAndIndexArns() {
        List<String> arns = new ArrayList<>();
        arns.add(table.getTableArn());
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            arns.add(table.getTableArn() + "/index/" + gsi.name());
        }
        return arns;
    }

    private static NagPackSuppression nag(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }

    private static void suppress(Construct construct, String id, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(nag(id, reason)));
    }

    private static void sendTo(Alias alias, Queue queue) {
        alias.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .build());
    }

    private static void readSecret(Alias alias, CfnParameter secretArn) {
        alias.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(secretArn.getValueAsString()))
                .build());
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return environment;
    }

    private void queue(QueueDefinition definition) {
        Queue deadLetters = new Queue(this, definition.deadLetterName(), QueueProps.builder()
                .retentionPeriod(Duration.seconds(definition.retention().toSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build());
        Queue queue = new Queue(this, definition.name(), QueueProps.builder()
                .visibilityTimeout(Duration.seconds(definition.visibilityTimeout().toSeconds()))
                .retentionPeriod(Duration.seconds(definition.retention().toSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters).maxReceiveCount(definition.maxReceiveCount()).build())
                .build());
        queues.put(definition.name(), queue);
        deadLetterQueues.put(definition.name(), deadLetters);
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
