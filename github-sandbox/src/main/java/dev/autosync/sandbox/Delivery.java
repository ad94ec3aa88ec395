package dev.autosync.sandbox;

import java.time.Instant;

/**
 * One recorded webhook delivery attempt, as {@code GET /app/hook/deliveries} lists it. A redelivery is
 * a new attempt with a new id and the same {@code guid}.
 */
public record Delivery(long id, String guid, Instant deliveredAt, boolean redelivery, double durationSeconds,
                       String status, int statusCode, String event, String action, long installationId,
                       Long repositoryId, byte[] payload) {

    /** Status recorded when the sandbox was told to miss the delivery. */
    public static final String MISSED = "missed by the sandbox (not sent)";

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    @Override
    public String toString() {
        return "Delivery[" + id + " " + guid + " " + event + "." + action + " " + status + "]";
    }
}
