package dev.autosync.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.api.ApiHandler;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Metrics;
import dev.autosync.processing.ProcessorHandler;
import dev.autosync.sync.SyncScheduleHandler;
import dev.autosync.sync.SyncTaskHandler;
import dev.autosync.webhook.WebhookHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart start-up of every handler, as Lambda constructs it ({@code from(Env)} is what the public no-arg
 * constructor runs on the process environment): the whole configuration is checked at init, so a wrong deploy
 * fails when the version is published, with a message naming each bad variable; and a complete configuration
 * builds without calling anything — every AWS endpoint here is a closed port, so a call at init would fail it.
 */
class HandlerStartupTest {

    /** Nothing listens here: a network call during construction would throw. */
    private static final String CLOSED = "http://127.0.0.1:1";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autosync-%s-AbCdEf";

    @AfterEach
    void defaultNamespace() {
        Metrics.configure(new Env(Map.of()));
    }

    @Test
    void webhook_failsAtInitNamingEachBadVariable_andReadsNoSecretWhenComplete() {
        Map<String, String> complete = common();
        complete.put(EnvVars.GITHUB_WEBHOOK_SECRET_ARN, SECRET.formatted("webhook"));

        assertNotNull(WebhookHandler.from(new Env(complete)));
        assertNamed(WebhookHandler::from, complete, EnvVars.EVENTS_QUEUE_URL, null);
        assertNamed(WebhookHandler::from, complete, EnvVars.SYNC_TASKS_QUEUE_URL, "sync-tasks");
        assertNamed(WebhookHandler::from, complete, EnvVars.GITHUB_WEBHOOK_SECRET_ARN, "autosync-webhook-secret");
        assertNamed(WebhookHandler::from, complete, EnvVars.AUTOSYNC_METRICS_NAMESPACE, "AWS/Lambda");
    }

    @Test
    void processor_failsAtInitNamingEachBadVariable() {
        Map<String, String> complete = common();

        assertNotNull(ProcessorHandler.from(new Env(complete)));
        assertNamed(ProcessorHandler::from, complete, EnvVars.TABLE_NAME, null);
        assertNamed(ProcessorHandler::from, complete, EnvVars.TABLE_NAME, "arn:aws:dynamodb:eu-west-1:123456789012:table/autosync");
        assertNamed(ProcessorHandler::from, complete, EnvVars.DELIVERY_LEASE_SECONDS, "two minutes");
        assertNamed(ProcessorHandler::from, complete, EnvVars.RETAIN_DATA_ON_UNINSTALL, "maybe");
        assertNamed(ProcessorHandler::from, complete, EnvVars.AUTOSYNC_METRICS_NAMESPACE, "AWS/SQS");
    }

    @Test
    void api_failsAtInitNamingEachBadVariable_andReadsNoSecretWhenComplete() {
        Map<String, String> complete = common();
        complete.put(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, SECRET.formatted("api"));
        complete.put(EnvVars.EVENTS_DLQ_URL, CLOSED + "/123456789012/events-dlq");

        assertNotNull(ApiHandler.from(new Env(complete)));
        assertNamed(ApiHandler::from, complete, EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, null);
        assertNamed(ApiHandler::from, complete, EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, "autosync-api-tokens");
        assertNamed(ApiHandler::from, complete, EnvVars.EVENTS_DLQ_URL, "events-dlq");
        assertNamed(ApiHandler::from, complete, EnvVars.AUTOSYNC_CURSOR_KEY, "too-short");
        assertNamed(ApiHandler::from, complete, EnvVars.AUTOSYNC_SYNC_INTERVAL, "sometimes");
        assertNamed(ApiHandler::from, complete, EnvVars.AUTOSYNC_METRICS_NAMESPACE, " ".repeat(3) + "x".repeat(256));
    }

    @Test
    void syncSchedule_andSyncTasks_failAtInitNamingEachBadVariable_andReadNoKeyWhenComplete() {
        Map<String, String> complete = common();
        complete.put(EnvVars.GITHUB_APP_ID, "123456");
        complete.put(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, SECRET.formatted("key"));

        for (Function<Env, ?> handler : List.<Function<Env, ?>>of(SyncScheduleHandler::from, SyncTaskHandler::from)) {
            assertNotNull(handler.apply(new Env(complete)));
            assertNamed(handler, complete, EnvVars.GITHUB_APP_ID, null);
            assertNamed(handler, complete, EnvVars.GITHUB_APP_ID, "autosync-app");
            assertNamed(handler, complete, EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, "the-key");
            assertNamed(handler, complete, EnvVars.GITHUB_API_URL, "api.github.com");
            assertNamed(handler, complete, EnvVars.SYNC_TASK_CONCURRENCY, "0");
            assertNamed(handler, complete, EnvVars.SYNC_START_DATE, "last year");
            assertNamed(handler, complete, EnvVars.AUTOSYNC_FULL_SYNC_HOURS, "-1");
            assertNamed(handler, complete, EnvVars.AUTOSYNC_METRICS_NAMESPACE, "AWS/Events");
        }
    }

    /** Every function's resources, on stand-in endpoints that are closed. */
    private static Map<String, String> common() {
        Map<String, String> vars = new HashMap<>();
        vars.put(EnvVars.TABLE_NAME, "staging-autosync");
        vars.put(EnvVars.EVENTS_QUEUE_URL, CLOSED + "/123456789012/events");
        vars.put(EnvVars.SYNC_TASKS_QUEUE_URL, CLOSED + "/123456789012/sync-tasks");
        vars.put(EnvVars.AWS_ENDPOINT_URL, CLOSED);
        vars.put(EnvVars.AWS_REGION, "eu-west-1");
        vars.put(EnvVars.AUTOSYNC_METRICS_NAMESPACE, "staging");
        return vars;
    }

    /** Construction with {@code variable} removed ({@code value} null) or set to {@code value} fails naming it. */
    private static void assertNamed(Function<Env, ?> handler, Map<String, String> complete, String variable, String value) {
        Map<String, String> vars = new HashMap<>(complete);
        if (value == null) {
            vars.remove(variable);
        } else {
            vars.put(variable, value);
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> handler.apply(new Env(vars)),
                variable + "=" + value);
        assertTrue(e.getMessage().contains(variable), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }
}
