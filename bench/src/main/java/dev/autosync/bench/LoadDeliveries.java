package dev.autosync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.webhook.GitHubHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed deliveries of a realistic mix, as GitHub sends them, posted to the local gateway: 40 % pushes of 1–5
 * commits, 35 % issues opened, edited or closed, 25 % pull requests opened or closed, spread over the
 * {@link #REPOSITORIES} of one installation, each under a fresh delivery GUID and each later than the one
 * before. Keeps every GUID it sent and every one the gateway acknowledged (202), for the exactly-once check.
 */
final class LoadDeliveries implements AutoCloseable {

    /** The handful of repositories of installation {@link BenchPayloads#INSTALLATION}. */
    static final List<Long> REPOSITORIES = List.of(1001L, 1002L, 1003L, 1004L, 1005L);
    /** GitHub gives up on a delivery after 10 s; so does the benchmark. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One delivery: its GUID, event, body and how many commits it pushes. */
    record Delivery(String guid, String event, byte[] body, int commits) {
    }

    private final LoadSystem system;
    private final BenchPayloads payloads = new BenchPayloads();
    private final Random random = new Random(11);
    private final Instant start = Instant.parse("2026-03-01T00:00:00Z");
    private final ExecutorService answers = Executors.newFixedThreadPool(2, daemon());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(answers).build();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong acknowledgedCommits = new AtomicLong();
    private long sequence;

    LoadDeliveries(LoadSystem system) {
        this.system = system;
    }

    /** The next delivery of the mix (one thread calls this: the sending one). */
    Delivery next() {
        long n = sequence++;
        long repository = REPOSITORIES.get(random.nextInt(REPOSITORIES.size()));
        Instant at = start.plusSeconds(n);
        int roll = random.nextInt(20);
        int number = 1 + random.nextInt(50);
        if (roll < 8) {
            int commits = 1 + random.nextInt(5);
            return delivery("push", payloads.push(repository, "load" + n, commits, 3, at), commits);
        }
        if (roll < 15) {
            String action = List.of("opened", "edited", "closed").get(random.nextInt(3));
            return delivery("issues", payloads.issue(repository, number, action, at), 0);
        }
        return delivery("pull_request", payloads.pull(repository, number, random.nextBoolean() ? "opened" : "closed", at), 0);
    }

    /** The installation's own webhook: the App installed with {@link #REPOSITORIES}. */
    Delivery installation() {
        return delivery("installation", payloads.installationCreated(REPOSITORIES), 0);
    }

    /** Posts {@code delivery}, signed, to the gateway; true when it answered 202. */
    CompletableFuture<Boolean> post(Delivery delivery) {
        HttpRequest request = HttpRequest.newBuilder(system.webhookUrl()).timeout(TIMEOUT)
                .header(GitHubHeaders.CONTENT_TYPE, GitHubHeaders.JSON)
                .header(GitHubHeaders.EVENT, delivery.event())
                .header(GitHubHeaders.DELIVERY, delivery.guid())
                .header(GitHubHeaders.SIGNATURE_256, system.signature(delivery.body()))
                .header(GitHubHeaders.INSTALLATION_TARGET_ID, Long.toString(BenchPayloads.INSTALLATION))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
        sent.add(delivery.guid());
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            boolean accepted = response.statusCode() == 202;
            if (accepted) {
                acknowledged.add(delivery.guid());
                acknowledgedCommits.addAndGet(delivery.commits());
            }
            return accepted;
        });
    }

    /** A sender of the mix for {@link OpenLoop}. */
    OpenLoop.Sender sender() {
        return index -> post(next());
    }

    Set<String> sent() {
        return Set.copyOf(sent);
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    long acknowledgedCommits() {
        return acknowledgedCommits.get();
    }

    private Delivery delivery(String event, ObjectNode payload, int commits) {
        return new Delivery(UUID.randomUUID().toString(), event, payload.toString().getBytes(StandardCharsets.UTF_8), commits);
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "load-benchmark");
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }
}
