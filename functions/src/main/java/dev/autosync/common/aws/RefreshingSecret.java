package dev.autosync.common.aws;

import dev.autosync.common.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Secrets Manager secret read lazily, on first use, and then kept fresh: SnapStart-safe, because nothing
 * is read while the function's snapshot is taken (a wiring builds this and only this; the first request
 * after a restore reads the secret), and rotation-friendly, because the value is re-read every {@link #TTL}.
 *
 * <p>Failures never hammer Secrets Manager and never lose a good value: a failed read (unreachable, denied,
 * KMS, or a value {@code parse} refuses) is retried at most once per {@link #RETRY_INTERVAL}; meanwhile the
 * last good value is served. Only while no value could ever be read does {@link #get()} throw
 * {@link SecretUnreadableException}, whose message names the secret and the failure's kind but never the
 * value. Thread-safe.
 *
 * @param <T> the parsed value (tokens, a key, ...)
 */
public final class RefreshingSecret<T> implements Supplier<T> {

    public static final Duration TTL = Duration.ofMinutes(5);
    public static final Duration RETRY_INTERVAL = Duration.ofMinutes(1);

    private static final Log LOG = Log.of(RefreshingSecret.class);

    private final String what;
    private final String arn;
    private final Supplier<String> read;
    private final Function<String, T> parse;
    private final Clock clock;

    private T value;
    private Instant readAt = Instant.MIN;
    private Instant attemptedAt = Instant.MIN;
    private String lastFailure = "not read yet";

    /**
     * @param what  what the secret is, for log lines and errors ("the API token secret")
     * @param parse turns the secret string into the value; throws {@link IllegalArgumentException} (whose
     *              message must not quote the value) when it is malformed
     */
    public RefreshingSecret(String what, SecretsManagerClient client, String arn, Function<String, T> parse, Clock clock) {
        this(what, arn, () -> client.getSecretValue(b -> b.secretId(arn)).secretString(), parse, clock);
    }

    /** Over any reader (tests, or a local source). */
    public RefreshingSecret(String what, String arn, Supplier<String> read, Function<String, T> parse, Clock clock) {
        this.what = what;
        this.arn = arn;
        this.read = read;
        this.parse = parse;
        this.clock = clock;
    }

    /**
     * The current value, read now if it never was or its {@link #TTL} has passed (and the last attempt was
     * over {@link #RETRY_INTERVAL} ago).
     *
     * @throws SecretUnreadableException while no value could be read yet
     */
    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        boolean due = value == null || !now.isBefore(readAt.plus(TTL));
        if (due && !now.isBefore(attemptedAt.plus(RETRY_INTERVAL))) {
            attempt(now);
        }
        if (value == null) {
            throw new SecretUnreadableException(what + " (" + arn + ") could not be read: " + lastFailure);
        }
        return value;
    }

    private void attempt(Instant now) {
        attemptedAt = now;
        String text;
        try {
            text = Objects.requireNonNull(read.get(), "the secret has no SecretString (a binary secret?)");
        } catch (RuntimeException e) { // SdkException in AWS; whatever a test's reader throws
            fail("cannot read it from Secrets Manager: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        T parsed;
        try {
            parsed = Objects.requireNonNull(parse.apply(text));
        } catch (RuntimeException e) {
            // The parser's messages never quote the value; the exception's class says what kind of problem.
            fail("its value is malformed: " + e.getMessage());
            return;
        }
        boolean first = value == null;
        value = parsed;
        readAt = now;
        lastFailure = "none";
        if (first) {
            LOG.info("secret read", Map.of("secret", what, "arn", arn));
        }
    }

    private void fail(String reason) {
        lastFailure = reason;
        LOG.error(value == null ? "secret unreadable, nothing cached to serve" : "secret unreadable, keeping the last good value",
                Map.of("secret", what, "arn", arn, "reason", reason));
    }
}
