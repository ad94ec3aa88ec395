package dev.autosync.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * One webhook delivery as it travels on the events queue: the payload exactly as GitHub sent it (the
 * message body) plus the delivery's headers (as message attributes, see {@link EventMessageCodec}).
 *
 * @param installationTargetId {@code X-GitHub-Hook-Installation-Target-ID}: for an App webhook, the App id
 * @param replayJob            the replay job that re-queued this archived delivery (the replay mark), if any
 */
public record EventMessage(DeliveryId deliveryId, String event, Optional<String> installationTargetId,
                           Instant receivedAt, String payload, Optional<String> replayJob) {

    /** A delivery as the webhook queues it (no replay mark). */
    public EventMessage(DeliveryId deliveryId, String event, Optional<String> installationTargetId, Instant receivedAt,
                        String payload) {
        this(deliveryId, event, installationTargetId, receivedAt, payload, Optional.empty());
    }

    @Override
    public String toString() {
        // Never print the payload: it may hold private code, issue text or e-mail addresses.
        return "EventMessage[delivery=" + deliveryId + ", event=" + event + ", bytes=" + payload.length()
                + replayJob.map(job -> ", replay=" + job).orElse("") + "]";
    }
}
