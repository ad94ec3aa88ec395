package dev.autosync.webhook;

import dev.autosync.common.WebhookEvent;
import dev.autosync.queue.DeliveryId;
import java.util.Optional;

/**
 * One authenticated, validated delivery, whatever its content type: what everything after the edge
 * sees.
 *
 * @param payload the JSON payload exactly as GitHub sent it (for a form body, the decoded field)
 */
public record WebhookEnvelope(DeliveryId deliveryId, String event, Optional<String> installationTargetId,
                              PayloadSummary summary, String payload) {

    public boolean isPing() {
        return WebhookEvent.PING.wireName().equals(event);
    }

    @Override
    public String toString() {
        return "WebhookEnvelope[delivery=" + deliveryId + ", event=" + event + "]";
    }
}
