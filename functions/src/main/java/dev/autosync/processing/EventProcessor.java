package dev.autosync.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.MalformedMessageException;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.store.EntityStore;
import java.util.Map;

/**
 * Applies one webhook delivery to the store, exactly once in effect: the delivery is claimed in the
 * {@link DeliveryLedger} first (a completed one is acknowledged and skipped, a crashed one taken over),
 * every write is idempotent and order-safe, and the delivery is completed last. Knows nothing of Lambda.
 */
public final class EventProcessor {

    /** What became of a delivery. */
    public enum Result {
        PROCESSED,
        IGNORED,
        /** Already completed earlier: acknowledged without writes. */
        DUPLICATE,
        /** Another processor is working on it right now: leave it on the queue and retry later. */
        BUSY
    }

    private static final Log LOG = Log.of(EventProcessor.class);

    private final DeliveryLedger ledger;
    private final EntityStore entities;
    private final InstallationEvents installations;
    private final RepositoryEvents repositories;
    private final ActivityEvents activity;

    public EventProcessor(DeliveryLedger ledger, EntityStore entities, InstallationEvents installations,
                          RepositoryEvents repositories, ActivityEvents activity) {
        this.ledger = ledger;
        this.entities = entities;
        this.installations = installations;
        this.repositories = repositories;
        this.activity = activity;
    }

    /**
     * Processes one queue message (body and string attributes, as SQS and Lambda present them).
     *
     * @return true when the message may be deleted from the queue; false to have it retried (and, after the
     *         queue's max receive count, moved to the dead-letter queue)
     */
    public boolean processMessage(String messageId, String body, Map<String, String> attributes) {
        EventMessage message;
        try {
            message = EventMessageCodec.read(body, attributes);
        } catch (MalformedMessageException e) {
            String delivery = attributes.get(EventMessageCodec.ATTR_DELIVERY);
            recordFailure(DeliveryId.isValid(delivery) ? delivery : "sqs-" + messageId,
                    attributes.get(EventMessageCodec.ATTR_EVENT), e);
            return false;
        }
        try {
            return process(message) != Result.BUSY;
        } catch (RuntimeException e) {
            return false; // recorded by process()
        }
    }

    /**
     * @throws UnreadablePayloadException when the payload is not GitHub's JSON (recorded on the delivery)
     * @throws RuntimeException           any failure of the store or queue (recorded when possible); the
     *                                    message must be retried
     */
    public Result process(EventMessage message) {
        String deliveryId = message.deliveryId().value();
        JsonNode payload;
        try {
            payload = parse(message.payload());
        } catch (UnreadablePayloadException e) {
            recordFailure(deliveryId, message.event(), e);
            throw e;
        }
        String action = Payloads.text(payload, "action");
        DeliveryLedger.Claim claim = ledger.claim(deliveryId, message.event(), action, message.receivedAt());
        if (claim == DeliveryLedger.Claim.COMPLETED) {
            count(message.event(), "duplicate");
            return Result.DUPLICATE;
        }
        if (claim == DeliveryLedger.Claim.BUSY) {
            count(message.event(), "busy");
            return Result.BUSY;
        }
        try {
            String outcome = route(deliveryId, message.event(), action, payload);
            ledger.complete(deliveryId, outcome);
            LOG.info("delivery processed", Map.of("delivery", deliveryId, "event", message.event(),
                    "outcome", outcome, "resumed", claim == DeliveryLedger.Claim.RESUMED));
            count(message.event(), metricOutcome(outcome));
            return outcome.startsWith("ignored") ? Result.IGNORED : Result.PROCESSED;
        } catch (RuntimeException e) {
            recordFailure(deliveryId, message.event(), e);
            throw e;
        }
    }

    private String route(String deliveryId, String event, String action, JsonNode payload) {
        if (!"installation".equals(event)) {
            Long installationId = Payloads.installationId(payload);
            if (installationId != null && entities.installationDeleted(installationId)) {
                return "ignored: installation " + installationId + " is deleted";
            }
        }
        return switch (event) {
            case "installation" -> installations.handle(deliveryId, action, payload);
            case "installation_repositories" -> repositories.installationRepositories(deliveryId, action, payload);
            case "repository" -> repositories.repository(deliveryId, action, payload);
            case "push" -> activity.push(deliveryId, payload);
            case "issues" -> activity.issues(action, payload);
            case "pull_request" -> activity.pullRequest(payload);
            default -> ignore(event, payload);
        };
    }

    /** Events autosync does not keep; any repository they carry is still recorded (order-safe). */
    private String ignore(String event, JsonNode payload) {
        if (payload.path("repository").isObject()) {
            activity.upsertRepository(payload);
            return "ignored: " + event + " (repository recorded)";
        }
        return "ignored: " + event;
    }

    private void recordFailure(String deliveryId, String event, RuntimeException failure) {
        try {
            ledger.fail(deliveryId, event, describe(failure));
        } catch (RuntimeException unreachable) {
            // The store is down too: the message's receive count and the DLQ still keep it.
            LOG.warn("cannot record delivery failure", Map.of("delivery", deliveryId,
                    "error", unreachable.getClass().getSimpleName()));
        }
        LOG.error("delivery failed", Map.of("delivery", deliveryId, "event", String.valueOf(event), "error", describe(failure)));
        count(event, "failed");
    }

    /** {@code Events} by event (allow-listed) and outcome: processed, ignored, stale, duplicate, busy, failed. */
    private static void count(String event, String outcome) {
        Metrics.count(MetricNames.EVENTS, Map.of(MetricNames.EVENT, Metrics.event(event), MetricNames.OUTCOME, outcome));
    }

    /** A completed delivery's outcome as counted: its write lost to newer stored data, skipped, or applied. */
    static String metricOutcome(String outcome) {
        if (outcome.startsWith("ignored") || outcome.startsWith("skipped")) {
            return "ignored";
        }
        return outcome.endsWith(" stale") || outcome.contains(" stale,") ? "stale" : "processed";
    }

    /** A failure as recorded: type and our own message, never payload text. */
    static String describe(RuntimeException failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode payload = Json.mapper().readTree(body);
            if (payload == null || !payload.isObject()) {
                throw new UnreadablePayloadException("payload is not a JSON object");
            }
            return payload;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new UnreadablePayloadException("payload is not JSON" + (at == null ? ""
                    : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }
}
