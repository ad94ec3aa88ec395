package dev.autosync.github.internal;

import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.github.GitHubUnavailableException;
import dev.autosync.github.InstallationId;
import dev.autosync.github.RateLimit;
import dev.autosync.github.RateLimitedException;
import dev.autosync.github.RetryPolicy;
import dev.autosync.github.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One REST exchange with GitHub, retried as GitHub documents: 5xx and connection errors with bounded
 * exponential backoff and jitter; secondary rate limits by {@code retry-after}, else at least a minute,
 * growing exponentially; a spent primary limit is handed to the caller as {@link RateLimitedException}.
 * Every other status is returned for the caller to interpret. Logs one line per exchange, never a
 * credential or a body.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api">REST best practices</a>
 */
public final class RestTransport {

    public static final String API_VERSION = "2022-11-28";
    static final Duration MIN_SECONDARY_WAIT = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Log LOG = Log.of(RestTransport.class);

    /** A response with its rate-limit headers read. */
    public record Response(int status, HttpHeaders headers, byte[] body, Optional<RateLimit> rateLimit) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** GitHub's time for this response: its {@code Date} header, if present and readable. */
        public Optional<Instant> date() {
            return HttpDate.parse(header("date"));
        }

        /** GitHub's {@code message}, shortened; bodies are never logged whole. */
        public String gitHubMessage() {
            try {
                String message = Json.mapper().readTree(body).path("message").asText("");
                return message.length() > 200 ? message.substring(0, 200) : message;
            } catch (IOException e) {
                return "(no JSON body)";
            }
        }
    }

    private final HttpClient http;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    private final Duration pace;
    private final RateLimitGauge gauge = new RateLimitGauge();
    private final LatestRateLimits latest = new LatestRateLimits();
    private Instant nextSlot = Instant.MIN;

    public RestTransport(HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this(http, policy, sleeper, clock, Duration.ZERO);
    }

    /** @param pace the least time between two requests of this client (zero: no pacing) */
    public RestTransport(HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock, Duration pace) {
        this.http = http;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.pace = pace;
    }

    /**
     * The newest {@code core} rate limit the installation's responses reported through this transport, if any
     * did (GitHub Enterprise Server with rate limits off sends none).
     */
    public Optional<dev.autosync.github.ObservedRateLimit> lastRateLimit(InstallationId installation) {
        return latest.of(installation);
    }

    /** Waits for this client's next request slot (see {@code RequestPace}). */
    private void awaitSlot(String what) {
        if (pace.isZero()) {
            return;
        }
        Instant slot;
        synchronized (this) {
            Instant now = clock.instant();
            slot = nextSlot.isAfter(now) ? nextSlot : now;
            nextSlot = slot.plus(pace);
        }
        Duration wait = Duration.between(clock.instant(), slot);
        if (!wait.isNegative() && !wait.isZero()) {
            pause(wait, what);
        }
    }

    /**
     * Sends with GitHub's required headers; {@code template} names the endpoint in logs and errors.
     *
     * @param installation whose token {@code authorization} holds (its rate limit is sampled per installation);
     *                     empty when it holds the App's JWT
     */
    public Response send(String method, URI uri, String template, String authorization, Optional<InstallationId> installation,
                         Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "autosync (GitHub App back end)")
                .header("Authorization", authorization)
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return sendWithRetries(request.build(), method + " " + template, installation);
    }

    private Response sendWithRetries(HttpRequest request, String what, Optional<InstallationId> installation) {
        int secondaryWaits = 0;
        for (int attempt = 1; ; attempt++) {
            Response response;
            awaitSlot(what);
            try {
                response = exchange(request, what, attempt, installation);
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw new GitHubUnavailableException(what + " failed to connect after " + attempt + " attempts", e);
                }
                pause(backoff(attempt), what);
                continue;
            }
            int status = response.status();
            if (status == 403 || status == 429) {
                if (response.rateLimit().map(r -> r.remaining() == 0).orElse(false)) {
                    throw new RateLimitedException(what, response.rateLimit().get().resetAt());
                }
                if (secondaryLimit(response)) {
                    Duration wait = secondaryWait(response, secondaryWaits + 1);
                    if (secondaryWaits >= policy.maxSecondaryWaits()) {
                        throw new RateLimitedException(what + " (secondary limit)", clock.instant().plus(wait));
                    }
                    secondaryWaits++;
                    pause(wait, what);
                    attempt--;
                    continue;
                }
            }
            if (status >= 500 && attempt < policy.maxAttempts()) {
                pause(backoff(attempt), what);
                continue;
            }
            if (status >= 500) {
                throw new GitHubUnavailableException(what + " answered " + status + " after " + attempt + " attempts", null);
            }
            return response;
        }
    }

    private Response exchange(HttpRequest request, String what, int attempt, Optional<InstallationId> installation)
            throws IOException {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> raw = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Response response = new Response(raw.statusCode(), raw.headers(), raw.body(), rateLimit(raw.headers()));
            log(what, attempt, started, installation, Optional.of(response));
            Instant received = clock.instant();
            gauge.observe(response.rateLimit(), installation, received);
            latest.observe(response.rateLimit(), installation, received);
            return response;
        } catch (IOException e) {
            log(what, attempt, started, installation, Optional.empty());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubUnavailableException(what + " was interrupted", e);
        }
    }

    private static void log(String what, int attempt, long started, Optional<InstallationId> installation,
                            Optional<Response> response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int space = what.indexOf(' ');
        fields.put("method", what.substring(0, space));
        fields.put("path", what.substring(space + 1));
        installation.ifPresent(id -> fields.put(RateLimitGauge.INSTALLATION_ID, id.value()));
        fields.put("status", response.map(Response::status).orElse(0));
        response.flatMap(Response::rateLimit).ifPresent(r -> fields.put("rate_remaining", r.remaining()));
        fields.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        fields.put("attempt", attempt);
        LOG.info(response.isPresent() ? "github request" : "github request failed to connect", fields);
    }

    /**
     * A secondary limit: any 429 that is not a spent primary limit (GitHub answers 429 only for rate
     * limits), or a 403 with {@code retry-after} or GitHub's message naming it (403 also means "no permission").
     */
    private static boolean secondaryLimit(Response response) {
        return response.status() == 429 || response.header("retry-after").isPresent()
                || response.gitHubMessage().toLowerCase(java.util.Locale.ROOT).contains("secondary rate limit");
    }

    /** {@code retry-after} if given, else 60 s; doubled for each further hit in a row. */
    static Duration secondaryWait(Response response, int hit) {
        Duration base = response.header("retry-after").flatMap(RestTransport::seconds).orElse(MIN_SECONDARY_WAIT);
        Duration grown = MIN_SECONDARY_WAIT.multipliedBy(1L << Math.min(10, hit - 1));
        return hit == 1 ? base : (base.compareTo(grown) > 0 ? base : grown);
    }

    private Duration backoff(int attempt) {
        long cap = policy.maxDelay().toMillis();
        long delay = Math.min(cap, policy.baseDelay().toMillis() << Math.min(20, attempt - 1));
        // "Equal jitter": half fixed so retries spread out but never collapse to zero.
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private void pause(Duration wait, String what) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubUnavailableException(what + " was interrupted while waiting to retry", e);
        }
    }

    private static Optional<RateLimit> rateLimit(HttpHeaders headers) {
        Optional<Integer> remaining = headers.firstValue("x-ratelimit-remaining").flatMap(RestTransport::integer);
        Optional<Long> reset = headers.firstValue("x-ratelimit-reset").flatMap(RestTransport::epochSeconds);
        if (remaining.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        int limit = headers.firstValue("x-ratelimit-limit").flatMap(RestTransport::integer).orElse(-1);
        return Optional.of(new RateLimit(limit, remaining.get(), Instant.ofEpochSecond(reset.get()),
                headers.firstValue("x-ratelimit-resource").orElse("core")));
    }

    private static Optional<Duration> seconds(String value) {
        return epochSeconds(value).map(Duration::ofSeconds);
    }

    private static Optional<Integer> integer(String value) {
        return epochSeconds(value).map(Long::intValue);
    }

    private static Optional<Long> epochSeconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
