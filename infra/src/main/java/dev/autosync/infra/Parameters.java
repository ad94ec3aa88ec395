package dev.autosync.infra;

import java.util.List;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;

/**
 * The stack's parameters and the conditions derived from them: the same names, defaults and constraints as
 * {@code template.yaml}'s (issue 9's spec), so one set of deploy instructions fits both. Created directly in
 * the stack's scope, so each logical id is the parameter's name.
 */
final class Parameters {

    /**
     * A complete secret ARN, with the 6-character suffix Secrets Manager appends (a partial ARN would not match
     * the IAM grant), or empty.
     */
    static final String SECRET_ARN_PATTERN =
            "^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6})?$";
    static final String KMS_KEY_ARN_PATTERN = "^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)?$";
    static final String EMAIL_PATTERN = "^([^@\\s]+@[^@\\s]+\\.[^@\\s]+)?$";
    /** Every retention CloudWatch Logs accepts (PutRetentionPolicy), in days. */
    static final List<String> LOG_RETENTION_DAYS = List.of("1", "3", "5", "7", "14", "30", "60", "90", "120",
            "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653");

    final CfnParameter webhookSecretArn;
    final CfnParameter apiTokensSecretArn;
    final CfnParameter appId;
    final CfnParameter appClientId;
    final CfnParameter privateKeyArn;
    final CfnParameter secretsKmsKeyArn;
    final CfnParameter apiUrl;
    final CfnParameter syncInterval;
    final CfnParameter fullSyncHours;
    final CfnParameter syncBranches;
    final CfnParameter lookbackDays;
    final CfnParameter startDate;
    final CfnParameter tasksConcurrency;
    final CfnParameter processorConcurrency;
    final CfnParameter archiveDays;
    final CfnParameter retainData;
    final CfnParameter throttleRate;
    final CfnParameter throttleBurst;
    final CfnParameter logRetentionDays;
    final CfnParameter alarmEmail;

    final CfnCondition createWebhookSecret;
    final CfnCondition createApiTokensSecret;
    final CfnCondition createPrivateKeySecret;
    final CfnCondition useSecretsKmsKey;
    final CfnCondition subscribeAlarmEmail;

    Parameters(Stack stack) {
        webhookSecretArn = string(stack, "WebhookSecretArn", "", SECRET_ARN_PATTERN, "Optional: the complete Secrets"
                + " Manager ARN (with its 6-character suffix) of the GitHub webhook secret. SecretString is the secret"
                + " itself, or {\"current\": \"<secret>\", \"previous\": \"<secret>\"} while a rotation is under way."
                + " Empty: the stack creates the secret with a generated value (output WebhookSecret).");
        apiTokensSecretArn = string(stack, "ApiTokensSecretArn", "", SECRET_ARN_PATTERN, "Optional: the complete"
                + " Secrets Manager ARN of the api's bearer tokens: comma-separated tokens, or JSON {\"tokens\":"
                + " [\"<token>\", ...], \"cursor_key\": \"<at least 32 random characters>\"}. Empty: the stack creates"
                + " the secret holding one generated token (output ApiTokensSecret).");
        appId = string(stack, "GitHubAppId", null, "^[0-9]+$",
                "The GitHub App's numeric App ID (its settings page, \"About\").");
        appClientId = string(stack, "GitHubAppClientId", "", null, "Optional: the App's client ID (Iv1... or"
                + " Iv23...). When set it is the issuer of the App's JWTs, as GitHub recommends; otherwise the App ID is.");
        privateKeyArn = string(stack, "GitHubAppPrivateKeyArn", "", SECRET_ARN_PATTERN, "Optional: the complete"
                + " Secrets Manager ARN of the GitHub App's private key: SecretString is the PEM text as GitHub downloads"
                + " it. Only the sync functions may read it. Empty: the stack creates the secret with a placeholder;"
                + " put the PEM into it (output PrivateKeySecret) with `aws secretsmanager put-secret-value`.");
        secretsKmsKeyArn = string(stack, "SecretsKmsKeyArn", "", KMS_KEY_ARN_PATTERN, "Optional: the ARN of the"
                + " customer managed KMS key the secrets are encrypted with. Set: the secrets the stack creates use it,"
                + " and the functions reading secrets may kms:Decrypt with it through Secrets Manager only. Empty: the"
                + " AWS managed key aws/secretsmanager.");
        apiUrl = string(stack, "GitHubApiUrl", "https://api.github.com", "^https?://.+",
                "GitHub's REST API root; change it for GitHub Enterprise Server (https://<host>/api/v3).");
        syncInterval = number(stack, "SyncIntervalMinutes", 15, 1, 60, "Minutes between periodic sync runs: the"
                + " schedule's rate, and the interval the api's health check judges coverage by (AUTOSYNC_SYNC_INTERVAL)."
                + " At most 60: the alarm PeriodicSyncMissingAlarm expects a completed periodic run every hour.");
        fullSyncHours = number(stack, "FullSyncHours", 24, 1, null,
                "Hours between full reconciliations, which re-read every repository.");
        syncBranches = string(stack, "SyncBranches", "", null,
                "Branches synced besides each repository's default branch, comma-separated (default none).");
        lookbackDays = number(stack, "SyncLookbackDays", 90, 1, null,
                "How far back a repository's first import reads commits, issues and pull requests, in days.");
        startDate = string(stack, "SyncStartDate", "", "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
                "Optional fixed start date (yyyy-MM-dd, UTC) for first imports instead of SyncLookbackDays.");
        tasksConcurrency = number(stack, "SyncTasksMaxConcurrency", 5, 2, 50,
                "Most sync tasks running at once (the sync-tasks event source's MaximumConcurrency).");
        processorConcurrency = number(stack, "ProcessorMaxConcurrency", 10, 2, 1000, "Most processor invocations"
                + " running at once (the events event source's MaximumConcurrency): bounds the table's write rate"
                + " without reserved concurrency, which accounts with a concurrency quota of 10 cannot grant.");
        archiveDays = number(stack, "ArchiveDays", 30, 0, 365, "Days every accepted delivery's payload is archived"
                + " (gzip, in the table, DynamoDB TTL) for inspection and replay; 0 keeps none.");
        retainData = CfnParameter.Builder.create(stack, "RetainDataOnUninstall").type("String")
                .defaultValue("false").allowedValues(List.of("true", "false"))
                .description("true keeps an uninstalled installation's data, marked uninstalled; false deletes it.")
                .build();
        throttleRate = number(stack, "ApiThrottleRateLimit", 50, 1, null, "Steady requests per second the HTTP"
                + " API's default stage accepts (all routes together). Safe for webhooks: GitHub records a 429 as a"
                + " failed delivery, and the periodic sync's redelivery step asks for it again.");
        throttleBurst = number(stack, "ApiThrottleBurstLimit", 100, 1, null,
                "Burst of requests the HTTP API's default stage accepts above the rate (ApiThrottleRateLimit).");
        logRetentionDays = CfnParameter.Builder.create(stack, "LogRetentionDays").type("Number")
                .defaultValue("30").allowedValues(LOG_RETENTION_DAYS)
                .description("Days CloudWatch Logs keeps every log group of the stack (functions and API access logs).")
                .build();
        alarmEmail = string(stack, "AlarmEmail", "", EMAIL_PATTERN, "Optional: an email address subscribed to the"
                + " alarm topic (AlarmTopicArn); AWS sends it a confirmation link first. Empty: subscribe yourself.");

        // aws-cdk-lib's CloudFormation Validate takes "Secret"/"Key" in a name for a password (W2509). These
        // hold ARNs, which are not secret; NoEcho would only hide from operators which secret is in use.
        Validations.of(stack).acknowledge(Acknowledgment.builder().id("CloudFormation-Validate::W2509")
                .reason("WebhookSecretArn, ApiTokensSecretArn and GitHubAppPrivateKeyArn hold ARNs, not secret values;"
                        + " NoEcho would mask them in the console and describe-stacks for no protection.")
                .build());

        createWebhookSecret = ifEmpty(stack, "CreateWebhookSecret", webhookSecretArn);
        createApiTokensSecret = ifEmpty(stack, "CreateApiTokensSecret", apiTokensSecretArn);
        createPrivateKeySecret = ifEmpty(stack, "CreatePrivateKeySecret", privateKeyArn);
        useSecretsKmsKey = ifSet(stack, "UseSecretsKmsKey", secretsKmsKeyArn);
        subscribeAlarmEmail = ifSet(stack, "SubscribeAlarmEmail", alarmEmail);
    }

    private static CfnParameter string(Stack stack, String name, String defaultValue, String pattern,
            String description) {
        CfnParameter.Builder builder = CfnParameter.Builder.create(stack, name).type("String").description(description);
        if (defaultValue != null) {
            builder.defaultValue(defaultValue);
        }
        if (pattern != null) {
            builder.allowedPattern(pattern);
        }
        return builder.build();
    }

    private static CfnParameter number(Stack stack, String name, int defaultValue, int min, Integer max,
            String description) {
        CfnParameter.Builder builder = CfnParameter.Builder.create(stack, name).type("Number")
                .defaultValue(defaultValue).minValue(min).description(description);
        if (max != null) {
            builder.maxValue(max);
        }
        return builder.build();
    }

    private static CfnCondition ifEmpty(Stack stack, String name, CfnParameter parameter) {
        return CfnCondition.Builder.create(stack, name)
                .expression(Fn.conditionEquals(parameter.getValueAsString(), "")).build();
    }

    private static CfnCondition ifSet(Stack stack, String name, CfnParameter parameter) {
        return CfnCondition.Builder.create(stack, name)
                .expression(Fn.conditionNot(Fn.conditionEquals(parameter.getValueAsString(), ""))).build();
    }
}
