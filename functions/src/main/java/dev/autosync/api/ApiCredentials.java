package dev.autosync.api;

import dev.autosync.common.aws.RefreshingSecret;
import dev.autosync.common.aws.SecretUnreadableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The api's bearer tokens and cursor key, as they are now. In AWS they come from the Secrets Manager secret
 * named by {@code AUTOSYNC_API_TOKENS_SECRET_ARN}, read on first use after a SnapStart restore (never during
 * the snapshot) and re-read every {@link RefreshingSecret#TTL}, so rotating a token takes effect within
 * minutes and without a redeploy; a failed re-read keeps the last good value. Until a value could be read at
 * all, {@link #authenticator()} throws {@link SecretUnreadableException}, which the {@link Router} answers
 * with a 503.
 *
 * <p>The cursor key is {@code AUTOSYNC_CURSOR_KEY} when set, else the secret's {@code cursor_key}, else
 * {@linkplain #derivedCursorKey derived from the token set}: the stack creates the secret as one generated
 * token with no {@code cursor_key}, and every instance must agree on the key for a cursor issued by one to
 * open on the next request, which a key generated per process could not give. The codec (and the random
 * source of its nonces) is built on first use, after a restore, never fixed in the snapshot.
 */
public final class ApiCredentials {

    static final int CURSOR_KEY_MIN = 32;
    /** What the derived cursor key is for; a new version of the derivation changes it (and every cursor). */
    private static final byte[] CURSOR_KEY_LABEL = "autosync cursor key v1".getBytes(StandardCharsets.UTF_8);

    /** One consistent state: who may call, and how cursors are sealed. */
    record Current(BearerAuthenticator authenticator, CursorCodec cursors) {
    }

    private final Supplier<Current> current;
    /** Reads as this does, into a cache of its own ({@link #prime}). */
    private final Runnable primer;

    private ApiCredentials(Supplier<Current> current) {
        this(current, () -> { });
    }

    private ApiCredentials(Supplier<Current> current, Runnable primer) {
        this.current = current;
        this.primer = primer;
    }

    /** Fixed tokens and key (tests, and the local runner's inline tokens with a configured key). */
    public static ApiCredentials fixed(Set<String> tokens, byte[] cursorKey) {
        Current value = new Current(new BearerAuthenticator(tokens), new CursorCodec(cursorKey));
        return new ApiCredentials(() -> value);
    }

    /**
     * Inline tokens ({@code AUTOSYNC_API_TOKENS}, checked at init by {@link ApiConfig}); the cursor key given,
     * or one derived from the tokens. Built on first use.
     */
    public static ApiCredentials inline(Set<String> tokens, Optional<byte[]> cursorKey) {
        Set<String> copy = Set.copyOf(tokens);
        return new ApiCredentials(memoize(() -> new Current(new BearerAuthenticator(copy),
                new CursorCodec(cursorKey.orElseGet(() -> derivedCursorKey(copy))))));
    }

    /**
     * From the Secrets Manager secret {@code arn}, read lazily and refreshed (see the class comment). Builds
     * nothing but the cache: no call is made here.
     *
     * @param cursorKey {@code AUTOSYNC_CURSOR_KEY}, which wins over the secret's {@code cursor_key}
     */
    public static ApiCredentials fromSecret(SecretsManagerClient client, String arn, Optional<byte[]> cursorKey, Clock clock) {
        Supplier<RefreshingSecret<Current>> reader = () -> new RefreshingSecret<>("the API token secret", client, arn,
                text -> parse(text, cursorKey), clock);
        return new ApiCredentials(reader.get(), () -> reader.get().get());
    }

    /**
     * Reads the secret as {@link #authenticator()} would, over the same client, into a throwaway cache: for
     * {@link dev.autosync.common.Priming}, which must leave nothing in this one.
     */
    void prime() {
        primer.run();
    }

    /** @throws SecretUnreadableException while the token secret was never readable */
    public BearerAuthenticator authenticator() {
        return current.get().authenticator();
    }

    /** @throws SecretUnreadableException while the token secret was never readable */
    public CursorCodec cursors() {
        return current.get().cursors();
    }

    /** Validates a secret's text; messages never quote it. */
    static Current parse(String text, Optional<byte[]> configuredKey) {
        Set<String> tokens = ApiTokens.parse(text);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the API token set is empty");
        }
        if (!ApiTokens.tooShort(tokens).isEmpty()) {
            throw new IllegalArgumentException("every API token needs at least " + ApiTokens.MIN_LENGTH + " characters");
        }
        Optional<String> secretKey = ApiTokens.cursorKey(text);
        if (configuredKey.isEmpty() && secretKey.isPresent() && secretKey.get().length() < CURSOR_KEY_MIN) {
            throw new IllegalArgumentException("the secret's cursor_key needs at least " + CURSOR_KEY_MIN + " characters");
        }
        byte[] key = configuredKey.or(() -> secretKey.map(k -> k.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> derivedCursorKey(tokens));
        return new Current(new BearerAuthenticator(tokens), new CursorCodec(key));
    }

    /**
     * The cursor key when none is configured: HMAC-SHA256 keyed with the token set (sorted, each
     * length-prefixed, so the order they are listed in does not matter and no two sets encode alike) over a
     * fixed label. Every instance reading the same secret derives the same key, and rotating the tokens rotates
     * it (cursors issued before then stop opening: a client starts its list again).
     *
     * <p>Why that is acceptable: the key is as secret as the tokens, and only a token holder can compute it.
     * A cursor protects a position in a list, and the lists are data any token holder may read through the api
     * anyway; with the key a token holder could forge a position (still bound to its list and filters, and
     * still answered only within the query the route makes) or read the positions of their own cursors, one of
     * which (a contributor GitHub matched to no account) is keyed by an e-mail address the api does not
     * otherwise show. An operator who wants cursors opaque to token holders too sets {@code cursor_key} in the
     * secret (or {@code AUTOSYNC_CURSOR_KEY}).
     */
    static byte[] derivedCursorKey(Set<String> tokens) {
        StringBuilder encoded = new StringBuilder();
        new TreeSet<>(tokens).forEach(token -> encoded.append(token.length()).append(':').append(token));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(encoded.toString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(CURSOR_KEY_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e); // every JDK has it
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
