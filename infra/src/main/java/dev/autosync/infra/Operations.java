package dev.autosync.infra;

import dev.autosync.common.MetricNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.CfnDashboard;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.Stats;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.CfnTopic;
import software.amazon.awscdk.services.sns.CfnTopicPolicy;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicPolicy;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What an operator watches: the alarm topic (and its optional email subscription), the 19 alarms of issue 9's
 * spec and the dashboard, whose body is {@value #DASHBOARD_RESOURCE} with its {@code ${...}} variables
 * filled in by {@code Fn::Sub} ({@code template.yaml} embeds the same text). Every resource here carries the
 * spec's logical id, so the SAM parity test and an operator find it by the same name in both templates.
 */
final class Operations extends Construct {

    /** The dashboard body, a classpath resource (infra/src/main/resources). */
    static final String DASHBOARD_RESOURCE = "/dashboard.json";

    /** What the operations need from the stack. */
    record Watched(IQueue eventsQueue, IQueue eventsDlq, IQueue syncTasksQueue, IQueue syncTasksDlq,
            IQueue scheduleDlq, Map<String, Function> functions, HttpApi httpApi) {
    }

    private final Topic topic;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    Operations(Construct scope, String id, Parameters parameters, Watched watched) {
        super(scope, id);
        // No KMS: CloudWatch cannot publish to a topic encrypted with the AWS managed key (its key policy
        // admits no service principal), and a customer key for alarm texts would cost more than it protects.
        topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("autosync alarms")
                .enforceSsl(true)
                .build();
        ((CfnTopic) topic.getNode().getDefaultChild()).overrideLogicalId("AlarmTopic");
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                // Only this account's alarms (confused-deputy guard).
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        TopicPolicy policy = (TopicPolicy) topic.getNode().findChild("Policy");
        ((CfnTopicPolicy) policy.getNode().getDefaultChild()).overrideLogicalId("AlarmTopicPolicy");
        Nag.suppress(topic, "AwsSolutions-SNS2", "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key alias/aws/sns"
                        + " (its key policy cannot grant cloudwatch.amazonaws.com kms:GenerateDataKey), so SSE would"
                        + " silence every alarm. The messages hold alarm names and states only, no data; publishing is"
                        + " TLS-only (topic policy) and limited to this account's CloudWatch.");

        CfnSubscription email = CfnSubscription.Builder.create(this, "AlarmEmailSubscription")
                .topicArn(topic.getTopicArn())
                .protocol("email")
                .endpoint(parameters.alarmEmail.getValueAsString())
                .build();
        email.overrideLogicalId("AlarmEmailSubscription");
        email.getCfnOptions().setCondition(parameters.subscribeAlarmEmail);

        addAlarms(watched);
        dashboard(watched);
    }

    Topic topic() {
        return topic;
    }

    /** The alarms by logical id, in the spec's order. */
    Map<String, Alarm> alarms() {
        return Map.copyOf(alarms);
    }

    private void addAlarms(Watched w) {
        // Dead-letter queues: anything there was given up on; ">= 1 at any minute" is the only safe threshold.
        Map<String, IQueue> deadLetters = new LinkedHashMap<>();
        deadLetters.put("EventsDeadLetterAlarm", w.eventsDlq());
        deadLetters.put("SyncTasksDeadLetterAlarm", w.syncTasksDlq());
        deadLetters.put("ScheduleDeadLetterAlarm", w.scheduleDlq());
        String[] deadLetterAdvice = {
            "Webhook deliveries failed 5 times and wait in the events dead-letter queue (kept 14 days). Read"
                + " ProcessorLogGroup for the cause, fix it, then move them back to the events queue (SQS console:"
                + " Start DLQ redrive).",
            "Sync tasks failed 5 times and wait in the sync-tasks dead-letter queue (kept 14 days). Read"
                + " SyncTasksLogGroup and GET /api/sync/jobs?status=failed, fix the cause, then redrive them to the"
                + " sync-tasks queue; the next periodic run also re-detects what they covered.",
            "EventBridge could not start a periodic sync run after 4 retries (the message says why). Check the Sync"
                + " function's errors and throttles; the next scheduled run catches up. Delete the messages once read."};
        int i = 0;
        for (Map.Entry<String, IQueue> entry : deadLetters.entrySet()) {
            alarm(entry.getKey(), entry.getValue().metricApproximateNumberOfMessagesVisible(every(60, Stats.MAXIMUM)),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    deadLetterAdvice[i++]);
        }
        alarm("EventsQueueAgeAlarm", w.eventsQueue().metricApproximateAgeOfOldestMessage(every(60, Stats.MAXIMUM)),
                300, ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "A webhook delivery has waited over 5 minutes in the events queue: the processor is failing, throttled"
                        + " or at ProcessorMaxConcurrency. Check ProcessorErrorsAlarm, ProcessorThrottlesAlarm and"
                        + " ProcessorLogGroup; raise ProcessorMaxConcurrency if it is only busy.");
        // Lateness past a task's due time only: a deliberate rate-limit wait moves the due time (MetricNames).
        alarm("SyncTasksOverdueAlarm", custom(MetricNames.SYNC_TASK_DELAY, Map.of(), 300, Stats.MAXIMUM),
                900, ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "A sync task started over 15 minutes after it was due: the sync-tasks consumer is behind. Check"
                        + " SyncTasksErrorsAlarm and SyncTasksThrottlesAlarm, the GitHub rate limit on the dashboard, and"
                        + " raise SyncTasksMaxConcurrency if GitHub's limits allow.");
        alarm("SyncJobFailedAlarm", custom(MetricNames.SYNC_JOBS,
                Map.of(MetricNames.STATUS, MetricNames.STATUS_FAILED), 300, Stats.SUM),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "A sync job failed. GET /api/sync/jobs?status=failed names it and its error; SyncTasksLogGroup has the"
                        + " details. A private key still holding its placeholder fails every job: put the PEM into"
                        + " PrivateKeySecret.");
        // Missing data is breaching: no periodic job at all for an hour is exactly what this alarm is for.
        alarm("PeriodicSyncMissingAlarm", custom(MetricNames.SYNC_JOBS,
                Map.of(MetricNames.TYPE, MetricNames.TYPE_PERIODIC_SYNC), 3600, Stats.SUM),
                1, ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.BREACHING,
                "No periodic sync run finished in the last hour. Check ScheduleDeadLetterAlarm, SyncErrorsAlarm,"
                        + " the Sync and SyncTasks log groups, and GET /api/sync/health.");
        alarm("SignatureFailuresAlarm", custom(MetricNames.SIGNATURE_FAILURES, Map.of(), 300, Stats.SUM),
                10, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "10 or more webhook requests in 5 minutes had no valid signature. If GitHub's Recent Deliveries shows"
                        + " 401s, the App's webhook secret and WebhookSecret differ (a half-done rotation): make them"
                        + " equal. Otherwise someone is probing the webhook URL; the stage throttling bounds the cost.");
        alarm("GitHubRateLimitLowAlarm", custom(MetricNames.GITHUB_RATE_LIMIT_REMAINING_PERCENT,
                Map.of(MetricNames.RESOURCE, MetricNames.RESOURCE_CORE), 300, Stats.MINIMUM),
                10, ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "An installation has under 10 % of GitHub's core rate limit left; its syncs wait for the reset. If it"
                        + " recurs, lower SyncTasksMaxConcurrency or raise SyncIntervalMinutes or FullSyncHours.");
        // Any error or throttle: the functions retry or answer 5xx themselves, so each one is worth a look.
        w.functions().forEach((id, function) -> {
            alarm(id + "ErrorsAlarm", function.metricErrors(every(300, Stats.SUM)),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    "The " + id + " function failed an invocation (exception, timeout or crash). " + id + "LogGroup has"
                            + " the error: filter its JSON lines on level ERROR around the alarm's time.");
            alarm(id + "ThrottlesAlarm", function.metricThrottles(every(300, Stats.SUM)),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    "Lambda throttled the " + id + " function: the account's concurrent executions are used up. See"
                            + " ConcurrentExecutions on the dashboard; ask for a higher Lambda concurrency quota or lower"
                            + " ProcessorMaxConcurrency and SyncTasksMaxConcurrency.");
        });
    }

    private void alarm(String logicalId, IMetric metric, double threshold, ComparisonOperator comparison,
            TreatMissingData missing, String description) {
        Alarm alarm = new Alarm(this, logicalId, AlarmProps.builder()
                .metric(metric)
                .evaluationPeriods(1)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .treatMissingData(missing)
                .alarmDescription(description)
                .build());
        ((CfnAlarm) alarm.getNode().getDefaultChild()).overrideLogicalId(logicalId);
        // OK too: the operator learns when it is over without opening the console.
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.put(logicalId, alarm);
    }

    /** A metric the functions emit, in the stack's namespace (AUTOSYNC_METRICS_NAMESPACE). */
    private static Metric custom(String name, Map<String, String> dimensions, int periodSeconds, String statistic) {
        return new Metric(MetricProps.builder()
                .namespace(Aws.STACK_NAME)
                .metricName(name)
                .dimensionsMap(dimensions)
                .period(Duration.seconds(periodSeconds))
                .statistic(statistic)
                .build());
    }

    private static MetricOptions every(int periodSeconds, String statistic) {
        return MetricOptions.builder().period(Duration.seconds(periodSeconds)).statistic(statistic).build();
    }

    private void dashboard(Watched w) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("Namespace", Aws.STACK_NAME);
        variables.put("Region", Aws.REGION);
        variables.put("ApiId", w.httpApi().getApiId());
        variables.put("EventsQueueName", w.eventsQueue().getQueueName());
        variables.put("EventsDlqName", w.eventsDlq().getQueueName());
        variables.put("SyncTasksQueueName", w.syncTasksQueue().getQueueName());
        variables.put("SyncTasksDlqName", w.syncTasksDlq().getQueueName());
        variables.put("ScheduleDlqName", w.scheduleDlq().getQueueName());
        w.functions().forEach((id, function) -> variables.put(id + "FunctionName", function.getFunctionName()));
        alarms.forEach((id, alarm) -> variables.put(id + "Arn", alarm.getAlarmArn()));
        CfnDashboard dashboard = CfnDashboard.Builder.create(this, "Dashboard")
                .dashboardName(Aws.STACK_NAME)
                .dashboardBody(Fn.sub(dashboardBody(), variables))
                .build();
        dashboard.overrideLogicalId("Dashboard");
    }

    /** The text of {@value #DASHBOARD_RESOURCE}, unchanged. */
    static String dashboardBody() {
        try (InputStream in = Operations.class.getResourceAsStream(DASHBOARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + DASHBOARD_RESOURCE + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
