package dev.autosync.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.common.WebhookEvent;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.MalformedMessageException;
import dev.autosync.queue.MessageSize;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryHours;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.store.EntityStore;
import dev.autosync.store.Observations;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
        BUSY,
        /**
         * Can never be processed (a malformed message, a payload that is not GitHub's for its event): recorded
         * as rejected and acknowledged, not retried.
         */
        REJECTED,
        /**
         * This attempt outlived its lease and another took the delivery over: what it would have recorded was
         * refused (the ledger is the other attempt's). Left on the queue; the ledger decides the retry.
         */
        SUPERSEDED
    }

    private static final Log LOG = Log.of(EventProcessor.class);
    private static final String OUR_PACKAGES = "dev.autosync.";
    /** The hourly totals' outcome of a delivery that can never be processed. */
    private static final String REJECTED = "rejected";

    private final DeliveryLedger ledger;
    private final DeliveryArchive archive;
    private final InstallationLiveness liveness;
    private final InstallationEvents installations;
    private final RepositoryEvents repositories;
    private final ActivityEvents activity;
    private final DeliveryHours hours;
    private final java.time.Clock clock;

    /**
     * @param archive every accepted delivery's payload, kept for inspection and replay
     * @param hours   the per-hour delivery totals (the dashboard's chart), counted once per settled delivery
     */
    public EventProcessor(DeliveryLedger ledger, DeliveryArchive archive, EntityStore entities,
                          InstallationEvents installations, RepositoryEvents repositories, ActivityEvents activity,
                          DeliveryHours hours, java.time.Clock clock) {
        this.ledger = ledger;
        this.archive = archive;
        this.hours = hours;
        this.liveness = new InstallationLiveness(entities, clock);
        this.clock = clock;
        this.installations = installations;
        this.repositories = repositories;
        this.activity = activity;
    }

    /**
     * Processes one queue message (body and string attributes, as SQS and Lambda present them). A message
     * that can never be processed is rejected (recorded, and deleted from the queue): retrying it would fail
     * the same way each time, keep it from the dead-letter queue for no gain and raise the DLQ alarm for
     * something that is not an outage. GitHub still holds the delivery, and the ledger its id and why.
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
            try {
                // No receipt time: not listed, counted in the hour it was rejected.
                reject(new DeliveryLedger.Receipt(DeliveryId.isValid(delivery) ? delivery : "sqs-" + messageId,
                        attributes.get(EventMessageCodec.ATTR_EVENT), null, null, null, null, 0, true), e);
                return true;
            } catch (RuntimeException unrecorded) {
                return false;
            }
        }
        try {
            Result result = process(message);
            return result != Result.BUSY && result != Result.SUPERSEDED;
        } catch (RuntimeException e) {
            return false; // recorded by process() when the store allowed
        }
    }

    /**
     * @throws RuntimeException any failure of the store or queue (recorded when possible); the message must
     *                          be retried
     */
    public Result process(EventMessage message) {
        String deliveryId = message.deliveryId().value();
        // A replay is its own op under its own record, once per replay job: the ledger lets it through once
        // per job, and the order guards and the op-scoped counters make it change nothing already applied.
        Optional<String> replayJob = message.replayJob();
        String opId = replayJob.map(job -> DeliveryLedger.replayRecord(deliveryId, job)).orElse(deliveryId);
        boolean listed = replayJob.isEmpty();
        Optional<WebhookEvent> known = WebhookEvent.named(message.event());
        long size = MessageSize.utf8Length(message.payload());
        JsonNode payload;
        try {
            payload = parse(message.payload());
            known.ifPresent(event -> PayloadShape.check(event, payload));
        } catch (UnreadablePayloadException e) {
            if (listed) {
                // Kept as it came: after a fix, an operator can replay what was refused.
                archive.archive(deliveryId, message.receivedAt(), message.payload(), Optional.empty());
            }
            return reject(new DeliveryLedger.Receipt(opId, message.event(), null, message.receivedAt(), null, null,
                    size, listed), e);
        }
        // Only a checked action is recorded: an unknown event's action is payload text.
        String action = known.isPresent() ? Payloads.text(payload, WebhookEvent.ACTION_FIELD) : null;
        Long installationId = Payloads.installationId(payload);
        Long repositoryId = payload.path("repository").path("id").canConvertToLong()
                ? payload.path("repository").path("id").asLong() : null;
        DeliveryLedger.Claimed claim = ledger.claim(new DeliveryLedger.Receipt(opId, message.event(), action,
                message.receivedAt(), installationId, repositoryId, size, listed));
        if (claim.kind() == DeliveryLedger.Claim.COMPLETED) {
            if (listed) {
                noteDuplicate(deliveryId);
            }
            count(message.event(), "duplicate");
            return Result.DUPLICATE;
        }
        if (claim.kind() == DeliveryLedger.Claim.BUSY) {
            count(message.event(), "busy");
            return Result.BUSY;
        }
        DeliveryLedger.Attempt attempt = claim.attempt();
        Outcome outcome;
        try {
            if (listed) {
                archive.archive(deliveryId, message.receivedAt(), message.payload(), SyncTask.resyncOf(installationId, repositoryId));
            }
            outcome = known.map(event -> route(message, opId, event, action, payload))
                    .orElseGet(() -> ignore(message.event(), payload, message.receivedAt()));
            if (!ledger.complete(attempt, outcome.result(), outcome.text())) {
                return superseded(attempt, message.event(), "completion");
            }
        } catch (UnreadablePayloadException e) {
            if (!ledger.reject(attempt, describe(e))) {
                return superseded(attempt, message.event(), "rejection");
            }
            if (listed && !claim.rejectedBefore()) { // a redelivery of a delivery rejected before was counted then
                countHour(deliveryId, message.event(), REJECTED, message.receivedAt());
            }
            return rejected(deliveryId, message.event(), e);
        } catch (RuntimeException e) {
            recordFailure(attempt, message.event(), e);
            throw e;
        }
        // After the try: the delivery is completed, so a failure here is no failure of the delivery to record.
        // A replay is no new delivery: the hour its delivery was received counted it already.
        if (listed) {
            countHour(deliveryId, message.event(), outcome.kind().metricName(), message.receivedAt());
        }
        replayJob.ifPresent(job -> noteReplay(deliveryId, job, outcome));
        LOG.info("delivery processed", Map.of("delivery", deliveryId, "event", message.event(),
                "outcome", outcome.text(), "resumed", claim.kind() == DeliveryLedger.Claim.RESUMED,
                "replay_job", replayJob.orElse("")));
        count(message.event(), outcome.kind().metricName());
        return outcome.kind() == Outcome.Kind.IGNORED ? Result.IGNORED : Result.PROCESSED;
    }

    /** Shows a replay's result on the original delivery's record; a failure to show it must not retry the replay. */
    private void noteReplay(String deliveryId, String job, Outcome outcome) {
        try {
            ledger.noteReplay(deliveryId, job, outcome.result());
        } catch (RuntimeException e) {
            LOG.warn("replay result not shown on its delivery", Map.of("delivery", deliveryId, "replay_job", job,
                    "error", e.getClass().getSimpleName()));
        }
    }

    /** Counts a duplicate on its record; a failure to count it must not retry a delivery that is done. */
    private void noteDuplicate(String deliveryId) {
        try {
            ledger.noteDuplicate(deliveryId);
        } catch (RuntimeException e) {
            LOG.warn("duplicate not counted", Map.of("delivery", deliveryId, "error", e.getClass().getSimpleName()));
        }
    }

    /**
     * A stale attempt (it outlived its lease, and another attempt claimed the delivery since) finished: what
     * it would have recorded was refused, so it never overwrites the other attempt's record.
     */
    private Result superseded(DeliveryLedger.Attempt attempt, String event, String refused) {
        LOG.warn("delivery superseded: a later attempt holds it, this attempt's " + refused + " was refused",
                Map.of("delivery", attempt.deliveryId(), "event", String.valueOf(event), "attempt", attempt.number()));
        count(event, "superseded");
        return Result.SUPERSEDED;
    }

    /** @param deliveryId the op: the delivery's id, or its replay's record ({@link DeliveryLedger#replayRecord}) */
    private Outcome route(EventMessage message, String deliveryId, WebhookEvent event, String action, JsonNode payload) {
        if (event != WebhookEvent.INSTALLATION) {
            Long installationId = Payloads.installationId(payload);
            if (installationId != null && liveness.deleted(installationId)) {
                return Outcome.ignored("installation " + installationId + " is deleted");
            }
        }
        Instant observed = Observations.delivery(message.receivedAt());
        return switch (event) {
            case INSTALLATION -> installations.handle(deliveryId, action, payload, observed);
            case INSTALLATION_REPOSITORIES -> repositories.installationRepositories(deliveryId, action, payload, observed);
            case REPOSITORY -> repositories.repository(deliveryId, action, payload, message.receivedAt(), observed);
            case PUSH -> activity.push(deliveryId, payload, observed);
            case ISSUES -> activity.issues(action, payload, observed);
            case PULL_REQUEST -> activity.pullRequest(payload, observed);
            default -> ignore(event.wireName(), payload, observed);
        };
    }

    /** Events autosync does not keep; any repository they carry is still recorded (order-safe). */
    private Outcome ignore(String event, JsonNode payload, Instant observed) {
        if (payload.path("repository").isObject()) {
            activity.upsertRepository(payload, observed);
            return Outcome.ignored(event + " (repository recorded)");
        }
        return Outcome.ignored(event);
    }

    /** A failure that a retry may cure (the store or queue): recorded when possible, and the message retried. */
    private void recordFailure(DeliveryLedger.Attempt attempt, String event, RuntimeException failure) {
        String deliveryId = attempt.deliveryId();
        try {
            if (!ledger.fail(attempt, describe(failure))) {
                LOG.warn("delivery failure not recorded: a later attempt holds it", Map.of("delivery", deliveryId,
                        "attempt", attempt.number()));
            }
        } catch (RuntimeException unreachable) {
            // The store is down too: the message's receive count and the DLQ still keep it.
            LOG.warn("cannot record delivery failure", Map.of("delivery", deliveryId,
                    "error", unreachable.getClass().getSimpleName()));
        }
        LOG.error("delivery failed", Map.of("delivery", deliveryId, "event", String.valueOf(event), "error", describe(failure)));
        count(event, "failed");
    }

    /**
     * A message that can never be processed, found before any claim: recorded as rejected (unless the delivery
     * is completed or a live attempt holds it), with nothing changed by it. Its record joins the list of
     * deliveries when its time of receipt is known; it counts in the hourly totals the first time it is
     * rejected, unless it is a replay (its delivery was counted when it arrived).
     *
     * @throws RuntimeException when the store cannot record it: the message is retried until it can
     */
    private Result reject(DeliveryLedger.Receipt receipt, RuntimeException reason) {
        if (ledger.rejectUnclaimed(receipt, describe(reason)) == DeliveryLedger.Rejection.FIRST && receipt.listed()) {
            countHour(receipt.deliveryId(), receipt.event(), REJECTED, receipt.receivedAt());
        }
        return rejected(receipt.deliveryId(), receipt.event(), reason);
    }

    /**
     * Counts a delivery its ledger record just settled in the hour it was received ({@link DeliveryHours}): one
     * UpdateItem, after the settling write succeeded, so only the attempt that settled it counts it — at most
     * once. A failure fails the attempt like any store failure (the message is retried, as after a crash
     * there), but the retry finds the delivery settled and acknowledges it without counting: a lost count,
     * never a double one. A message too malformed to carry its receipt time counts in the hour it was rejected.
     */
    private void countHour(String deliveryId, String event, String outcome, Instant receivedAt) {
        try {
            hours.record(deliveryId, Metrics.event(event), outcome, receivedAt != null ? receivedAt : clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("settled delivery not counted in its hour", Map.of("delivery", deliveryId,
                    "error", e.getClass().getSimpleName()));
            throw e;
        }
    }

    private Result rejected(String deliveryId, String event, RuntimeException reason) {
        LOG.warn("delivery rejected", Map.of("delivery", deliveryId, "event", String.valueOf(event),
                "reason", describe(reason)));
        count(event, "rejected");
        return Result.REJECTED;
    }

    /** {@code Events} by event (allow-listed) and outcome: processed, ignored, stale, duplicate, busy, failed, rejected, superseded. */
    private static void count(String event, String outcome) {
        Metrics.count(MetricNames.EVENTS, Map.of(MetricNames.EVENT, Metrics.event(event), MetricNames.OUTCOME, outcome));
    }

    /**
     * A failure as recorded and logged: its type, and its message only when autosync wrote it (our messages
     * name fields and problems, never payload values). Other libraries' messages may quote what they were
     * given — JDK parsers and Jackson quote their input — so theirs are left out.
     */
    static String describe(RuntimeException failure) {
        String type = failure.getClass().getSimpleName();
        boolean ours = failure.getClass().getPackageName().startsWith(OUR_PACKAGES);
        return ours && failure.getMessage() != null ? type + ": " + failure.getMessage() : type;
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
