package dev.autosync.deploy;

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
 * builds on endpoints that are closed ports. That construction calls nothing is {@link PrimingTest}'s to show:
 * priming runs each request path at init and drops what it throws, so a closed port would not tell.
 */
class HandlerStartupTest {

    /** Nothing listens here: a network call during construction would throw. */
    private static final String CLOSED = "http://127.0.0.1:1";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autosync-%s-AbCdEf";
    /** In a map of bad values: the variable is left out. */
    private static final String MISSING = "(missing)";

    @AfterEach
    void defaultNamespace() {
        Metrics.configure(new Env(Map.of()));
    }

    @Test
    void webhook_failsAtInitNamingEachBadVariable_andReadsNoSecretWhenComplete() {
        Map<String, String> complete = common();
        complete.put(EnvVars.GITHUB_WEBHOOK_SECRET_ARN, SECRET.formatted("webhook"));

        assertStartsOnlyWhenComplete(WebhookHandler::from, complete, Map.of(
                EnvVars.EVENTS_QUEUE_URL, MISSING,
                EnvVars.SYNC_TASKS_QUEUE_URL, "sync-tasks",
                EnvVars.GITHUB_WEBHOOK_SECRET_ARN, "autosync-webhook-secret",
                EnvVars.AUTOSYNC_METRICS_NAMESPACE, "AWS/Lambda"));
    }

    @Test
    void processor_failsAtInitNamingEachBadVariable() {
        assertStartsOnlyWhenComplete(ProcessorHandler::from, common(), Map.of(
                EnvVars.TABLE_NAME, "arn:aws:dynamodb:eu-west-1:123456789012:table/autosync",
                EnvVars.EVENTS_QUEUE_URL, MISSING,
                EnvVars.DELIVERY_LEASE_SECONDS, "two minutes",
                EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS, "a minute",
                EnvVars.RETAIN_DATA_ON_UNINSTALL, "maybe",
                EnvVars.AUTOSYNC_METRICS_NAMESPACE, "AWS/SQS"));
    }

    // Protects exact counts: a lease not longer than the function's timeout lets the ledger take a live
    // attempt over (it presumes an attempt past its lease dead), and both attempts then write the delivery.
    @Test
    void processor_whoseLeaseDoesNotOutliveItsTimeout_isRefusedAtInit_namingBoth() {
        Map<String, String> vars = common();
        vars.put(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS, "60");
        assertNotNull(ProcessorHandler.from(new Env(vars)), "the default lease (120 s) outlives 60 s");
        vars.put(EnvVars.DELIVERY_LEASE_SECONDS, "61");
        assertNotNull(ProcessorHandler.from(new Env(vars)));

        for (String lease : List.of("60", "30")) {
            vars.put(EnvVars.DELIVERY_LEASE_SECONDS, lease);
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> ProcessorHandler.from(new Env(vars)));
            assertTrue(e.getMessage().contains(EnvVars.DELIVERY_LEASE_SECONDS + " (" + lease + " s)")
                    && e.getMessage().contains(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS + " (60 s)"), e.getMessage());
        }
        vars.remove(EnvVars.DELIVERY_LEASE_SECONDS);
        vars.put(EnvVars.AUTOSYNC_FUNCTION_TIMEOUT_SECONDS, "900");
        assertThrows(ConfigurationException.class, () -> ProcessorHandler.from(new Env(vars)), "nor the default lease");
    }

    @Test
    void api_failsAtInitNamingEachBadVariable_andReadsNoSecretWhenComplete() {
        Map<String, String> complete = common();
        complete.put(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, SECRET.formatted("api"));
        complete.put(EnvVars.EVENTS_DLQ_URL, CLOSED + "/123456789012/events-dlq");

        assertStartsOnlyWhenComplete(ApiHandler::from, complete, Map.of(
                EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, "autosync-api-tokens",
                EnvVars.TABLE_NAME, MISSING,
                EnvVars.EVENTS_DLQ_URL, "events-dlq",
                EnvVars.AUTOSYNC_CURSOR_KEY, "too-short",
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "sometimes",
                EnvVars.AUTOSYNC_METRICS_NAMESPACE, "x".repeat(256)));
    }

    @Test
    void syncSchedule_andSyncTasks_failAtInitNamingEachBadVariable_andReadNoKeyWhenComplete() {
        Map<String, String> complete = common();
        complete.put(EnvVars.GITHUB_APP_ID, "123456");
        complete.put(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, SECRET.formatted("key"));
        Map<String, String> bad = Map.of(
                EnvVars.GITHUB_APP_ID, "autosync-app",
                EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, "the-key",
                EnvVars.GITHUB_API_URL, "api.github.com",
                EnvVars.SYNC_TASKS_QUEUE_URL, MISSING,
                EnvVars.SYNC_TASK_CONCURRENCY, "0",
                EnvVars.SYNC_START_DATE, "last year",
                EnvVars.AUTOSYNC_FULL_SYNC_HOURS, "-1",
                EnvVars.AUTOSYNC_METRICS_NAMESPACE, "AWS/Events");

        assertStartsOnlyWhenComplete(SyncScheduleHandler::from, complete, bad);
        assertStartsOnlyWhenComplete(SyncTaskHandler::from, complete, bad);
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

    /**
     * The handler builds from {@code complete}; and with each variable of {@code bad} removed ({@link #MISSING})
     * or set to its value, construction fails naming that variable.
     */
    private static void assertStartsOnlyWhenComplete(Function<Env, ?> handler, Map<String, String> complete,
                                                     Map<String, String> bad) {
        assertNotNull(handler.apply(new Env(complete)));
        bad.forEach((variable, value) -> {
            Map<String, String> vars = new HashMap<>(complete);
            if (MISSING.equals(value)) {
                vars.remove(variable);
            } else {
                vars.put(variable, value);
            }
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> handler.apply(new Env(vars)),
                    variable + "=" + value);
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        });
    }
}
