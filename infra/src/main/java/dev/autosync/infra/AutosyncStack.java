package dev.autosync.infra;

import dev.autosync.common.EnvVars;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole deployed system, the same one {@code template.yaml} describes (issue 9's spec): its parameters
 * ({@link Parameters}), the secrets created or passed in ({@link Secrets}), the table and queues ({@link Storage},
 * from {@link TableSchema} and {@link Queues}), the five functions from the one shaded jar, each behind a SnapStart
 * alias that every route, event source and schedule targets ({@link Functions}), their least-privilege policies
 * (here), the periodic sync schedule, the HTTP API ({@link HttpEndpoints}) and what an operator watches
 * ({@link Operations}). Environment variable names come from {@link EnvVars}; nothing is spelled twice.
 */
public final class AutosyncStack extends Stack {

    /** The alias SAM's {@code AutoPublishAlias} creates too: what runs is always a published (snapshotted) version. */
    public static final String ALIAS = "live";
    /** The webhook route GitHub is given; the trailing-slash twin is routed too. */
    public static final String WEBHOOK_PATH = "/api/github/webhook";

    private final Storage storage;
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Map<String, Function> functionsById = new LinkedHashMap<>();
    private final HttpApi httpApi;
    private final Queue scheduleDlq;
    private final Operations operations;

    /**
     * @param code the functions' code: the shaded jar in a deployment ({@link AutosyncApp}), any stand-in
     *             in tests — synthesis never needs the jar itself
     */
    public AutosyncStack(Construct scope, String id, StackProps props, Code code) {
        super(scope, id, props);

        // ---- Parameters and conditions (Parameters), the secrets in use (Secrets).
        Parameters parameters = new Parameters(this);
        Secrets secrets = new Secrets(this, "Secrets", parameters);

        // ---- Table and queues (Storage), from TableSchema and Queues.
        this.storage = new Storage(this);
        Table table = storage.table();
        Queue events = storage.queue(Queues.EVENTS);
        Queue eventsDlq = storage.deadLetterQueue(Queues.EVENTS);
        Queue tasks = storage.queue(Queues.SYNC_TASKS);
        Queue tasksDlq = storage.deadLetterQueue(Queues.SYNC_TASKS);

        // ---- Functions (Functions: runtime, SnapStart alias, JSON logs, shared environment). Memory 1,024 MB
        // everywhere: the Java handlers spend their time waiting on DynamoDB, SQS and GitHub, and 1 GB buys
        // enough CPU for a quick restore and JSON parsing. Timeouts: 10 s for the synchronous webhook and api
        // (GitHub gives up at 10 s), 60 s for the processor's batch of 10 and the schedule starter, 300 s for
        // a sync task (it checkpoints before that).
        Functions functions = new Functions(this, code, parameters);

        // Webhook: verify the signature, queue the delivery. Traced: GitHub waits on it.
        Alias webhook = functions.add("Webhook", "dev.autosync.webhook.WebhookHandler::handleRequest",
                "Verifies GitHub webhook deliveries and queues them on SQS.", 10, true, env(
                        EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                        EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                        EnvVars.GITHUB_WEBHOOK_SECRET_ARN, secrets.webhook())).alias();
        sendTo(webhook, events);
        sendTo(webhook, tasks);
        secrets.grantRead(webhook, secrets.webhook());

        // Processor: apply queued deliveries to the table. It is told its timeout, which its delivery lease
        // must outlive (checked at init).
        int processorTimeout = 60;
        Alias processor = functions.add("Processor", "dev.autosync.processing.ProcessorHandler::handleRequest",
                "Applies queued webhook deliveries to the table; failed ones retry, then go to the events DLQ.",
                processorTimeout, false, env(
                        EnvVars.TABLE_NAME, table.getTableName(),
                        EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                        EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                        EnvVars.RETAIN_DATA_ON_UNINSTALL, parameters.retainData.getValueAsString(),
                        EnvVars.AUTOSYNC_ARCHIVE_DAYS, parameters.archiveDays.getValueAsString(),
                        EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS, Integer.toString(processorTimeout))).alias();
        tableAccess(processor, STORE_ACTIONS);
        sendTo(processor, tasks);
        // Batches of 10 gathered for up to 1 s: deliveries arrive in bursts (a push fans out to several
        // events), one invocation per burst saves restores, and a second is nothing against GitHub's own
        // delivery latency; failures are reported per item, so one bad delivery never retries the batch.
        // MaximumConcurrency bounds the table's write rate without reserved concurrency.
        eventSource(processor, events, "ProcessorEvents", SqsEventSourceProps.builder()
                .batchSize(10)
                .maxBatchingWindow(Duration.seconds(1))
                .reportBatchItemFailures(true)
                .maxConcurrency(parameters.processorConcurrency.getValueAsNumber())
                .build());

        // Api: health, jobs, sync control, data, analytics, the dashboard page. Traced: a caller waits on it.
        Alias api = functions.add("Api", "dev.autosync.api.ApiHandler::handleRequest",
                "Health, sync jobs, sync control, the synced data, analytics and the dashboard page.", 10, true, env(
                        EnvVars.TABLE_NAME, table.getTableName(),
                        EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                        EnvVars.EVENTS_DLQ_URL, eventsDlq.getQueueUrl(),
                        EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                        EnvVars.SYNC_TASKS_DLQ_URL, tasksDlq.getQueueUrl(),
                        EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, secrets.apiTokens(),
                        EnvVars.AUTOSYNC_SYNC_INTERVAL, parameters.syncInterval.getValueAsString())).alias();
        tableAccess(api, List.of(
                "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"));
        sendTo(api, tasks);
        // Health reads the queues' depths.
        api.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:GetQueueAttributes"))
                .resources(List.of(events.getQueueArn(), eventsDlq.getQueueArn(), tasksDlq.getQueueArn()))
                .build());
        secrets.grantRead(api, secrets.apiTokens());
        // The dead-letter listing receives each message and at once shows it again (no delete).
        api.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility"))
                .resources(List.of(eventsDlq.getQueueArn(), tasksDlq.getQueueArn()))
                .build());

        // The sync engine: two thin handlers over the same wiring, hence the same environment and policies.
        Map<String, String> syncEnv = env(
                EnvVars.TABLE_NAME, table.getTableName(),
                EnvVars.EVENTS_QUEUE_URL, events.getQueueUrl(),
                EnvVars.EVENTS_DLQ_URL, eventsDlq.getQueueUrl(),
                EnvVars.SYNC_TASKS_QUEUE_URL, tasks.getQueueUrl(),
                EnvVars.SYNC_TASKS_DLQ_URL, tasksDlq.getQueueUrl(),
                EnvVars.GITHUB_API_URL, parameters.apiUrl.getValueAsString(),
                EnvVars.GITHUB_APP_ID, parameters.appId.getValueAsString(),
                EnvVars.GITHUB_APP_CLIENT_ID, parameters.appClientId.getValueAsString(),
                EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, secrets.privateKey(),
                EnvVars.AUTOSYNC_SYNC_INTERVAL, parameters.syncInterval.getValueAsString(),
                EnvVars.AUTOSYNC_FULL_SYNC_HOURS, parameters.fullSyncHours.getValueAsString(),
                EnvVars.SYNC_BRANCHES, parameters.syncBranches.getValueAsString(),
                EnvVars.SYNC_LOOKBACK_DAYS, parameters.lookbackDays.getValueAsString(),
                EnvVars.SYNC_TASK_CONCURRENCY, parameters.tasksConcurrency.getValueAsString(),
                EnvVars.SYNC_START_DATE, parameters.startDate.getValueAsString(),
                EnvVars.RETAIN_DATA_ON_UNINSTALL, parameters.retainData.getValueAsString());
        Alias sync = functions.add("Sync", "dev.autosync.sync.SyncScheduleHandler::handleRequest",
                "Starts each periodic sync run on the schedule - records its periodic_sync job and queues its task.",
                60, false, syncEnv).alias();
        Alias syncTasks = functions.add("SyncTasks", "dev.autosync.sync.SyncTaskHandler::handleRequest",
                "Runs sync tasks (imports, repository and installation syncs, periodic runs) from the sync-tasks queue.",
                300, false, syncEnv).alias();
        for (Alias alias : List.of(sync, syncTasks)) {
            tableAccess(alias, STORE_ACTIONS);
            sendTo(alias, tasks);
            // Replay jobs queue archived deliveries; redrive jobs move dead letters back to their source.
            sendTo(alias, events);
            alias.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"))
                    .resources(List.of(eventsDlq.getQueueArn(), tasksDlq.getQueueArn()))
                    .build());
            secrets.grantRead(alias, secrets.privateKey());
        }
        // One task per invocation (a task may use most of its 300 s); at most SyncTasksMaxConcurrency at
        // once, bounded by GitHub's secondary rate limits. MaximumConcurrency, unlike reserved concurrency,
        // leaves excess messages unreceived (no receives counted towards the DLQ) and needs no quota.
        eventSource(syncTasks, tasks, "SyncTasksEvents", SqsEventSourceProps.builder()
                .batchSize(1)
                .reportBatchItemFailures(true)
                .maxConcurrency(parameters.tasksConcurrency.getValueAsNumber())
                .build());
        functions.all().forEach((name, deployed) -> aliases.put(name, deployed.alias()));

        // ---- The periodic sync: EventBridge → the sync function's alias. EventBridge retries delivery
        // (throttling, service errors) up to 4 times within 10 minutes; what still fails lands in a DLQ.
        // A retry carries the same event time, from which the job id derives, so it never starts a second run.
        CfnCondition everyMinute = CfnCondition.Builder.create(this, "SyncEveryMinute")
                .expression(Fn.conditionEquals(parameters.syncInterval.getValueAsString(), "1")).build();
        String rate = Token.asString(Fn.conditionIf(everyMinute.getLogicalId(), "rate(1 minute)",
                Fn.sub("rate(${SyncIntervalMinutes} minutes)")));
        this.scheduleDlq = new Queue(this, "ScheduleDeadLetterQueue", QueueProps.builder()
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
        Nag.suppress(scheduleDlq, "AwsSolutions-SQS3", "This queue is itself a dead-letter queue: the periodic-sync rule's"
                + " target DLQ (EventBridge DeadLetterConfig), which cdk-nag does not recognise as one (it only sees SQS"
                + " redrive policies). A DLQ of a DLQ would only move the same messages one step further.");

        // ---- HTTP API (HttpEndpoints): the webhook, api and dashboard routes, access logs, throttling.
        this.httpApi = HttpEndpoints.create(this, parameters, webhook, api);

        // ---- Operations: the alarm topic, the alarms and the dashboard.
        functions.all().forEach((name, deployed) -> functionsById.put(name, deployed.function()));
        this.operations = new Operations(this, "Operations", parameters, new Operations.Watched(events, eventsDlq,
                tasks, tasksDlq, scheduleDlq, functionsById, httpApi));

        outputs(secrets);
    }

    private void outputs(Secrets secrets) {
        // The secret outputs are !If [CreateX, !Ref XSecret, !Ref XArn]: the conditional secret is referenced
        // only in the branch its own condition selects, which CloudFormation Validate's W1001 does not see
        // (cfn-lint, CfnLintTest, does). A Condition on the output would drop it exactly when an ARN is passed.
        Validations.of(this).acknowledge(Acknowledgment.builder().id("CloudFormation-Validate::W1001")
                .reason("Outputs WebhookSecret, ApiTokensSecret and PrivateKeySecret reference each created secret"
                        + " only inside Fn::If on that secret's own condition.")
                .build());
        String endpoint = httpApi.getApiEndpoint();
        output("WebhookUrl", "The URL to give the GitHub App as its webhook URL.", endpoint + WEBHOOK_PATH);
        output("ApiBaseUrl", "The api's base URL (GET /api/sync/health, ...); a bearer token from ApiTokensSecret.",
                endpoint + "/api");
        output("DashboardUrl", "The dashboard page.", endpoint + "/");
        output("CloudWatchDashboardUrl", "The CloudWatch dashboard: queues, dead letters, alarms, metrics.", Fn.sub(
                "https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}"
                        + "#dashboards:name=${AWS::StackName}"));
        output("AlarmTopicArn", "The SNS topic every alarm notifies (AlarmEmail subscribes an address; add more).",
                operations.topic().getTopicArn());
        output("WebhookSecret", "ARN of the webhook secret in use: `aws secretsmanager get-secret-value --secret-id"
                + " <it> --query SecretString --output text` prints the value to paste into the GitHub App.",
                secrets.webhook());
        output("ApiTokensSecret", "ARN of the api tokens secret in use: its SecretString is the bearer token"
                + " (comma-separated tokens when there are several).", secrets.apiTokens());
        output("PrivateKeySecret", "ARN of the App private key secret in use: `aws secretsmanager put-secret-value"
                + " --secret-id <it> --secret-string file://app.private-key.pem` stores the App's key.",
                secrets.privateKey());
    }

    private void output(String id, String description, String value) {
        CfnOutput.Builder.create(this, id).description(description).value(value).build();
    }

    /** Everything the store code does except Scan (nothing scans) and transactions (none used). */
    private static final List<String> STORE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    public Table table() {
        return storage.table();
    }

    /** The SnapStart alias of each function, by construct id (Webhook, Processor, Api, Sync, SyncTasks). */
    public Map<String, Alias> aliases() {
        return Map.copyOf(aliases);
    }

    /** Each function by id (Webhook, Processor, Api, Sync, SyncTasks). */
    public Map<String, Function> functions() {
        return Map.copyOf(functionsById);
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    /** The work queue of a {@link Queues} definition. */
    public Queue queue(QueueDefinition definition) {
        return storage.queue(definition);
    }

    /** The dead-letter queue of a {@link Queues} definition. */
    public Queue deadLetterQueue(QueueDefinition definition) {
        return storage.deadLetterQueue(definition);
    }

    /** The periodic-sync rule's dead-letter queue. */
    public Queue scheduleDeadLetterQueue() {
        return scheduleDlq;
    }

    /** The alarm topic, the alarms (by logical id) and the dashboard. */
    Operations operations() {
        return operations;
    }

    private void tableAccess(Alias alias, List<String> actions) {
        alias.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(storage.tableAndIndexArns())
                .build());
    }

    private static void sendTo(Alias alias, Queue queue) {
        alias.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .build());
    }

    /**
     * The SQS event source (its grant is the consume statement: ReceiveMessage, ChangeMessageVisibility,
     * GetQueueUrl, DeleteMessage, GetQueueAttributes on that queue only), its mapping given the spec's logical id.
     */
    private static void eventSource(Alias alias, Queue queue, String logicalId, SqsEventSourceProps props) {
        List<IConstruct> before = alias.getNode().getChildren();
        alias.addEventSource(new SqsEventSource(queue, props));
        alias.getNode().getChildren().stream()
                .filter(child -> child instanceof EventSourceMapping && !before.contains(child))
                .map(mapping -> (CfnEventSourceMapping) mapping.getNode().getDefaultChild())
                .reduce((first, second) -> {
                    throw new IllegalStateException("more than one event source mapping added");
                })
                .orElseThrow()
                .overrideLogicalId(logicalId);
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return environment;
    }
}
