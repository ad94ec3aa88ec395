package dev.autosync.bench;

import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.local.LocalRunner;
import dev.autosync.queue.SqsQueueDepths;
import dev.autosync.webhook.WebhookSecret;
import dev.autosync.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole local system as the run command starts it ({@link LocalRunner}: the gateway, the webhook function,
 * the stored queues and table, the processor's poller, the sync engine, the GitHub sandbox as GitHub), in this
 * JVM, on a free loopback port (never the user's 3000), without the demo organisation and without periodic
 * runs, keeping its data in a temporary folder that {@link #close} removes with everything it started.
 */
final class LoadSystem implements AutoCloseable {

    private final Path dataDir;
    private final LocalRunner runner;
    private final String secret;
    private final Map<String, String> ready;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final Resources resources;

    private LoadSystem(Path dataDir, LocalRunner runner, String secret) {
        this.dataDir = dataDir;
        this.runner = runner;
        this.secret = secret;
        this.ready = LocalRunner.readyFields(runner.readyLine());
        AwsClients clients = AwsClients.local(URI.create(ready.get("dynamodb")), URI.create(ready.get("sqs")));
        this.dynamoDb = clients.dynamoDb();
        this.sqs = clients.sqs();
        // The runner provisioned them; provisioning again only reads them back (the dead-letter queues too).
        this.resources = new Provisioner(dynamoDb, sqs).provision("");
    }

    static LoadSystem start() throws IOException {
        Path dataDir = Files.createTempDirectory("autosync-load-");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
        // Not this process's environment: a GITHUB_APP_ID there would point the functions at the user's own App.
        Map<String, String> env = new HashMap<>();
        env.put(EnvVars.AUTOSYNC_PORT, "0");
        env.put(EnvVars.AUTOSYNC_BIND_ADDRESS, "127.0.0.1");
        env.put(EnvVars.AUTOSYNC_DEMO_DATA, "false");
        env.put(EnvVars.AUTOSYNC_SYNC_INTERVAL, "off");
        env.put(EnvVars.AUTOSYNC_DATA_DIR, dataDir.toString());
        env.put(EnvVars.GITHUB_WEBHOOK_SECRET, secret);
        LocalRunner runner;
        try {
            runner = LocalRunner.start(env);
        } catch (RuntimeException e) {
            delete(dataDir);
            throw e;
        }
        try {
            return new LoadSystem(dataDir, runner, secret);
        } catch (RuntimeException e) {
            runner.close();
            delete(dataDir);
            throw e;
        }
    }

    URI webhookUrl() {
        return URI.create(ready.get("webhook"));
    }

    /**
     * Every loopback port the system listens on: the gateway, the stand-ins (dynalite, a process of its own, and
     * ElasticMQ) and the sandbox's two.
     */
    List<Integer> ports() {
        return List.of("webhook", "dynamodb", "sqs", "github", "github_api").stream()
                .map(field -> URI.create(ready.get(field)).getPort()).toList();
    }

    Path dataDir() {
        return dataDir;
    }

    String signature(byte[] body) {
        return WebhookSignature.sign(new WebhookSecret(secret), body);
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    SqsClient sqs() {
        return sqs;
    }

    Resources resources() {
        return resources;
    }

    SqsQueueDepths depths() {
        return new SqsQueueDepths(sqs, resources.eventsQueueUrl(),
                SqsQueueDepths.deadLetterQueues(resources.eventsDeadLetterQueueUrl(), resources.syncTasksDeadLetterQueueUrl()));
    }

    /**
     * Installs the App on {@link BenchPayloads#ACCOUNT} in the sandbox with these (empty) repositories, so the
     * import that the installation's webhook starts finds them on GitHub. The sandbox sends no webhook of its
     * own: the benchmark sends the installation's.
     */
    void installInSandbox(List<Long> repositoryIds) throws IOException, InterruptedException {
        var action = Json.mapper().createObjectNode().put("type", "install").put("account", BenchPayloads.ACCOUNT)
                .put("installation_id", BenchPayloads.INSTALLATION).put("webhook", "drop");
        var repositories = action.putArray("repositories");
        repositoryIds.forEach(id -> repositories.addObject().put("id", id).put("full_name", BenchPayloads.fullName(id)));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(ready.get("github") + "/_sandbox/actions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(action.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("the sandbox refused the installation: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** Stops everything the runner started (the dynalite process too), then removes the data folder. */
    @Override
    public void close() {
        try {
            sqs.close();
            dynamoDb.close();
            runner.close();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the load benchmark's data folder " + folder, e);
        }
    }

}
