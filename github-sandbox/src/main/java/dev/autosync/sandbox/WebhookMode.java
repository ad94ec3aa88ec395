package dev.autosync.sandbox;

/**
 * What happens to the webhooks of a mutation, to stage the failures sync must repair and the disorder the
 * processor must absorb.
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
    DROP,
    /**
     * Sent twice at once under the same {@code X-GitHub-Delivery}, both attempts recorded: GitHub delivers at
     * least once, and a receiver must take a repeat for what it is.
     */
    DUPLICATE,
    /**
     * Held, neither sent nor recorded, until {@link Webhooks#release} sends every held delivery (in the order
     * asked for): reorders deliveries against later ones.
     */
    HOLD,
    /** Held as {@link #HOLD}, and sent on its own after a delay (or at an earlier release). */
    DELAY
}
