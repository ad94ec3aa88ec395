package dev.autosync.api;

import static dev.autosync.api.WireJson.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.store.Delivery;
import dev.autosync.store.DeliveryEntry;
import dev.autosync.store.DeliveryFilter;
import java.time.Duration;
import java.time.Instant;

/**
 * The api's JSON for a delivery: what it was (event, action, installation, repository, time, size) and what
 * happened to it ({@code status}: in_progress, processed, stale, ignored, rejected, failed — or
 * redelivery_requested for a delivery the sync engine asked GitHub to send again and that has not arrived).
 */
final class DeliveryJson {

    /** A record with no attempt: the sync engine's note that it asked GitHub to redeliver. */
    static final String REDELIVERY_REQUESTED = "redelivery_requested";

    private DeliveryJson() {
    }

    static ObjectNode listed(DeliveryEntry entry) {
        Delivery ledger = entry.ledger();
        ObjectNode json = WireJson.object();
        json.put("delivery_id", ledger.deliveryId());
        json.put("event", ledger.event());
        json.put("action", ledger.action());
        json.put("installation_id", entry.subject().installationId().orElse(null));
        json.put("repository_id", entry.subject().repositoryId().orElse(null));
        json.put("received_at", time(ledger.receivedAt()));
        json.put("size_bytes", entry.sizeBytes());
        json.put("status", status(entry));
        json.put("outcome", ledger.outcome());
        json.put("error", ledger.error());
        json.put("attempts", ledger.attempts());
        DeliveryEntry.Progress progress = entry.progress();
        json.put("duplicates", progress.duplicates());
        json.put("first_attempt_at", time(progress.firstAttemptAt().orElse(null)));
        json.put("last_attempt_at", time(progress.lastAttemptAt().orElse(null)));
        json.put("processed_at", time(ledger.processedAt()));
        json.put("duration_ms", duration(progress.lastAttemptAt().orElse(null), ledger.processedAt()));
        progress.lastReplay().ifPresentOrElse(replay -> json.putObject("last_replay").put("job_id", replay.jobId())
                .put("status", replay.result().wireName()).put("at", time(replay.at())), () -> json.putNull("last_replay"));
        return json;
    }

    /** {@link #listed} and its archive entry: whether the payload is kept, until when, or what covers it. */
    static ObjectNode detailed(DeliveryEntry entry) {
        ObjectNode json = listed(entry);
        json.put("payload_archived", entry.archive().map(DeliveryEntry.Archived::payloadArchived).orElse(false));
        json.put("covered_by", entry.archive().flatMap(DeliveryEntry.Archived::coveredBy).orElse(null));
        json.put("archive_expires_at", time(entry.archive().map(DeliveryEntry.Archived::expiresAt).orElse(null)));
        return json;
    }

    static String status(DeliveryEntry entry) {
        Delivery.Status status = entry.ledger().status();
        if (status == null) {
            return REDELIVERY_REQUESTED;
        }
        return switch (status) {
            case IN_PROGRESS -> DeliveryFilter.Status.IN_PROGRESS.wireName();
            case FAILED -> DeliveryFilter.Status.FAILED.wireName();
            case REJECTED -> DeliveryFilter.Status.REJECTED.wireName();
            case COMPLETED -> entry.result().orElse(Delivery.Result.PROCESSED).wireName();
        };
    }

    private static Long duration(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to).toMillis();
    }
}
