package dev.autosync.webhook;

import java.util.Optional;

/** Where the webhook secrets come from: the environment locally, Secrets Manager in AWS. */
public interface WebhookSecrets {

    /**
     * The secrets to verify with now (possibly cached).
     *
     * @throws SecretUnavailableException when no secret can be had at all
     */
    SecretSet current();

    /**
     * After a signature mismatch: fresh secrets, in case the secret was rotated since they were cached;
     * empty when the source cannot change or was refreshed too recently to ask again.
     */
    Optional<SecretSet> refreshAfterMismatch();

    /** A fixed set, e.g. from {@code GITHUB_WEBHOOK_SECRET}. */
    static WebhookSecrets fixed(SecretSet secrets) {
        return new WebhookSecrets() {
            @Override
            public SecretSet current() {
                return secrets;
            }

            @Override
            public Optional<SecretSet> refreshAfterMismatch() {
                return Optional.empty();
            }
        };
    }
}
