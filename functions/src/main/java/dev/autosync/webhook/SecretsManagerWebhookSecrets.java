package dev.autosync.webhook;

import dev.autosync.common.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The webhook secrets from AWS Secrets Manager (value format: see {@link SecretSet#fromSecretString}).
 * The value is cached for {@link #TTL} so a warm container costs no Secrets Manager call per delivery;
 * a signature mismatch may force a re-read (the secret may just have been rotated), but at most once per
 * {@link #MIN_REFRESH_INTERVAL}, so a flood of forged deliveries cannot turn into a flood of API calls.
 * Thread-safe (the local gateway calls it from several threads).
 */
public final class SecretsManagerWebhookSecrets implements WebhookSecrets {

    public static final Duration TTL = Duration.ofMinutes(5);
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);

    private static final Log LOG = Log.of(SecretsManagerWebhookSecrets.class);

    private final SecretsManagerClient client;
    private final String secretArn;
    private final Clock clock;

    private SecretSet cached;
    private Instant fetchedAt = Instant.MIN;

    public SecretsManagerWebhookSecrets(SecretsManagerClient client, String secretArn, Clock clock) {
        this.client = client;
        this.secretArn = secretArn;
        this.clock = clock;
    }

    /** The same read over the same client with a cache of its own, for priming (nothing it reads is kept here). */
    SecretsManagerWebhookSecrets primer() {
        return new SecretsManagerWebhookSecrets(client, secretArn, clock);
    }

    @Override
    public synchronized SecretSet current() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(fetchedAt.plus(TTL))) {
            try {
                fetch(now);
            } catch (SecretUnavailableException e) {
                if (cached == null) {
                    throw e;
                }
                // A stale secret still verifies most deliveries; failing them all would be worse.
                LOG.warn("keeping the cached webhook secret", Map.of("reason", e.getMessage()));
            }
        }
        return cached;
    }

    @Override
    public synchronized Optional<SecretSet> refreshAfterMismatch() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(fetchedAt.plus(MIN_REFRESH_INTERVAL))) {
            return Optional.empty();
        }
        SecretSet before = cached;
        try {
            fetch(now);
        } catch (SecretUnavailableException e) {
            return Optional.empty();
        }
        return cached.equals(before) ? Optional.empty() : Optional.of(cached);
    }

    private void fetch(Instant now) {
        // Counted as an attempt even when it fails, so an outage is not hammered either.
        fetchedAt = now;
        String value;
        try {
            value = client.getSecretValue(b -> b.secretId(secretArn)).secretString();
        } catch (SdkException e) {
            throw new SecretUnavailableException("cannot read the webhook secret from Secrets Manager", e);
        }
        try {
            cached = SecretSet.fromSecretString(value);
        } catch (IllegalArgumentException e) {
            throw new SecretUnavailableException("the webhook secret in Secrets Manager is malformed", e);
        }
    }
}
