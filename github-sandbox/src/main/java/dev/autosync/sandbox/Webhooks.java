package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The App's webhook: sends each event to the configured URL signed like GitHub does, records every
 * attempt, and can be told to miss deliveries (recorded as failed, never sent), send them twice, or hold
 * them back to send later and out of order ({@link WebhookMode}). A held delivery is recorded only when it
 * is sent, as GitHub records an attempt when it makes it.
 *
 * @see <a href="https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers">Delivery headers</a>
 */
public final class Webhooks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Clock clock;
    private final long appId;
    private final long hookId;
    private final AtomicLong ids = new AtomicLong(90_000_000_000L);
    private final AtomicInteger toMiss = new AtomicInteger();
    private final List<Delivery> deliveries = new ArrayList<>();
    /** Deliveries held back ({@link WebhookMode#HOLD}, {@link WebhookMode#DELAY}), oldest first. */
    private final List<Held> held = new ArrayList<>();
    private ScheduledExecutorService timer;
    private volatile URI target;
    private volatile String secret;

    Webhooks(Clock clock, long appId, long hookId) {
        this.clock = clock;
        this.appId = appId;
        this.hookId = hookId;
    }

    /** Sends every later event to {@code url}, signed with {@code secret}. */
    public void deliverTo(URI url, String secret) {
        this.secret = secret;
        this.target = url;
    }

    /** Stops sending and recording deliveries (the default). */
    public void disable() {
        this.target = null;
    }

    /** The next {@code count} deliveries are recorded as failed and not sent. */
    public void missNext(int count) {
        toMiss.addAndGet(count);
    }

    /** Every attempt so far, oldest first. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized Optional<Delivery> find(long id) {
        return deliveries.stream().filter(d -> d.id() == id).findFirst();
    }

    /** A delivery held back: its payload as it was when the event happened. */
    private record Held(String guid, String event, String action, long installationId, Long repositoryId, byte[] body) {
    }

    /** How held deliveries are sent by {@link #release}. */
    public enum Order {
        /** As they happened. */
        FIFO,
        /** Newest first. */
        REVERSE,
        /** In a random order (seeded). */
        SHUFFLE
    }

    /**
     * @param delay for {@link WebhookMode#DELAY}: how long the delivery is held before it is sent on its own
     */
    void emit(String event, ObjectNode payload, long installationId, Long repositoryId, WebhookMode mode, Duration delay) {
        // A miss is recorded even with no URL configured, so redelivery can be staged before one is.
        if (mode == WebhookMode.DROP || (target == null && mode != WebhookMode.MISS)) {
            return;
        }
        String action = payload.path("action").asText(null);
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        String guid = UUID.randomUUID().toString();
        switch (mode) {
            case HOLD, DELAY -> {
                Held delivery = new Held(guid, event, action, installationId, repositoryId, body);
                synchronized (this) {
                    held.add(delivery);
                    if (mode == WebhookMode.DELAY) {
                        timer().schedule(() -> sendHeld(delivery), delay.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
            case DUPLICATE -> {
                attempt(guid, false, event, action, installationId, repositoryId, body, false);
                attempt(guid, false, event, action, installationId, repositoryId, body, false);
            }
            default -> attempt(guid, false, event, action, installationId, repositoryId, body, mode == WebhookMode.MISS);
        }
    }

    /** How many deliveries are held back now. */
    public synchronized int heldCount() {
        return held.size();
    }

    /**
     * Sends every delivery held back so far, one after the other in {@code order} ({@code seed} orders a
     * shuffle); returns how many were sent. A delayed one whose time comes meanwhile is sent once.
     */
    public int release(Order order, long seed) {
        List<Held> batch;
        synchronized (this) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        switch (order) {
            case REVERSE -> Collections.reverse(batch);
            case SHUFFLE -> Collections.shuffle(batch, new Random(seed));
            case FIFO -> { }
        }
        batch.forEach(this::send);
        return batch.size();
    }

    private void sendHeld(Held delivery) {
        boolean still;
        synchronized (this) {
            still = held.remove(delivery);
        }
        if (still) {
            send(delivery);
        }
    }

    private void send(Held d) {
        attempt(d.guid(), false, d.event(), d.action(), d.installationId(), d.repositoryId(), d.body(), false);
    }

    /** Started on the first delay: a sandbox that never delays keeps no thread for it. */
    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "github-sandbox-delayed-webhooks");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    /** Stops the delay timer; deliveries still held are never sent. */
    synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** {@code POST /app/hook/deliveries/{id}/attempts}: sends the same payload again under the same guid. */
    boolean redeliver(long id) {
        Optional<Delivery> original = find(id);
        original.ifPresent(d -> attempt(d.guid(), true, d.event(), d.action(), d.installationId(),
                d.repositoryId(), d.payload(), false));
        return original.isPresent();
    }

    private void attempt(String guid, boolean redelivery, String event, String action, long installationId,
                         Long repositoryId, byte[] body, boolean miss) {
        long started = System.nanoTime();
        String status;
        int code;
        URI url = target;
        if (miss || url == null || toMiss.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = Delivery.MISSED;
            code = 0;
        } else {
            try {
                code = send(url, guid, event, body);
                status = code >= 200 && code < 300 ? "OK" : "Invalid HTTP Response: " + code;
            } catch (IOException e) {
                status = "failed to connect to host";
                code = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = "interrupted";
                code = 0;
            }
        }
        double duration = (System.nanoTime() - started) / 1e9;
        synchronized (this) {
            deliveries.add(new Delivery(ids.incrementAndGet(), guid, clock.instant(), redelivery, duration,
                    status, code, event, action, installationId, repositoryId, body));
        }
    }

    private int send(URI url, String guid, String event, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/sandbox")
                .header("X-GitHub-Delivery", guid)
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Hook-ID", Long.toString(hookId))
                .header("X-GitHub-Hook-Installation-Target-ID", Long.toString(appId))
                .header("X-GitHub-Hook-Installation-Target-Type", "integration")
                .header("X-Hub-Signature-256", "sha256=" + sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** HMAC-SHA256 of the body with the webhook secret, hex encoded, as in {@code X-Hub-Signature-256}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
