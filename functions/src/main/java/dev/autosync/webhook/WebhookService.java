package dev.autosync.webhook;

import dev.autosync.common.WebhookEvent;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventQueue;
import dev.autosync.queue.MessageSize;
import dev.autosync.queue.MessageText;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Receives one GitHub delivery: authenticate, validate, queue, answer. It answers 2xx only once the
 * delivery (or, when SQS cannot carry it, a resync task standing in for it) is on a queue, so GitHub's
 * delivery log shows a failure for anything not queued and it can be redelivered.
 */
public final class WebhookService {

    static final String PAYLOAD_TOO_LARGE_REASON = "payload_too_large";
    static final String PAYLOAD_NOT_QUEUEABLE_REASON = "payload_not_queueable";
    private static final String BRANCH_REF_PREFIX = "refs/heads/";

    private final SignatureVerifier verifier;
    private final EventQueue events;
    private final SyncTaskQueue syncTasks;
    private final Clock clock;

    public WebhookService(WebhookSecrets secrets, EventQueue events, SyncTaskQueue syncTasks, Clock clock) {
        this.verifier = new SignatureVerifier(secrets);
        this.events = events;
        this.syncTasks = syncTasks;
        this.clock = clock;
    }

    public WebhookResponse handle(WebhookRequest request) {
        DeliveryLog log = new DeliveryLog(request);
        try {
            return receive(request, log);
        } catch (DeliveryRejectedException e) {
            log.done(e.rejection().code(), e.rejection().status());
            return WebhookResponse.error(e.rejection(), e.getMessage());
        } catch (QueueUnavailableException e) {
            log.cause(e);
            log.done(Rejection.QUEUE_UNAVAILABLE.code(), Rejection.QUEUE_UNAVAILABLE.status());
            return WebhookResponse.error(Rejection.QUEUE_UNAVAILABLE,
                    "the delivery could not be queued; GitHub can redeliver it later");
        } catch (SecretUnavailableException e) {
            log.cause(e);
            log.done(Rejection.SECRET_UNAVAILABLE.code(), Rejection.SECRET_UNAVAILABLE.status());
            return WebhookResponse.error(Rejection.SECRET_UNAVAILABLE,
                    "the webhook secret is unavailable; GitHub can redeliver this delivery later");
        }
    }

    private WebhookResponse receive(WebhookRequest request, DeliveryLog log) {
        if (!"POST".equals(request.method())) {
            throw new DeliveryRejectedException(Rejection.METHOD_NOT_ALLOWED,
                    "GitHub webhooks are POSTed; " + request.method() + " is not allowed");
        }
        verifier.verify(request);
        WebhookEnvelope envelope = DeliveryParser.parse(request);
        log.envelope(envelope);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivery", envelope.deliveryId().value());
        answer.put("event", envelope.event());
        if (envelope.isPing()) {
            answer.put("zen", envelope.summary().zen().orElse(""));
            log.done("ping", 200);
            return WebhookResponse.json(200, answer);
        }
        EventMessage message = new EventMessage(envelope.deliveryId(), envelope.event(),
                envelope.installationTargetId(), clock.instant(), envelope.payload());
        boolean fits = MessageSize.fits(message);
        if (fits && MessageText.isAllowed(message.payload())) {
            events.send(message);
            log.done("queued", 202);
        } else {
            SyncTask task = resyncTask(envelope, fits ? PAYLOAD_NOT_QUEUEABLE_REASON : PAYLOAD_TOO_LARGE_REASON);
            syncTasks.send(task);
            answer.put("sync_task", task.kind().name().toLowerCase(Locale.ROOT));
            log.done("resync_queued", 202);
        }
        answer.put("queued", true);
        return WebhookResponse.json(202, answer);
    }

    /** What the sync engine must re-read instead of a payload SQS cannot carry. */
    private SyncTask resyncTask(WebhookEnvelope envelope, String reason) {
        PayloadSummary summary = envelope.summary();
        Long installation = summary.installationId().orElse(null);
        if (summary.repositoryId().isPresent()) {
            String branch = WebhookEvent.PUSH.wireName().equals(envelope.event())
                    ? summary.ref().filter(ref -> ref.startsWith(BRANCH_REF_PREFIX))
                            .map(ref -> ref.substring(BRANCH_REF_PREFIX.length())).orElse(null)
                    : null;
            return SyncTask.of(SyncTask.Kind.SYNC_REPOSITORY).withInstallation(installation)
                    .withRepository(summary.repositoryId().get(), summary.repositoryFullName().orElse(null))
                    .withBranch(branch).withReason(reason, clock.instant()).withDelivery(envelope.deliveryId().value())
                    .withPayload(envelope.event(), MessageSize.utf8Length(envelope.payload()));
        }
        if (installation != null) {
            return SyncTask.of(SyncTask.Kind.SYNC_INSTALLATION).withInstallation(installation)
                    .withReason(reason, clock.instant()).withDelivery(envelope.deliveryId().value())
                    .withPayload(envelope.event(), MessageSize.utf8Length(envelope.payload()));
        }
        throw new DeliveryRejectedException(PAYLOAD_TOO_LARGE_REASON.equals(reason)
                ? Rejection.PAYLOAD_TOO_LARGE : Rejection.UNQUEUEABLE_PAYLOAD,
                "the payload cannot be queued (" + reason + ") and names no installation or repository to resync");
    }
}
