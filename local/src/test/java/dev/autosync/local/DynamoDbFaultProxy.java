package dev.autosync.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of dynalite that answers a share of requests, unsent, with DynamoDB's own
 * throttling error ({@code 400 ProvisionedThroughputExceededException}), as an on-demand table over its
 * burst does: the functions see it on the real wire, through the AWS SDK's own retries. Everything else is
 * forwarded byte for byte (the SDK checks dynalite's {@code x-amz-crc32}). Seeded, so a run can be replayed.
 * Fast only with {@code sun.net.httpserver.nodelay=true} (this module's surefire sets it): the JDK's server
 * writes headers and body apart, and with Nagle on each small answer waits some 40 ms for a delayed ACK.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">DynamoDB errors</a>
 */
final class DynamoDbFaultProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade");
    private static final byte[] THROTTLED = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dynamodb-fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    /** HTTP/1.1 as the SDK speaks it: the default would try an h2c upgrade on every new connection. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random;
    private volatile double throttleShare;
    private final AtomicInteger burst = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    DynamoDbFaultProxy(URI target, long seed) {
        this.target = target;
        this.random = new Random(seed);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now, each request is throttled with this probability (0 stops it). */
    void throttle(double share) {
        throttleShare = share;
    }

    /** The next {@code requests} requests, whoever sends them, are throttled: a burst the SDK must retry through. */
    void burst(int requests) {
        burst.addAndGet(requests);
    }

    long throttled() {
        return throttled.get();
    }

    long forwarded() {
        return forwarded.get();
    }

    private boolean throttleThis() {
        if (burst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return true;
        }
        double share = throttleShare;
        if (share <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < share;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (throttleThis()) {
                throttled.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "ProvisionedThroughputExceededException");
                exchange.sendResponseHeaders(400, THROTTLED.length);
                exchange.getResponseBody().write(THROTTLED);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            forwarded.incrementAndGet();
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
