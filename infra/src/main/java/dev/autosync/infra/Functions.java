package dev.autosync.infra;

import dev.autosync.common.EnvVars;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;

/**
 * Makes the five functions alike: java21 on arm64, 1,024 MB, SnapStart behind the {@value AutosyncStack#ALIAS}
 * alias, JSON logging into a log group of their own with the stack's retention, and the environment every
 * function shares. Everything is created in the stack's own scope (stable logical ids).
 */
final class Functions {

    /** Not in {@link EnvVars}: the JVM reads it, not our code. */
    static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    /**
     * C1 only: a handler's short invocations rarely run long enough for C2's compile time to pay off, and
     * C1 compiles sooner after a start or restore; AWS's advice for Java cold starts (issue 9).
     */
    static final String FAST_START_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /** One function as deployed: the function, the alias everything invokes, its log group. */
    record Deployed(Function function, Alias alias, LogGroup logGroup) {
    }

    private final Stack stack;
    private final Code code;
    private final Parameters parameters;
    private final Map<String, Deployed> deployed = new LinkedHashMap<>();

    Functions(Stack stack, Code code, Parameters parameters) {
        this.stack = stack;
        this.code = code;
        this.parameters = parameters;
    }

    /**
     * A function {@code <id>Function} with its alias {@code <id>Alias} and log group {@code <id>LogGroup}.
     *
     * @param traced X-Ray active tracing: only for the synchronous paths (webhook, api), where a request's
     *               restore and DynamoDB/SQS latency matter; the asynchronous ones are measured by queue age
     */
    Deployed add(String id, String handler, String description, int timeoutSeconds, boolean traced,
            Map<String, String> environment) {
        // Name left to CloudFormation (two stacks coexist); deleted with the stack: logs are not the data.
        LogGroup logGroup = new LogGroup(stack, id + "LogGroup", LogGroupProps.builder()
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        retainFor(logGroup, parameters);
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).overrideLogicalId(id + "LogGroup");

        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put(JAVA_TOOL_OPTIONS, FAST_START_OPTIONS);
        // The stack's name: two stacks in one account (staging, production) never mix metrics or alarms.
        variables.put(EnvVars.AUTOSYNC_METRICS_NAMESPACE, Aws.STACK_NAME);

        Function function = Function.Builder.create(stack, id + "Function")
                .code(code)
                .handler(handler)
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .memorySize(1024)
                .timeout(Duration.seconds(timeoutSeconds))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(variables)
                // The functions print JSON lines themselves, which Lambda passes through unchanged; JSON makes
                // Lambda's own lines (START, REPORT, restore) JSON too, so one Logs Insights query reads all.
                .loggingFormat(LoggingFormat.JSON)
                .logGroup(logGroup)
                .tracing(traced ? Tracing.ACTIVE : Tracing.DISABLED)
                .build();
        Alias alias = Alias.Builder.create(stack, id + "Alias")
                .aliasName(AutosyncStack.ALIAS)
                .version(function.getCurrentVersion())
                .build();
        // The alias publishes a version on every code or configuration change: SnapStart applies.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "every function is invoked through its alias on a published version");
        suppressions(function, traced);
        Deployed result = new Deployed(function, alias, logGroup);
        deployed.put(id, result);
        return result;
    }

    /** Every function added, by id (Webhook, Processor, Api, Sync, SyncTasks), in the order added. */
    Map<String, Deployed> all() {
        return deployed;
    }

    /** RetentionInDays from the LogRetentionDays parameter (the L2 takes only its enum). */
    static void retainFor(LogGroup logGroup, Parameters parameters) {
        ((CfnLogGroup) logGroup.getNode().getDefaultChild())
                .setRetentionInDays(parameters.logRetentionDays.getValueAsNumber());
    }

    private static void suppressions(Function function, boolean traced) {
        Nag.suppress(function, "AwsSolutions-L1", "java21 is the newest Java LTS the functions are built and tested"
                + " for (the parent pom's release, template.yaml's Runtime); it is a supported Lambda runtime with"
                + " SnapStart on arm64 and no deprecation date announced. Moving to a newer Java runtime is a"
                + " deliberate upgrade of build, tests and both templates together.");
        Nag.suppressOnly(function.getRole(), "AwsSolutions-IAM4",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup, logs:CreateLogStream and"
                        + " logs:PutLogEvents, which every function needs to write its own logs; it is the AWS-maintained"
                        + " minimum for Lambda, gives no data access, and is what SAM attaches to template.yaml's"
                        + " functions too.");
        if (traced) {
            Nag.suppressOnly(function.getRole(), "AwsSolutions-IAM5", "Resource::*", "xray:PutTraceSegments and"
                    + " xray:PutTelemetryRecords support no resource-level permissions (the X-Ray service authorization"
                    + " reference lists none), so Resource must be \"*\"; they only write trace data."
                    + " AutosyncStackTest fails on any other statement with \"*\".");
        }
    }
}
