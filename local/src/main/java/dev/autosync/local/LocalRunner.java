package dev.autosync.local;

import dev.autosync.api.ApiHandler;
import dev.autosync.api.ApiTokens;
import dev.autosync.api.ApiWiring;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.standins.AwsBackend;
import dev.autosync.processing.ProcessorHandler;
import dev.autosync.webhook.WebhookHandler;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -pl local exec:java}: the whole system on this machine. Starts the stand-ins, provisions
 * the table and queues, serves the HTTP API on {@code AUTOSYNC_PORT} (default 3000) and prints one line
 * containing {@code ready} with the URLs, the webhook secret, the API token ({@code AUTOSYNC_API_TOKENS},
 * generated when unset) and the stand-ins' endpoints. Ctrl-C stops everything.
 */
public final class LocalRunner implements AutoCloseable {

    static final int DEFAULT_PORT = 3000;
    static final String WEBHOOK_PATH = "/api/github/webhook";
    static final String API_PATH = "/api";
    /** Shorter than Lambda's 20 s long poll, so the runner stops within seconds. */
    static final int POLL_WAIT_SECONDS = 2;

    private final AwsBackend backend;
    private final DemoGitHub github;
    private final LocalGateway gateway;
    private final List<EventSource> sources;
    private final Map<String, String> environment;

    private LocalRunner(AwsBackend backend, DemoGitHub github, LocalGateway gateway, List<EventSource> sources,
                        Map<String, String> environment) {
        this.backend = backend;
        this.github = github;
        this.gateway = gateway;
        this.sources = sources;
        this.environment = environment;
    }

    public static void main(String[] args) throws InterruptedException {
        LocalRunner runner;
        try {
            runner = start(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("autosync local: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "autosync-local-stop"));
        System.out.println(runner.readyLine());
        stopped.await();
    }

    /** Starts everything with {@code processEnv} as the functions' base environment. */
    public static LocalRunner start(Map<String, String> processEnv) {
        int port = port(processEnv);
        AwsBackend backend = AwsBackend.startConfigured();
        DemoGitHub github = DemoGitHub.start();
        LocalGateway gateway = null;
        List<EventSource> started = List.of();
        try {
            AwsClients clients = AwsClients.local(backend.dynamoDbEndpoint(), backend.sqsEndpoint());
            Resources resources;
            try (var dynamoDb = clients.dynamoDb(); var sqs = clients.sqs()) {
                resources = new Provisioner(dynamoDb, sqs).provision("");
            }
            Map<String, String> vars = new HashMap<>(processEnv);
            vars.putAll(github.environment());
            vars.putAll(resources.asEnvironment());
            vars.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, backend.dynamoDbEndpoint().toString());
            vars.put(EnvVars.AWS_ENDPOINT_URL_SQS, backend.sqsEndpoint().toString());
            vars.put(EnvVars.AWS_REGION, backend.region());
            vars.remove(EnvVars.GITHUB_WEBHOOK_SECRET_ARN);
            vars.computeIfAbsent(EnvVars.GITHUB_WEBHOOK_SECRET, name -> generatedSecret());
            vars.remove(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN);
            vars.computeIfAbsent(EnvVars.AUTOSYNC_API_TOKENS, name -> ApiTokens.generate());
            vars.computeIfAbsent(EnvVars.AUTOSYNC_CURSOR_KEY, name -> ApiTokens.generate());
            Env env = new Env(vars);

            WebhookHandler webhook = WebhookHandler.from(env);
            ApiHandler api = ApiWiring.from(new Env(vars)).handler();
            // One line per route and per event source; later functions join here. First match wins.
            List<Route> routes = List.of(
                    Route.exact(Route.ANY, WEBHOOK_PATH, event -> webhook.handleRequest(event, null)),
                    Route.exact(Route.ANY, "/", event -> api.handleRequest(event, null)),
                    Route.prefix(Route.ANY, API_PATH, event -> api.handleRequest(event, null)));
            List<EventSource> sources = List.of(
                    new SqsPoller(clients.sqs(), resources.eventsQueueUrl(), ProcessorHandler.from(env),
                            POLL_WAIT_SECONDS));

            boolean demoData = env.flag(EnvVars.AUTOSYNC_DEMO_DATA, true);
            env.validate();
            gateway = new LocalGateway(port, routes);
            gateway.start();
            started = sources;
            sources.forEach(EventSource::start);
            if (demoData) {
                // GITHUB_WEBHOOK_SECRET may be "current,previous": GitHub signs with the current one.
                String current = vars.get(EnvVars.GITHUB_WEBHOOK_SECRET).split(",", -1)[0].trim();
                github.seed(URI.create("http://127.0.0.1:" + gateway.port() + WEBHOOK_PATH), current);
            }
            return new LocalRunner(backend, github, gateway, sources, Map.copyOf(vars));
        } catch (RuntimeException e) {
            // Nothing started may outlive a failed start: an in-process caller would keep its threads and port.
            started.forEach(EventSource::close);
            if (gateway != null) {
                gateway.close();
            }
            github.close();
            backend.close();
            throw e;
        }
    }

    /** The one {@code ready} line: URLs, port, the webhook secret in use and the stand-ins' endpoints. */
    public String readyLine() {
        String base = "http://localhost:" + gateway.port();
        return "autosync local ready"
                + " webhook=" + base + WEBHOOK_PATH
                + " dashboard=" + base + "/"
                + " api=" + base + API_PATH
                + " api_token=" + firstToken()
                + " port=" + gateway.port()
                + " github=" + github.apiUrl()
                + " secret=" + environment.get(EnvVars.GITHUB_WEBHOOK_SECRET)
                + " sqs=" + backend.sqsEndpoint()
                + " dynamodb=" + backend.dynamoDbEndpoint()
                + " events_queue=" + environment.get(EnvVars.EVENTS_QUEUE_URL)
                + " sync_tasks_queue=" + environment.get(EnvVars.SYNC_TASKS_QUEUE_URL)
                + " table=" + environment.get(EnvVars.TABLE_NAME);
    }

    /** The first configured API token (the generated one when none was set). */
    private String firstToken() {
        return ApiTokens.parse(environment.get(EnvVars.AUTOSYNC_API_TOKENS)).iterator().next();
    }

    public int port() {
        return gateway.port();
    }

    /** The functions' environment (table, queues, endpoints, secrets), for tests that seed through the store. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void close() {
        try {
            sources.forEach(EventSource::close);
            gateway.close();
            github.close();
        } finally {
            backend.close();
        }
    }

    private static int port(Map<String, String> processEnv) {
        Env env = new Env(processEnv);
        String value = env.optional(EnvVars.AUTOSYNC_PORT).orElse(Integer.toString(DEFAULT_PORT));
        int port = -1;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (port < 0 || port > 65_535) {
            env.problem(EnvVars.AUTOSYNC_PORT + " must be a port number (0 for any free one), not '" + value + "'");
        }
        env.validate();
        return port;
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
