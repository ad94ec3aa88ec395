package dev.autosync.api;

import dev.autosync.common.Log;
import dev.autosync.common.aws.RefreshingSecret;
import dev.autosync.common.aws.SecretUnreadableException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The api's bearer tokens and cursor key, as they are now. In AWS they come from the Secrets Manager secret
 * named by {@code AUTOSYNC_API_TOKENS_SECRET_ARN}, read on first use after a SnapStart restore (never during
 * the snapshot) and re-read every {@link RefreshingSecret#TTL}, so rotating a token takes effect within
 * minutes and without a redeploy; a failed re-read keeps the last good value. Until a value could be read at
 * all, {@link #authenticator()} throws {@link SecretUnreadableException}, which the {@link Router} answers
 * with a 503.
 *
 * <p>The cursor key is {@code AUTOSYNC_CURSOR_KEY} when set, else the secret's {@code cursor_key}, else one
 * generated for this process on first use (after restore, so restored instances never share a random key
 * fixed in the snapshot; cursors then only work on the instance that issued them).
 */
public final class ApiCredentials {

    private static final Log LOG = Log.of(ApiCredentials.class);
    static final int CURSOR_KEY_MIN = 32;

    /** One consistent state: who may call, and how cursors are sealed. */
    record Current(BearerAuthenticator authenticator, CursorCodec cursors) {
    }

    private final Supplier<Current> current;

    private ApiCredentials(Supplier<Current> current) {
        this.current = current;
    }

    /** Fixed tokens and key (tests, and the local runner's inline tokens with a configured key). */
    public static ApiCredentials fixed(Set<String> tokens, byte[] cursorKey) {
        Current value = new Current(new BearerAuthenticator(tokens), new CursorCodec(cursorKey));
        return new ApiCredentials(() -> value);
    }

    /**
     * Inline tokens ({@code AUTOSYNC_API_TOKENS}, checked at init by {@link ApiConfig}); the cursor key given,
     * or one generated on first use.
     */
    public static ApiCredentials inline(Set<String> tokens, Optional<byte[]> cursorKey) {
        BearerAuthenticator authenticator = new BearerAuthenticator(tokens);
        ProcessKey processKey = new ProcessKey();
        Supplier<Current> lazy = memoize(() -> new Current(authenticator,
                new CursorCodec(cursorKey.orElseGet(processKey))));
        return new ApiCredentials(lazy);
    }

    /**
     * From the Secrets Manager secret {@code arn}, read lazily and refreshed (see the class comment). Builds
     * nothing but the cache: no call is made here.
     *
     * @param cursorKey {@code AUTOSYNC_CURSOR_KEY}, which wins over the secret's {@code cursor_key}
     */
    public static ApiCredentials fromSecret(SecretsManagerClient client, String arn, Optional<byte[]> cursorKey, Clock clock) {
        ProcessKey processKey = new ProcessKey();
        return new ApiCredentials(new RefreshingSecret<>("the API token secret", client, arn,
                text -> parse(text, cursorKey, processKey), clock));
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
    static Current parse(String text, Optional<byte[]> configuredKey, ProcessKey processKey) {
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
        byte[] key = configuredKey.or(() -> secretKey.map(k -> k.getBytes(StandardCharsets.UTF_8))).orElseGet(processKey);
        return new Current(new BearerAuthenticator(tokens), new CursorCodec(key));
    }

    /** This process's own cursor key, generated once, on first need (after a SnapStart restore). */
    static final class ProcessKey implements Supplier<byte[]> {
        private byte[] key;

        @Override
        public synchronized byte[] get() {
            if (key == null) {
                LOG.warn("no cursor key configured: generated one for this process; cursors will not work across instances",
                        Map.of("variable", dev.autosync.common.EnvVars.AUTOSYNC_CURSOR_KEY));
                key = new byte[CURSOR_KEY_MIN];
                new SecureRandom().nextBytes(key);
            }
            return key;
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
