package dev.autosync.webhook;

import java.util.Optional;

/** Authenticates a request against the current secrets, re-reading them once if they may be stale. */
final class SignatureVerifier {

    private final WebhookSecrets secrets;

    SignatureVerifier(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    /**
     * @throws DeliveryRejectedException when the signature is missing, malformed or wrong
     * @throws SecretUnavailableException when there is no secret to check against
     */
    void verify(WebhookRequest request) {
        byte[] claimed = WebhookSignature.claimedDigest(request.header(GitHubHeaders.SIGNATURE_256));
        if (WebhookSignature.matches(claimed, request.body(), secrets.current())) {
            return;
        }
        Optional<SecretSet> refreshed = secrets.refreshAfterMismatch();
        if (refreshed.isPresent() && WebhookSignature.matches(claimed, request.body(), refreshed.get())) {
            return;
        }
        // Deliberately says nothing about what was expected.
        throw new DeliveryRejectedException(Rejection.INVALID_SIGNATURE,
                "the signature does not match the body under the webhook secret");
    }
}
