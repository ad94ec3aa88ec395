package dev.autosync.sandbox;

/**
 * What happens to the webhooks of a mutation, to stage the failures sync must repair.
 *
 * @see GitHubSandbox#withWebhooks(WebhookMode, java.util.function.Supplier)
 */
public enum WebhookMode {
    /** Signed and POSTed now, and recorded (GitHub's normal behaviour). */
    DELIVER,
    /**
     * Recorded as a failed attempt and not sent: {@code GET /app/hook/deliveries} lists it with a failing
     * status code and {@code POST /app/hook/deliveries/{id}/attempts} redelivers it.
     */
    MISS,
    /** Neither sent nor recorded, as in a GitHub outage: only reconciliation can repair it. */
    DROP
}
