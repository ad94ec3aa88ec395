package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to deliver a webhook to the App, as {@code GET /app/hook/deliveries} lists it.
 * {@code guid} is the {@code X-GitHub-Delivery} value; redeliveries share it.
 */
public record HookDelivery(long id, String guid, Instant deliveredAt, boolean redelivery, String status,
                           int statusCode, String event, Optional<String> action,
                           Optional<InstallationId> installationId, Optional<Long> repositoryId) {

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
